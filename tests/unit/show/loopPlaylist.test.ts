import { describe, expect, it } from 'vitest';
import { LOOP_WINDOW_SEGMENTS, loopPlaylist, loopTimeMs } from '../../../server/show/loopPlaylist.ts';

interface Seg {
  seq: number;
  /** Discontinuity number as hls.js counts it (EXT-X-DISCONTINUITY-SEQUENCE + tags seen so far). */
  cc: number;
  pdt: number;
  duration: number;
  uri: string;
}

/** Reads a media playlist the way a player does. */
function parse(text: string) {
  const lines = text.trim().split('\n');
  const tag = (name: string) => lines.find((l) => l.startsWith(`#${name}:`))?.slice(name.length + 2);
  let seq = Number(tag('EXT-X-MEDIA-SEQUENCE'));
  let cc = Number(tag('EXT-X-DISCONTINUITY-SEQUENCE') ?? 0);
  const segs: Seg[] = [];
  let pdt = NaN;
  let duration = NaN;
  for (const l of lines) {
    if (l === '#EXT-X-DISCONTINUITY') cc++;
    else if (l.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) pdt = Date.parse(l.slice(25));
    else if (l.startsWith('#EXTINF:')) duration = parseFloat(l.slice(8));
    else if (!l.startsWith('#')) {
      segs.push({ seq: seq++, cc, pdt, duration, uri: l });
      pdt = NaN;
    }
  }
  return { lines, segs, target: Number(tag('EXT-X-TARGETDURATION')), version: tag('EXT-X-VERSION') };
}

const loop = { segmentSeconds: 2, segments: 10 };
const T0 = Date.parse('2026-12-07T18:00:00.000Z');

describe('loopPlaylist', () => {
  it('is a live media playlist: version, target duration, no ENDLIST, a window of completed segments', () => {
    const p = parse(loopPlaylist({ ...loop, baseUrl: '', now: T0 + 5_300 }));
    expect(p.lines[0]).toBe('#EXTM3U');
    expect(p.version).toBe('3');
    expect(p.target).toBe(2);
    expect(p.lines).not.toContain('#EXT-X-ENDLIST');
    expect(p.segs).toHaveLength(LOOP_WINDOW_SEGMENTS);
    // The newest listed segment has ended by now; the one being "recorded" is not listed.
    const last = p.segs.at(-1)!;
    expect(last.pdt + last.duration * 1000).toBeLessThanOrEqual(T0 + 5_300);
    expect(last.pdt + last.duration * 1000).toBeGreaterThan(T0 + 5_300 - 2_000);
    for (const s of p.segs) expect(s.duration).toBeLessThanOrEqual(p.target);
  });

  it('target duration is the segment length rounded up', () => {
    expect(parse(loopPlaylist({ segmentSeconds: 2.5, segments: 4, baseUrl: '', now: T0 })).target).toBe(3);
  });

  it('media sequence never goes backwards and each number always names the same segment, time and discontinuity', () => {
    const seen = new Map<number, Seg>();
    let lastFirst = -Infinity;
    for (let now = T0; now < T0 + 60_000; now += 137) {
      const { segs } = parse(loopPlaylist({ ...loop, baseUrl: '', now }));
      expect(segs[0].seq).toBeGreaterThanOrEqual(lastFirst);
      lastFirst = segs[0].seq;
      for (const [i, s] of segs.entries()) {
        if (i > 0) expect(s.seq).toBe(segs[i - 1].seq + 1);
        const before = seen.get(s.seq);
        if (before) expect(s).toEqual(before);
        seen.set(s.seq, s);
      }
    }
  });

  it('program-date-time is media sequence × segment length from the epoch, continuous within the window', () => {
    const { segs } = parse(loopPlaylist({ ...loop, baseUrl: '', now: T0 + 123_456 }));
    for (const [i, s] of segs.entries()) {
      expect(s.pdt).toBe(s.seq * 2_000);
      if (i > 0) expect(s.pdt).toBe(segs[i - 1].pdt + segs[i - 1].duration * 1000);
      // The segment's file is the loop's segment at that point of the loop.
      expect(s.uri).toBe(`seg-${loopTimeMs(loop, s.pdt) / 2_000}.ts`);
    }
  });

  it('two angles of a show agree at the same moment: same sequence, times and discontinuities, their own URLs', () => {
    for (const now of [T0, T0 + 1, T0 + 19_999, T0 + 20_000, T0 + 987_654]) {
      const a = parse(loopPlaylist({ ...loop, baseUrl: '/live/demo-show/stage/', now })).segs;
      const b = parse(loopPlaylist({ ...loop, baseUrl: '/live/demo-show/sphere/', now })).segs;
      expect(b.map(({ uri, ...s }) => ({ ...s, file: uri.split('/').pop() }))).toEqual(a.map(({ uri, ...s }) => ({ ...s, file: uri.split('/').pop() })));
      expect(a[0].uri.startsWith('/live/demo-show/stage/seg-')).toBe(true);
    }
  });

  it('marks a discontinuity exactly where the loop wraps (before seg-0, never before the first listed segment)', () => {
    for (let now = T0; now < T0 + 40_000; now += 500) {
      const { lines, segs } = parse(loopPlaylist({ ...loop, baseUrl: '', now }));
      for (const [i, s] of segs.entries()) {
        const at = lines.indexOf(s.uri, i === 0 ? 0 : lines.indexOf(segs[i - 1].uri) + 1);
        const tagged = lines.slice(i === 0 ? 0 : lines.indexOf(segs[i - 1].uri) + 1, at).includes('#EXT-X-DISCONTINUITY');
        expect(tagged).toBe(i > 0 && s.uri === 'seg-0.ts');
        // Every pass of the loop is its own discontinuity: the count is the number of wraps since
        // 2026-12-01 (from 1970 it was ~89 million, which hls.js walks on every refresh).
        expect(s.cc).toBe(Math.floor(s.seq / loop.segments) - Math.floor(Date.UTC(2026, 11, 1) / 2000 / loop.segments));
        expect(s.cc).toBeLessThan(10_000_000);
      }
    }
  });

  it('a one-segment loop wraps at every segment', () => {
    const { segs, lines } = parse(loopPlaylist({ segmentSeconds: 4, segments: 1, baseUrl: '', now: T0 }));
    expect(segs.every((s) => s.uri === 'seg-0.ts')).toBe(true);
    expect(lines.filter((l) => l === '#EXT-X-DISCONTINUITY')).toHaveLength(segs.length - 1);
  });

  it('loop time of a picture from its program-date-time', () => {
    expect(loopTimeMs(loop, 20_000 * 7 + 3_250)).toBe(3_250);
    expect(loopTimeMs(loop, -1)).toBe(19_999);
  });
});
