import { createHmac } from 'node:crypto';
import { createTokenSigner } from '../auth/createTokenSigner.ts';

export interface SeatClaims {
  /** Session id. */
  sid: string;
  /** Participant id, assigned by the server at join. */
  pid: string;
  /** Display name, cleaned at join. */
  name: string;
  exp: number;
}

export interface SeatTokens {
  sign(claims: { sid: string; pid: string; name: string }, ttlSeconds?: number): { token: string; expiresAt: Date };
  /** The claims of a genuine, unexpired seat token; null for anything else (never throws). */
  verify(token: string): SeatClaims | null;
}

/** How long a seat token lets its holder reconnect; every welcome hands out a fresh one. */
export const SEAT_TOKEN_TTL_S = 12 * 3600;

/**
 * Seat tokens: who sits where in which session, signed with a key derived from AUTH_SECRET
 * (so any instance sharing it can verify, and a host token is never a seat token or back).
 */
export function createSeatTokens(secret: Buffer): SeatTokens {
  const signer = createTokenSigner(createHmac('sha256', secret).update('vantage/session-seat/v1').digest());
  return {
    sign({ sid, pid, name }, ttlSeconds = SEAT_TOKEN_TTL_S) {
      return signer.sign(JSON.stringify([sid, pid, name]), ttlSeconds);
    },
    verify(token) {
      const claims = signer.verify(token);
      if (!claims) return null;
      try {
        const v = JSON.parse(claims.sub) as unknown;
        if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'string')) return null;
        const [sid, pid, name] = v as string[];
        return { sid, pid, name, exp: claims.exp };
      } catch {
        return null;
      }
    },
  };
}
