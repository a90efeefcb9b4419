import { Logger } from '@nestjs/common';

/**
 * On SIGTERM (or SIGINT): close the application (the HTTP server stops accepting and finishes the
 * requests in flight; queues finish their active jobs; then the database closes), and exit 0 — or 1 if
 * that takes longer than `timeoutSeconds`, so that an orchestrator's own kill deadline is never the one
 * that ends the process. Replaces Nest's shutdown hooks, which re-raise the signal and exit 143.
 */
export function exitGracefully(close: () => Promise<void>, timeoutSeconds: number): void {
  const logger = new Logger('Shutdown');
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: finishing the requests and jobs in flight (at most ${timeoutSeconds} s)`);
    const deadline = setTimeout(() => {
      logger.error(`still busy after ${timeoutSeconds} s: exiting anyway`);
      process.exit(1);
    }, timeoutSeconds * 1000);
    deadline.unref();
    close().then(
      () => {
        logger.log('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error(`shutdown failed: ${String((err as Error)?.stack ?? err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
