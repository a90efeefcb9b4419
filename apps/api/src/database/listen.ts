import { Client } from 'pg';

/**
 * A connection of its own listening on a PostgreSQL channel (NOTIFY is delivered at the notifier's
 * commit). `lost` is called once if the connection fails or ends; the caller decides when to listen again.
 */
export async function listen(
  databaseUrl: string,
  channel: 'session_changes',
  notice: (payload: string) => void,
  lost: (err?: Error) => void,
): Promise<Client> {
  const client = new Client({ connectionString: databaseUrl });
  let gone = false;
  const lose = (err?: Error) => {
    if (gone) return;
    gone = true;
    lost(err);
  };
  client.on('notification', (n) => notice(n.payload ?? ''));
  client.on('error', lose);
  client.on('end', () => lose());
  try {
    await client.connect();
    await client.query(`LISTEN ${channel}`);
  } catch (err) {
    gone = true;
    await client.end().catch(() => undefined);
    throw err;
  }
  return client;
}
