/**
 * A stored loop of segments served as a live stream: the wall clock since the Unix epoch is cut
 * into segment-long slots, slot k plays the loop's segment k mod `segments` and carries
 * EXT-X-PROGRAM-DATE-TIME k × segment length. Everything follows from `now` alone, so every
 * angle of a show (and every server instance) lists the same slots with the same times at the
 * same moment: the angles stay aligned without any shared state, and the media sequence only grows.
 */

/** The loop's shape, as stored in the angle's source ({ kind: 'loop' }). */
export interface LoopShape {
  segmentSeconds: number;
  segments: number;
}

/** Segments listed in the window: hls.js starts three target durations from the live edge, so six leave it room. */
export const LOOP_WINDOW_SEGMENTS = 6;

/** Discontinuities are counted from here (any fixed moment before now keeps each slot's number). */
const CC_EPOCH_MS = Date.UTC(2026, 11, 1);

/** One slot's length in whole milliseconds (the clock's unit). */
export function slotMs(loop: LoopShape): number {
  return Math.round(loop.segmentSeconds * 1000);
}

/** Where in the loop the picture stamped with program-date-time `wallMs` is, ms from the loop's start (what the burned-in clock shows). */
export function loopTimeMs(loop: LoopShape, wallMs: number): number {
  const period = slotMs(loop) * loop.segments;
  return ((wallMs % period) + period) % period;
}

/**
 * The live media playlist of a loop at `now` (ms since the epoch): the last `window` completed
 * slots, segment URIs `${baseUrl}seg-<n>.ts` (baseUrl '' for URIs relative to the playlist).
 * A slot that starts the loop again follows an EXT-X-DISCONTINUITY (its timestamps restart);
 * EXT-X-DISCONTINUITY-SEQUENCE counts the wraps before the first listed slot, so a player that
 * refreshes gives each slot the same discontinuity number every time.
 */
export function loopPlaylist(opts: LoopShape & { baseUrl: string; now: number; window?: number }): string {
  const { segments, baseUrl } = opts;
  if (!Number.isInteger(segments) || segments < 1) throw new Error(`Vantage: a loop needs a whole number of segments, got ${segments}`);
  const ms = slotMs(opts);
  if (!(ms > 0)) throw new Error(`Vantage: a loop's segment length must be positive, got ${opts.segmentSeconds}`);
  const window = Math.max(1, Math.floor(opts.window ?? LOOP_WINDOW_SEGMENTS));
  // The slot being "recorded" now is not listed: the newest listed one ended at or before `now`.
  const current = Math.floor(opts.now / ms);
  const first = current - window;
  const seconds = (ms / 1000).toFixed(3);
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(ms / 1000)}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
    // Wraps counted from 2026-12-01, not 1970: hls.js walks its per-discontinuity array from 0 up to
    // this number on every playlist refresh (~89 million steps from 1970: each angle froze the page ~0.7 s).
    `#EXT-X-DISCONTINUITY-SEQUENCE:${Math.floor(first / segments) - Math.floor(Math.floor(CC_EPOCH_MS / ms) / segments)}`,
  ];
  for (let k = first; k < current; k++) {
    const n = ((k % segments) + segments) % segments;
    if (n === 0 && k !== first) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(k * ms).toISOString()}`, `#EXTINF:${seconds},`, `${baseUrl}seg-${n}.ts`);
  }
  return lines.join('\n') + '\n';
}
