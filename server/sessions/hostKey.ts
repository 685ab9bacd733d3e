import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new host key (256 random bits, url-safe) and the hash the store keeps instead of it. */
export function newHostKey(): { key: string; hash: string } {
  const key = randomBytes(32).toString('base64url');
  return { key, hash: hashHostKey(key) };
}

export function hashHostKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Constant-time comparison of a presented key with the stored hash. */
export function hostKeyMatches(key: string, hash: string): boolean {
  if (typeof key !== 'string' || key.length > 128) return false;
  const a = Buffer.from(hashHostKey(key), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
