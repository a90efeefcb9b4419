import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A secret for a link or a cookie; only its hash is stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A stable pseudonym for an IP address: the audit can group attempts without keeping the address. */
export function pseudonymise(value: string, secret: string): string {
  return createHmac('sha256', secret).update(value).digest('hex').slice(0, 16);
}
