import type { DataSource, EntityManager } from 'typeorm';

/**
 * A statement PostgreSQL parses and plans once per connection rather than at every call: `pg` sends it
 * under its name the first time, then only binds and executes it. For the booking path's hot statements,
 * whose planning (a five-table CTE, a read with four JSON aggregates) cost about as much as running them.
 */
export interface Prepared {
  readonly name: string;
  readonly text: string;
}

export function prepared(name: string, text: string): Prepared {
  return { name, text };
}

// Named statements live in the server session, the `pg` client only remembers which it has sent. PGlite
// has one session behind every socket connection: a connection the pool reopens would send the name
// again and fail with "prepared statement already exists". So only a real server gets them.
const servers = new WeakSet<DataSource>();

/** Marks a data source as connected to a PostgreSQL server, where each connection is its own session. */
export function allowPreparedStatements(ds: DataSource): void {
  servers.add(ds);
}

export function runPrepared<T = Record<string, unknown>>(
  em: EntityManager,
  statement: Prepared,
  params: unknown[],
): Promise<T[]> {
  if (!servers.has(em.connection)) return em.query(statement.text, params);
  // TypeORM hands its first argument to pg's `client.query` as it is, and pg takes a query config there.
  return em.query(statement as unknown as string, params);
}
