import type { TokenSigner } from '../auth/createTokenSigner.ts';

/** A grant is good for 12–18 hours: a console left open for a working day keeps its tiles. */
const BUCKET_S = 6 * 3600;
const TTL_S = 3 * BUCKET_S;

export interface TileGrants {
  /** A grant to read the place's files; the same string all through a 6-hour window, so the host's browser cache keeps working. */
  grant(placeId: string, now?: number): string;
  /** Whether `grant` is a genuine, unexpired grant for this place. */
  allows(grant: string, placeId: string, now?: number): boolean;
}

/**
 * Signed, expiring grants that let the host console load the tiles, plan and dollhouse of
 * a place that is not published: image and tile requests cannot carry the console's bearer
 * token, so the host API's answers put a grant in the files' URLs
 * (`/tiles/<place>/~<grant>/…`). A grant names one place; it is signed with the token
 * secret under a subject no host token can have (`tiles:<place>`).
 */
export function createTileGrants(signer: TokenSigner): TileGrants {
  const subject = (placeId: string) => `tiles:${placeId}`;
  return {
    grant(placeId, now = Date.now()) {
      const bucketStart = Math.floor(now / 1000 / BUCKET_S) * BUCKET_S;
      return signer.sign(subject(placeId), TTL_S, bucketStart * 1000).token;
    },
    allows(grant, placeId, now = Date.now()) {
      return signer.verify(grant, now)?.sub === subject(placeId);
    },
  };
}
