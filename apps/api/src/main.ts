import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { migrateCommand } from './database/migrate';
import { exitGracefully } from './graceful-shutdown';
import { createApp, createLogger } from './http/create-app';
import { OccupancyService } from './reports/occupancy.service';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }

  if (process.argv[2] === 'worker') {
    const app = await NestFactory.createApplicationContext(AppModule.forWorker(config), {
      logger: createLogger(config),
    });
    exitGracefully(() => app.close(), config.shutdownTimeoutSeconds);
    new Logger('Worker').log(`processing notifications (${config.redisUrl ? 'Redis' : 'in process'})`);
    return;
  }

  if (process.argv[2] === 'migrate') {
    const applied = await migrateCommand(config);
    console.log(
      applied.length > 0
        ? `migrations applied:\n${applied.map((name) => `  ${name}`).join('\n')}`
        : 'migrations: none pending, the schema is up to date',
    );
    return;
  }

  if (process.argv[2] === 'occupancy:rebuild') {
    // `occupancy:rebuild [YYYY-MM-01 YYYY-MM-DD]`: recompute every rollup, optionally over new whole months.
    const [from, to] = process.argv.slice(3);
    const ctx = await NestFactory.createApplicationContext(AppModule.forCommand(config), {
      logger: createLogger(config),
    });
    const result = await ctx.get(OccupancyService).rebuild(from && to ? { from, to } : undefined);
    console.log(`occupancy rebuilt: ${result.spaces} spaces in ${(result.ms / 1000).toFixed(1)} s`);
    await ctx.close();
    return;
  }

  const app = await createApp(config);
  exitGracefully(() => app.close(), config.shutdownTimeoutSeconds);
  await app.listen({ port: config.port, host: config.host });
  printBanner(config);
}

function printBanner(config: AppConfig): void {
  if (config.logFormat === 'json') {
    new Logger('Main').log({ msg: 'listening', url: config.publicUrl, mode: config.mode });
    return;
  }
  const lines = [
    '',
    `  Lieux Partagés is running: ${config.publicUrl}`,
    `  API documentation:         ${config.publicUrl}/api/docs`,
    `  Mode: ${config.mode === 'embedded' ? `embedded (PostgreSQL in process, data in ${config.dataDir})` : 'services'}`,
  ];
  if (config.demoSeed) {
    lines.push(
      '',
      `  Demo accounts (password: ${config.demoPassword}):`,
      '    membre@demo.lieux-partages.fr        member of a verified association',
      '    cooperative@demo.lieux-partages.fr   admin of a cooperative',
      '    gestionnaire@demo.lieux-partages.fr  site manager',
      '    delegue@demo.lieux-partages.fr       regional delegate (Occitanie)',
      '    admin@demo.lieux-partages.fr         national admin',
    );
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
