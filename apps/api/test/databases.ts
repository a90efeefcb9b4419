import { Client } from 'pg';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The URL of a database beside the suite's own, named after it (CI's database name works too). */
export function siblingDatabase(suffix: string): { name: string; url: string } {
  const url = new URL(DATABASE_URL);
  const name = `${url.pathname.slice(1)}_${suffix}`;
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** Runs `sql` on the server's maintenance database (CREATE / DROP DATABASE cannot run inside the target). */
export async function onServer(sql: string): Promise<void> {
  const url = new URL(DATABASE_URL);
  url.pathname = '/postgres';
  const pg = new Client({ connectionString: url.toString() });
  await pg.connect();
  try {
    await pg.query(sql);
  } finally {
    await pg.end();
  }
}

export async function freshDatabase(name: string): Promise<void> {
  await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await onServer(`CREATE DATABASE "${name}"`);
}
