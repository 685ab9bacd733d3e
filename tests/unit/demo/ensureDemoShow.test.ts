import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { ensureDemoShow } from '../../../server/demo/ensureDemoShow.ts';
import type { Place } from '../../../server/protocol/index.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';

/** The committed demo loops become published shows whose angles the server plays live. */
const source = path.resolve(import.meta.dirname, '../../../assets/demo/show');
let deps: Awaited<ReturnType<typeof createTestDeps>>;
const lines: string[] = [];
const seed = () => ensureDemoShow({ sourceDir: source, places: deps.places, tilesDir: deps.tilesDir, log: (l) => lines.push(l) });

beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(() => deps.cleanup());

describe('ensureDemoShow', () => {
  it('publishes the demo show (three flat angles and a 360° one) and the slow-live window, their loops in the asset store', async () => {
    const [show, window] = await seed();
    expect(show.id).toBe('demo-show');
    expect(show.kind).toBe('show');
    expect(show.published).toBe(true);
    expect(show.show?.status).toBe('live');
    expect(show.show?.angles.map((a) => [a.id, a.projection])).toEqual([
      ['stage', 'flat'],
      ['left', 'flat'],
      ['wide', 'flat'],
      ['sphere', '360-mono'],
    ]);
    for (const a of show.show!.angles) expect(a.labelZh).toBeTruthy();
    expect(window.id).toBe('demo-window');
    expect(window.show?.slowLive).toBe(true);
    for (const a of show.show!.angles) {
      expect(a.source).toEqual({ kind: 'loop', segmentSeconds: 2, segments: 10 });
      const files = (await readdir(path.join(deps.tilesDir, 'demo-show', '_show', a.id, 'loop'))).sort();
      expect(files).toHaveLength(11);
      expect(files).toContain('poster.jpg');
      expect(await readFile(path.join(deps.tilesDir, 'demo-show', '_show', a.id, 'loop', 'seg-3.ts'))).toEqual(await readFile(path.join(source, a.id, 'seg-3.ts')));
    }
  });

  it('a second start writes nothing, keeps what a host changed, and repairs a damaged segment', async () => {
    await deps.places.update('demo-show', (p) => ({ ...p, show: { ...p.show!, status: 'ended', angles: p.show!.angles.map((a) => (a.id === 'left' ? { ...a, offsetMs: 250 } : a)) } }));
    const damaged = path.join(deps.tilesDir, 'demo-show', '_show', 'wide', 'loop', 'seg-0.ts');
    await writeFile(damaged, 'garbage');
    lines.length = 0;
    const [show] = await seed();
    expect(show.show?.status).toBe('ended');
    expect(show.show?.angles.find((a) => a.id === 'left')?.offsetMs).toBe(250);
    expect(await readFile(damaged)).toEqual(await readFile(path.join(source, 'wide', 'seg-0.ts')));
    expect(lines.join('\n')).toMatch(/copied 1 demo show segment/);
    lines.length = 0;
    await seed();
    expect(lines).toEqual([]);
    await deps.places.update('demo-show', (p) => ({ ...p, show: { ...p.show!, status: 'live' } }));
  });

  it('the API names each angle’s live playlist, and the server plays it', async () => {
    const app = createApp({ places: deps.places, hosts: deps.hosts, signer: deps.signer, tilesDir: deps.tilesDir, assetBaseUrl: '' });
    const place = (await (await app.request('/api/places/demo-show')).json()) as Place;
    expect(place.show?.angles.map((a) => a.playlistUrl)).toEqual(['stage', 'left', 'wide', 'sphere'].map((a) => `/live/demo-show/${a}/index.m3u8`));
    const playlist = await (await app.request(place.show!.angles[3].playlistUrl)).text();
    const uri = playlist.split('\n').find((l) => l.startsWith('seg-'))!;
    const seg = await app.request(`/live/demo-show/sphere/${uri}`);
    expect(seg.status).toBe(200);
    expect(Buffer.from(await seg.arrayBuffer())).toEqual(await readFile(path.join(source, 'sphere', uri)));
  });
});
