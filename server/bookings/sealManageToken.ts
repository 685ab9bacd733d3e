import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// The key comes from the idempotency key, which only the submitting browser knows: a replayed
// submit can get its manage token back, while the database alone cannot reveal it.
const key = (idempotencyKey: string, bookingId: string) =>
  Buffer.from(hkdfSync('sha256', idempotencyKey, bookingId, 'vantage manage token', 32));

/** AES-256-GCM of `token` under a key derived from the idempotency key; `iv.tag.ciphertext`, base64url. */
export function sealManageToken(token: string, idempotencyKey: string, bookingId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(idempotencyKey, bookingId), iv);
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

/** The token sealed by sealManageToken, or null when the key does not open it. */
export function openManageToken(sealed: string, idempotencyKey: string, bookingId: string): string | null {
  try {
    const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', key(idempotencyKey, bookingId), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
