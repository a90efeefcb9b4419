import { DomainException } from './domain.exception';

/** Opaque cursors for keyset pagination: the sort key of the last item, base64url-encoded. */
export function encodeKeyset(values: Record<string, string>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeKeyset<K extends string>(cursor: string, keys: K[]): Record<K, string> {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (v && keys.every((k) => typeof v[k] === 'string')) return v;
  } catch {
    // fall through
  }
  throw new DomainException('VALIDATION_FAILED', 400, 'Curseur de pagination invalide.', [
    { path: 'query.cursor', message: 'Curseur inconnu : reprenez depuis la première page.' },
  ]);
}
