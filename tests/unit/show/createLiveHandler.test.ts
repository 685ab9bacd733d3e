import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Place } from '@protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import type { PlaceRecord, ShowRecord } from '../../../server/places/placeRecord.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';
import { samplePlace } from '../db/samplePlace.ts';

/** The loop served as live: through the real app and store, files in a temp tiles folder. */
let deps: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;

const show = (overrides: Partial<ShowRecord> = {}): ShowRecord => ({
  status: 'live',
  startsAt: null,
  endsAt: null,
  slowLive: false,
  angles: [
    { id: 'stage', label: 'Stage', projection: 'flat', offsetMs: 0, source: { kind: 'loop', segmentSeconds: 2, segments: 3 } },
    { id: 'sphere', label: '360', projection: '360-mono', offsetMs: 0, source: { kind: 'loop', segmentSeconds: 2, segments: 3 } },
    { id: 'cam', label: 'Cam', projection: 'flat', offsetMs: 0, source: { kind: 'published' } },
  ],
  ...overrides,
});
const showPlace = (id: string, overrides: Partial<PlaceRecord> = {}): PlaceRecord => samplePlace(id, { kind: 'show', scenes: [], startScene: '', coverScene: undefined, floorPlan: undefined, show: show(), ...overrides });

async function writeLoop(placeId: string, angleId: string, segments: number) {
  const dir = path.join(deps.tilesDir, placeId, '_show', angleId, 'loop');
  await mkdir(dir, { recursive: true });
  for (let n = 0; n < segments; n++) await writeFile(path.join(dir, `seg-${n}.ts`), `${angleId} segment ${n}`);
  await writeFile(path.join(dir, 'poster.jpg'), `${angleId} poster`);
}

beforeAll(async () => {
  deps = await createTestDeps();
  app = createApp({ places: deps.places, hosts: deps.hosts, signer: deps.signer, tilesDir: deps.tilesDir, assetBaseUrl: '' });
  await deps.places.put(showPlace('gala'));
  await deps.places.put(showPlace('draft-show', { published: false }));
  await deps.places.put(showPlace('over', { show: show({ status: 'ended' }) }));
  await deps.places.put(samplePlace('a-home'));
  for (const id of ['gala', 'draft-show', 'over']) {
    await writeLoop(id, 'stage', 3);
    await writeLoop(id, 'sphere', 3);
  }
  // A file beside the loop that must never be reachable through /live.
  await writeFile(path.join(deps.tilesDir, 'gala', '_show', 'stage', 'secret.ts'), 'no');
});
afterAll(() => deps.cleanup());

describe('GET /live/:place/:angle/index.m3u8', () => {
  it('is a live playlist, never cached, of the loop segments, and agrees between angles', async () => {
    const [a, b] = await Promise.all([app.request('/live/gala/stage/index.m3u8'), app.request('/live/gala/sphere/index.m3u8')]);
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(a.headers.get('cache-control')).toBe('no-cache');
    const text = await a.text();
    expect(text).toMatch(/^#EXTM3U\n/);
    expect(text).toMatch(/#EXT-X-MEDIA-SEQUENCE:\d+/);
    expect(text).toMatch(/#EXT-X-PROGRAM-DATE-TIME:/);
    expect(text).not.toContain('#EXT-X-ENDLIST');
    const uris = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(uris.length).toBeGreaterThan(2);
    for (const u of uris) expect(u).toMatch(/^seg-[0-2]\.ts$/);
    // Same clock: unless the slot turned between the two requests, the playlists are the same.
    const other = await b.text();
    const seq = (t: string) => Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(t)![1]);
    if (seq(other) === seq(text)) expect(other).toBe(text);
  });

  it('the segments it names are served as MPEG-TS, cacheable', async () => {
    const text = await (await app.request('/live/gala/sphere/index.m3u8')).text();
    const uri = text.split('\n').filter((l) => l && !l.startsWith('#'))[0];
    const res = await app.request(`/live/gala/sphere/${uri}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp2t');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe(`sphere segment ${uri.match(/\d+/)![0]}`);
  });

  it("an ended show's loop still has its poster (the catalogue's cover), and the show names it as its cover and each angle's poster", async () => {
    const res = await app.request('/live/over/stage/poster.jpg');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('stage poster');
    const place = (await (await app.request('/api/places/gala')).json()) as Place;
    expect(place.coverUrl).toBe('/live/gala/stage/poster.jpg');
    expect(place.show?.angles.find((a) => a.id === 'sphere')?.posterUrl).toBe('/live/gala/sphere/poster.jpg');
  });

  it('the loop has a poster', async () => {
    const res = await app.request('/live/gala/stage/poster.jpg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(await res.text()).toBe('stage poster');
  });

  const missing: [string, string][] = [
    ['an unpublished show', '/live/draft-show/stage/index.m3u8'],
    ['an unpublished show’s segment', '/live/draft-show/stage/seg-0.ts'],
    ['an unpublished show’s poster', '/live/draft-show/stage/poster.jpg'],
    ['an ended show', '/live/over/stage/index.m3u8'],
    ['a place that is not a show', '/live/a-home/stage/index.m3u8'],
    ['a place that does not exist', '/live/nowhere/stage/index.m3u8'],
    ['an angle that is not a loop', '/live/gala/cam/index.m3u8'],
    ['an angle that does not exist', '/live/gala/nope/index.m3u8'],
    ['a segment past the loop', '/live/gala/stage/seg-3.ts'],
    ['a file that is not a segment', '/live/gala/stage/secret.ts'],
    ['a segment name with leading zeros', '/live/gala/stage/seg-01.ts'],
    ['a bad angle id', '/live/gala/Stage/index.m3u8'],
    ['a traversal in the file', '/live/gala/stage/..%2F..%2F..%2Fsecret.ts'],
    ['a traversal in the angle', '/live/gala/..%2Fstage/seg-0.ts'],
  ];
  for (const [what, url] of missing) {
    it(`answers 404 for ${what}`, async () => {
      const res = await app.request(url);
      expect(res.status).toBe(404);
      expect(res.headers.get('cache-control')).toBe('no-store');
    });
  }
});

describe('GET /tiles/:place/_show/:angle/index.m3u8 (what npm run live publishes)', () => {
  it('is asked again every time; its segments may be kept', async () => {
    const dir = path.join(deps.tilesDir, 'gala', '_show', 'cam');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'index.m3u8'), '#EXTM3U\n');
    await writeFile(path.join(dir, 'seg-5.ts'), 'x');
    const playlist = await app.request('/tiles/gala/_show/cam/index.m3u8');
    expect(playlist.status).toBe(200);
    expect(playlist.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(playlist.headers.get('cache-control')).toBe('no-cache');
    const seg = await app.request('/tiles/gala/_show/cam/seg-5.ts');
    expect(seg.headers.get('content-type')).toBe('video/mp2t');
    expect(seg.headers.get('cache-control')).toContain('max-age=86400');
  });
});
