import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** Host id. */
  sub: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export interface TokenSigner {
  sign(sub: string, ttlSeconds: number, now?: number): { token: string; expiresAt: Date };
  /** The claims of a genuine, unexpired token; null for anything else (never throws). */
  verify(token: string, now?: number): TokenClaims | null;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/**
 * Host tokens: `v1.<claims>.<HMAC-SHA256>` with a server secret. Stateless, so any server
 * instance sharing AUTH_SECRET accepts them; short enough to paste into a script.
 */
export function createTokenSigner(secret: Buffer): TokenSigner {
  if (secret.length < 32) throw new Error('Vantage: AUTH_SECRET must be at least 32 bytes — generate one with `openssl rand -hex 32`.');
  const mac = (body: string) => createHmac('sha256', secret).update(`v1.${body}`).digest();
  return {
    sign(sub, ttlSeconds, now = Date.now()) {
      const exp = Math.floor(now / 1000) + ttlSeconds;
      const body = b64(JSON.stringify({ sub, exp }));
      return { token: `v1.${body}.${b64(mac(body))}`, expiresAt: new Date(exp * 1000) };
    },
    verify(token, now = Date.now()) {
      if (typeof token !== 'string' || token.length > 2048) return null;
      const [v, body, sig] = token.split('.');
      if (v !== 'v1' || !body || !sig) return null;
      const given = Buffer.from(sig, 'base64url');
      const want = mac(body);
      if (given.length !== want.length || !timingSafeEqual(given, want)) return null;
      try {
        const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
        if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
        return claims.exp * 1000 > now ? claims : null;
      } catch {
        return null;
      }
    },
  };
}
