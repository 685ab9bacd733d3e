import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVantage, type Vantage } from '../../support/startVantage.ts';
import { bumpySphereGlb } from '../ingest/model/modelFixtures.ts';

/**
 * Replacing a published exhibit's model, with the server killed (SIGKILL, as kill -9 or a
 * power cut would) at each step of the replacement: after a restart the museum's page names a
 * model whose GLB, USDZ and poster all answer 200 with their types — the old rev before the
 * commit, the new one from it on — and the start-up sweep has left only that rev's folder.
 */
const PASSWORD = `crash-${Math.random().toString(36).slice(2)}`;
const STEPS = ['tiling', 'tiled', 'committed', 'removed'] as const;

let dataDir: string;
let placeId = '';
let exhibitId = '';
let running: Vantage | undefined;
/** Two small models of different bytes: each replacement swaps one for the other. */
let models: { name: string; bytes: Buffer }[];

async function start(env: Record<string, string> = {}) {
  running = await startVantage({ dataDir, env: { VANTAGE_HOST_PASSWORD: PASSWORD, VANTAGE_SKIP_BUILD: '1', ...env } });
  const login = await fetch(`${running.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'host@vantage.local', password: PASSWORD }) });
  const { token } = (await login.json()) as { token: string };
  return { srv: running, auth: { authorization: `Bearer ${token}` } };
}

const form = (model: { name: string; bytes: Buffer }) => {
  const f = new FormData();
  f.set('file', new File([new Uint8Array(model.bytes)], model.name));
  return f;
};
const revisions = async () => (await readdir(path.join(dataDir, 'tiles', placeId, '_exhibits', exhibitId))).sort();

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vantage-exhibit-crash-'));
  models = [
    { name: 'pirate.glb', bytes: await readFile(path.resolve(import.meta.dirname, '../../fixtures/models/meshoptimizer_pirate.glb')) },
    { name: 'sphere.glb', bytes: Buffer.from(await bumpySphereGlb(24)) },
  ];
  const { srv, auth } = await start();
  const created = await fetch(`${srv.url}/api/host/places`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'museum', title: 'Crash museum' }) });
  placeId = ((await created.json()) as { id: string }).id;
  const exhibit = await fetch(`${srv.url}/api/host/places/${placeId}/exhibits`, { method: 'POST', headers: auth, body: form(models[0]) });
  expect(exhibit.status).toBe(201);
  exhibitId = ((await exhibit.json()) as { id: string }).id;
  const published = await fetch(`${srv.url}/api/host/places/${placeId}`, { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ published: true }) });
  expect(published.status).toBe(200);
  await srv.stop();
}, 120_000);

// A process killed by a signal keeps exitCode null: its signalCode says it is gone.
const alive = () => running !== undefined && running.proc.exitCode === null && running.proc.signalCode === null;
afterAll(async () => {
  if (alive()) await running!.stop('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

describe('an exhibit model replacement killed at each step leaves the exhibit whole', () => {
  let turn = 0;
  /** The server that checks one step's aftermath is already armed for the next step: half the starts. */
  let armed: { step: string; srv: Vantage; auth: Record<string, string> } | undefined;
  for (const [i, step] of STEPS.entries()) {
    it(`killed at "${step}": after a restart the exhibit's files answer and only its rev is left`, async () => {
      const before = await revisions();
      expect(before).toHaveLength(1);
      // A step that failed midway leaves its server up (or none): start this step's own.
      if (armed?.step !== step || !alive()) {
        if (alive()) await running!.stop('SIGKILL');
        armed = { step, ...(await start({ VANTAGE_CRASH_AT: step })) };
      }
      const { srv, auth } = armed;
      const died = new Promise<NodeJS.Signals | null>((done) => srv.proc.once('exit', (_code, signal) => done(signal)));
      const answer = await fetch(`${srv.url}/api/host/places/${placeId}/exhibits/${exhibitId}/model`, { method: 'PUT', headers: auth, body: form(models[++turn % 2]) })
        .then(async (r) => (await r.text(), r.status))
        .catch(() => 'connection lost');
      expect(answer).toBe('connection lost');
      expect(await died).toBe('SIGKILL');

      const next = STEPS[i + 1];
      const again = await start(next ? { VANTAGE_CRASH_AT: next } : {});
      armed = next ? { step: next, ...again } : undefined;
      const place = (await (await fetch(`${again.srv.url}/api/places/${placeId}`)).json()) as { exhibits?: { id: string; modelUrl: string; usdzUrl: string; posterUrl: string }[] };
      const exhibit = place.exhibits?.find((e) => e.id === exhibitId);
      expect(exhibit, 'the exhibit is still on the museum page').toBeDefined();
      const rev = new RegExp(`/_exhibits/${exhibitId}/([a-z0-9]+)/`).exec(exhibit!.modelUrl)![1];
      // Before the commit the old rev is named, from it on the new one.
      if (step === 'tiling' || step === 'tiled') expect(rev).toBe(before[0]);
      else expect(rev).not.toBe(before[0]);
      // Each file whole, with its type: a GLB's and a zip's magic bytes, a WebP poster.
      const files: [string, RegExp, string][] = [[exhibit!.modelUrl, /^model\/gltf-binary$/, 'glTF'], [exhibit!.usdzUrl, /^model\/vnd\.usdz\+zip$/, 'PK\x03\x04'], [exhibit!.posterUrl, /^image\/webp$/, 'RIFF']];
      for (const [url, type, magic] of files) {
        const res = await fetch(new URL(url, again.srv.url));
        expect(res.status, url).toBe(200);
        expect(res.headers.get('content-type'), url).toMatch(type);
        expect(Buffer.from(await res.arrayBuffer()).subarray(0, 4).toString('latin1'), url).toBe(magic);
      }
      expect(await revisions()).toEqual([rev]);
      // Nothing half-made beside the places either.
      expect((await readdir(path.join(dataDir, 'tiles'))).filter((n) => n.startsWith('.'))).toEqual([]);
      if (!next) await again.srv.stop();
    }, 60_000);
  }
});
