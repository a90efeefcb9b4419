import { DomainException } from './domain.exception';

/** Opaque cursors for keyset pagination: the sort key of the last item, base64url-encoded. */
export function encodeKeyset(values: Record<string, string>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What each kind of sort key may hold: a forged cursor must be a 400, not a failed SQL cast. */
export const KEY = {
  uuid: (v: string) => UUID.test(v),
  instant: (v: string) => !Number.isNaN(Date.parse(v)),
  text: () => true,
};

export function decodeKeyset<K extends string>(
  cursor: string,
  keys: Record<K, (v: string) => boolean>,
): Record<K, string> {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const entries = Object.entries(keys) as [K, (v: string) => boolean][];
    if (v && entries.every(([k, ok]) => typeof v[k] === 'string' && ok(v[k]))) return v;
  } catch {
    // fall through
  }
  throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED.cursor', [
    { path: 'query.cursor', message: 'VALIDATION_FAILED.cursor.field' },
  ]);
}
