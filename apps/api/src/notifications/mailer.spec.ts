import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createMailer } from './mailer';

/** An SMTP server on a free port that counts the connections opened and the messages accepted. */
async function sink() {
  const seen = { connections: 0, messages: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, done) {
      seen.connections++;
      done();
    },
    onData(stream, _session, done) {
      stream.resume();
      stream.on('end', () => {
        seen.messages++;
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { seen, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const message = (i: number) => ({
  from: 'Lieux Partagés <ne-pas-repondre@example.org>',
  to: 'asso@example.org',
  subject: `Réservation ${i}`,
  text: 'Votre réservation est confirmée.\n'.repeat(200),
  messageId: `<${i}@example.org>`,
});

describe('the SMTP mailer', () => {
  it('sends one message after another on the connection it keeps open', async () => {
    const server = await sink();
    const mailer = createMailer(`smtp://127.0.0.1:${server.port}`, '/nonexistent');
    try {
      for (let i = 0; i < 5; i++) await mailer.send(message(i));
      expect(server.seen).toEqual({ connections: 1, messages: 5 });
    } finally {
      mailer.close();
      await server.close();
    }
  });

  it('opens at most its pool of connections for many messages at once, or what the URL allows', async () => {
    const server = await sink();
    const mailer = createMailer(`smtp://127.0.0.1:${server.port}?maxConnections=2`, '/nonexistent');
    try {
      await Promise.all(Array.from({ length: 12 }, (_, i) => mailer.send(message(i))));
      expect(server.seen).toEqual({ connections: 2, messages: 12 });
    } finally {
      mailer.close();
      await server.close();
    }
  });

  it('fails a message when nothing listens, with the connection’s error', async () => {
    const server = await sink();
    await server.close();
    const mailer = createMailer(`smtp://127.0.0.1:${server.port}`, '/nonexistent');
    try {
      await expect(mailer.send(message(0))).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      mailer.close();
    }
  });
});
