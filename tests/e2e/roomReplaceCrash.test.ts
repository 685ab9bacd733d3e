import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVantage, type Vantage } from '../support/startVantage.ts';

/**
 * Replacing a published room's photo, with the server killed (SIGKILL, as kill -9 or a power
 * cut would) at each step of the replacement: after a restart the room's tour still renders
 * — its preview, tiles and cover answer 200 for whichever revision the record names — and
 * the start-up sweep has removed every revision folder the record does not name.
 */
const PASSWORD = `crash-${Math.random().toString(36).slice(2)}`;
const STEPS = ['tiling', 'tiled', 'committed', 'removed'] as const;

let dataDir: string;
let placeId = '';
let running: Vantage | undefined;

/** A small real equirect (2:1) whose pixels differ per `seed`, so each upload is a new revision. */
const photo = (seed: number) => {
  const w = 1024, h = 512, raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([(x * 255) / w, (y * 255) / h, (seed * 53) % 256], (y * w + x) * 3);
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg().toBuffer();
};

async function start(env: Record<string, string> = {}) {
  running = await startVantage({ dataDir, env: { VANTAGE_HOST_PASSWORD: PASSWORD, VANTAGE_SKIP_BUILD: '1', ...env } });
  const login = await fetch(`${running.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'host@vantage.local', password: PASSWORD }) });
  const { token } = (await login.json()) as { token: string };
  return { srv: running, auth: { authorization: `Bearer ${token}` } };
}

async function upload(url: string, auth: Record<string, string>, bytes: Buffer, replace: boolean) {
  const form = new FormData();
  form.set('photo', new File([new Uint8Array(bytes)], 'hall.jpg'));
  form.set('name', 'Hall');
  if (replace) form.set('replace', 'true');
  return fetch(`${url}/api/host/places/${placeId}/scenes`, { method: 'POST', headers: auth, body: form });
}

const revisions = async () => (await readdir(path.join(dataDir, 'tiles', placeId, 'hall'))).sort();

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vantage-crash-'));
  const { srv, auth } = await start();
  const created = await fetch(`${srv.url}/api/host/places`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'home', title: 'Crash flat' }) });
  placeId = ((await created.json()) as { id: string }).id;
  expect((await upload(srv.url, auth, await photo(0), false)).status).toBe(201);
  const published = await fetch(`${srv.url}/api/host/places/${placeId}`, { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ published: true }) });
  expect(published.status).toBe(200);
  await srv.stop();
}, 600_000);

afterAll(async () => {
  if (running?.proc.exitCode === null) await running.stop('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

describe('a replacement killed at each step leaves the room rendering', () => {
  let seed = 0;
  for (const step of STEPS) {
    it(`killed at "${step}": after a restart the room renders and no orphaned revision is left`, async () => {
      const before = await revisions();
      expect(before).toHaveLength(1);
      const { srv, auth } = await start({ VANTAGE_CRASH_AT: step });
      const died = new Promise<NodeJS.Signals | null>((done) => srv.proc.once('exit', (_code, signal) => done(signal)));
      const answer = await upload(srv.url, auth, await photo(++seed), true).then((r) => r.status, () => 'connection lost');
      expect(answer).toBe('connection lost');
      expect(await died).toBe('SIGKILL');

      const again = await start();
      const place = (await (await fetch(`${again.srv.url}/api/places/${placeId}`)).json()) as { tour: { scenes: { id: string; previewUrl: string; tileUrl: string }[] } };
      const hall = place.tour.scenes.find((s) => s.id === 'hall')!;
      const rev = /\/hall\/([a-z0-9]+)\//.exec(hall.previewUrl)![1];
      // Before the commit the old revision is named, from it on the new one.
      if (step === 'tiling' || step === 'tiled') expect(rev).toBe(before[0]);
      else expect(rev).not.toBe(before[0]);
      for (const url of [hall.previewUrl, hall.tileUrl.replace('{l}', '0').replace('{f}', 'f').replace('{y}', '0').replace('{x}', '0'), hall.previewUrl.replace(/preview\.[a-z]+$/, 'cover.jpg')]) {
        expect((await fetch(`${again.srv.url}${url}`)).status, url).toBe(200);
      }
      expect(await revisions()).toEqual([rev]);
      await again.srv.stop();
    }, 300_000);
  }
});
