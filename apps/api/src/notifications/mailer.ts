import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';

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

/** SMTP when SMTP_URL is set; otherwise each message is written as an .eml file under DATA_DIR/outbox. */
export function createMailer(smtpUrl: string | undefined, outboxDir: string): Mailer {
  if (smtpUrl) {
    const transport: Transporter = nodemailer.createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: SMTP_CONNECTIONS,
      maxMessages: Infinity,
    });
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
