import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';

export const MAILER = Symbol('MAILER');

export interface Mailer {
  send(message: Mail.Options): Promise<void>;
  /** Closes the connections kept open to the SMTP server. */
  close(): void;
}

/**
 * SMTP connections kept open per process, shared by its jobs: a connection per message cost a TCP
 * handshake, the greeting and EHLO each time. Half the jobs a worker runs at once (the notification
 * queue's concurrency): a job spends about half its time on the database. SMTP_URL's query
 * (`?maxConnections=2`) overrides it for a server that limits its clients.
 */
export const SMTP_CONNECTIONS = 8;
const CONNECT_TIMEOUT_MS = 30_000;

/**
 * Opens the pool's connections with Nagle's algorithm off, which nodemailer's own connect leaves on: it
 * writes a message's terminating dot apart from the body, and with Nagle on the dot waited for the
 * server's delayed ACK (measured here: 55 ms per message on a kept connection, 10 ms without).
 * TLS, implicit or STARTTLS, starts on this socket as on nodemailer's own.
 */
function connectWithoutDelay(
  options: SMTPPool.Options,
  done: (err: Error | null, socketOptions?: { connection: net.Socket }) => void,
): void {
  const socket = net.connect({
    host: options.host || 'localhost',
    port: Number(options.port) || (options.secure ? 465 : 587),
    noDelay: true,
  });
  const fail = (err: Error) => {
    socket.destroy();
    done(err);
  };
  const timedOut = () => fail(new Error('SMTP connection timed out'));
  socket.setTimeout(CONNECT_TIMEOUT_MS);
  socket.once('timeout', timedOut);
  socket.once('error', fail);
  socket.once('connect', () => {
    // Nodemailer sets its own timeouts and error handlers on the socket from here on.
    socket.setTimeout(0);
    socket.off('timeout', timedOut);
    socket.off('error', fail);
    done(null, { connection: socket });
  });
}

/** SMTP when SMTP_URL is set; otherwise each message is written as an .eml file under DATA_DIR/outbox. */
export function createMailer(smtpUrl: string | undefined, outboxDir: string): Mailer {
  if (smtpUrl) {
    // A pool built here: given an object with `url`, nodemailer's createTransport reads the URL alone and
    // drops every other option, so each message went on a new connection (greeting, EHLO: 150 ms each).
    // The URL's query still overrides these (SMTPPool merges it last).
    const transport: Transporter = nodemailer.createTransport(
      new SMTPPool({
        pool: true,
        url: smtpUrl,
        maxConnections: SMTP_CONNECTIONS,
        maxMessages: Infinity,
        getSocket: connectWithoutDelay,
      }),
    );
    return {
      async send(message) {
        // Built to one buffer first: streamed, the message went to the socket in a write per MIME part
        // and line group, the larger part of a worker's CPU.
        const mail = new MailComposer(message).compile();
        const raw = await mail.build();
        await transport.sendMail({ raw, envelope: mail.getEnvelope(), messageId: message.messageId });
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail(message);
      await mkdir(outboxDir, { recursive: true });
      const id = String(message.messageId ?? Date.now())
        .replace(/^<|>$/g, '')
        .replace(/[^\w.@-]+/g, '_');
      await writeFile(path.join(outboxDir, `${id}.eml`), info.message as Buffer);
    },
    close: () => undefined,
  };
}
