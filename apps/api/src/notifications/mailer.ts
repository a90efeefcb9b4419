import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';

export const MAILER = Symbol('MAILER');

export interface Mailer {
  send(message: Mail.Options): Promise<void>;
}

/** SMTP when SMTP_URL is set; otherwise each message is written as an .eml file under DATA_DIR/outbox. */
export function createMailer(smtpUrl: string | undefined, outboxDir: string): Mailer {
  if (smtpUrl) {
    const transport: Transporter = nodemailer.createTransport(smtpUrl);
    return {
      async send(message) {
        await transport.sendMail(message);
      },
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
  };
}
