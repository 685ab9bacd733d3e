import { createHash } from 'node:crypto';

/**
 * SHA-256 of a manage token, base64url. A plain hash is enough: the token has 128 random bits,
 * so there is nothing to brute-force and no salt or slow hash is needed.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
