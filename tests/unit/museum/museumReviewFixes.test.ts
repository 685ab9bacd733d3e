import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exhibit } from '@protocol';
import { createApp } from '../../../server/app.ts';
import { storeExhibit, type NewExhibitFields } from '../../../server/museum/storeExhibit.ts';
import type { PlaceStore } from '../../../server/places/PlaceStore.ts';
import type { PlaceRecord } from '../../../server/places/placeRecord.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';
import { sampleExhibit, samplePlace } from '../db/samplePlace.ts';

/**
 * The security review's museum findings: a delete racing an upload that takes the freed id, the
 * 201st exhibit, a long file name as the title, a map point off the floor plan, and an exhibit id
 * echoed raw in a refusal.
 */
const MODELS = path.resolve(import.meta.dirname, '../../fixtures/models');
let deps: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
let alice: string;
let aliceId: string;
let pirate: Buffer;
let unique = 0;
/** Runs once right after the next committed place update the app makes (the race's pause). */
let afterNextUpdate: (() => Promise<void>) | undefined;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const json = (method: string, body?: unknown) => ({ method, headers: { ...auth(alice), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
function upload(bytes: Buffer, fileName: string) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], fileName));
  return { method: 'POST', headers: auth(alice), body: form };
}
const fields = (title: string): NewExhibitFields => ({ title, role: 'exhibit', description: '', arScale: 1, minutes: 3 });
const filesUnder = async (rel: string) => (await readdir(path.join(deps.tilesDir, rel), { recursive: true }).catch(() => [] as string[])).sort();

async function museum(over: Partial<PlaceRecord> = {}): Promise<PlaceRecord> {
  const place = samplePlace(`review-${++unique}`, { kind: 'museum', hostId: aliceId, published: false, exhibits: [], ...over });
  await deps.places.put(place);
  return place;
}

beforeAll(async () => {
  deps = await createTestDeps();
  const real = deps.places;
  const places = new Proxy(real, {
    get(target, key) {
      if (key === 'update') {
        return async (...args: Parameters<PlaceStore['update']>) => {
          const out = await target.update(...args);
          const hook = afterNextUpdate;
          afterNextUpdate = undefined;
          await hook?.();
          return out;
        };
      }
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  app = createApp({ ...deps, places, assetBaseUrl: '' });
  const a = await deps.hosts.create({ email: 'alice@review.test', name: 'Alice', password: 'alice-pass-1' });
  aliceId = a.id;
  alice = deps.signer.sign(a.id, 3600).token;
  pirate = await readFile(path.join(MODELS, 'meshoptimizer_pirate.glb'));
}, 60_000);
afterAll(() => deps.cleanup());

describe('deleting an exhibit while an upload takes its id', () => {
  it('the upload that committed with the freed id keeps its files', async () => {
    const m = await museum();
    const first = await storeExhibit({ places: deps.places, tilesDir: deps.tilesDir, placeId: m.id, bytes: pirate, fileName: 'race.glb', target: { create: fields('Race') } });
    expect(first.exhibit.id).toBe('race');
    let second: Awaited<ReturnType<typeof storeExhibit>> | undefined;
    // The delete commits; before it removes files, an upload commits a new exhibit under the freed id "race".
    afterNextUpdate = async () => {
      second = await storeExhibit({ places: deps.places, tilesDir: deps.tilesDir, placeId: m.id, bytes: pirate, fileName: 'race.glb', target: { create: fields('Race') } });
    };
    const del = await app.request(`/api/host/places/${m.id}/exhibits/race`, json('DELETE'));
    expect(del.status).toBe(204);
    expect(second?.exhibit.id).toBe('race');
    expect(second!.exhibit.model.rev).not.toBe(first.exhibit.model.rev);
    const revDir = path.join(deps.tilesDir, m.id, '_exhibits/race', second!.exhibit.model.rev);
    for (const f of ['model.glb', 'model.usdz', 'poster.webp']) expect((await stat(path.join(revDir, f))).size).toBeGreaterThan(0);
    // The deleted exhibit's own rev is gone.
    expect(await filesUnder(`${m.id}/_exhibits/race`)).not.toContain(first.exhibit.model.rev);
  }, 60_000);

  it('a delete with no upload behind it removes the exhibit folder entirely', async () => {
    const m = await museum();
    await storeExhibit({ places: deps.places, tilesDir: deps.tilesDir, placeId: m.id, bytes: pirate, fileName: 'gone.glb', target: { create: fields('Gone') } });
    expect((await app.request(`/api/host/places/${m.id}/exhibits/gone`, json('DELETE'))).status).toBe(204);
    expect(await filesUnder(`${m.id}/_exhibits`)).toEqual([]);
  }, 60_000);
});

describe('a museum at its 200 exhibits', () => {
  const full = () => Array.from({ length: 200 }, (_, i) => sampleExhibit(`e${i}`, { hall: undefined, infoPoints: [] }));

  it('refuses the 201st upload with 409 and one sentence, leaving nothing on disk', async () => {
    const m = await museum({ exhibits: full() });
    const before = await filesUnder('.');
    const res = await app.request(`/api/host/places/${m.id}/exhibits`, upload(pirate, 'one-more.glb'));
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('too_many_exhibits');
    expect(body.message).toMatch(/^[^.]*200 exhibits[^.]*\.$/);
    expect(await filesUnder('.')).toEqual(before);
  }, 60_000);

  it('refuses one that fills up while it is ingested, and leaves no exhibit folder', async () => {
    const m = await museum({ exhibits: full().slice(0, 199) });
    const run = storeExhibit({
      places: deps.places,
      tilesDir: deps.tilesDir,
      placeId: m.id,
      bytes: pirate,
      fileName: 'late.glb',
      target: { create: fields('Late') },
      queue: async (work) => {
        const out = await work();
        await deps.places.update(m.id, (p) => ({ ...p, exhibits: [...p.exhibits!, sampleExhibit('e199', { hall: undefined, infoPoints: [] })] }));
        return out;
      },
    });
    await expect(run).rejects.toMatchObject({ status: 409, code: 'too_many_exhibits' });
    expect((await deps.places.get(m.id))!.exhibits).toHaveLength(200);
    expect(await filesUnder(`${m.id}/_exhibits`)).toEqual([]);
  }, 60_000);
});

describe('an upload whose file name is long', () => {
  it('becomes an exhibit titled with the name cut to 120 characters', async () => {
    const m = await museum();
    const name = `${'长'.repeat(100)}${'a'.repeat(60)}.glb`;
    const res = await app.request(`/api/host/places/${m.id}/exhibits`, upload(pirate, name));
    expect(res.status).toBe(201);
    const e = (await res.json()) as Exhibit;
    expect(Array.from(e.title)).toHaveLength(120);
    expect(e.title).toBe(`${'长'.repeat(100)}${'a'.repeat(20)}`);
  }, 60_000);
});

describe("an exhibit's map point", () => {
  const plan = { rooms: [], width: 20, height: 10 };
  const seeded = (over: Partial<PlaceRecord>) => museum({ exhibits: [sampleExhibit('vase', { hall: undefined, map: undefined })], ...over });
  const patchMap = (id: string, map: unknown) => app.request(`/api/host/places/${id}/exhibits/vase`, json('PATCH', { map }));

  it('is kept on the floor plan, edges included', async () => {
    const m = await seeded({ floorPlan: plan });
    for (const map of [{ x: 0, y: 0 }, { x: 20, y: 10 }, { x: 7.5, y: 2 }]) {
      const res = await patchMap(m.id, map);
      expect(res.status).toBe(200);
      expect(((await res.json()) as Exhibit).map).toEqual(map);
    }
  });

  it('off the floor plan is refused with one sentence naming its size; the record keeps its point', async () => {
    const m = await seeded({ floorPlan: plan });
    await patchMap(m.id, { x: 1, y: 1 });
    for (const map of [{ x: -0.1, y: 1 }, { x: 1, y: 10.5 }, { x: 1e300, y: 1 }, { x: 21, y: -3 }]) {
      const res = await patchMap(m.id, map);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { field: string; message: string };
      expect(body.field).toBe('map');
      expect(body.message).toMatch(/^map: [^.]*20 × 10 m\.$/);
    }
    expect((await deps.places.get(m.id))!.exhibits![0].map).toEqual({ x: 1, y: 1 });
  });

  it('is refused in a museum with no floor plan, and can still be cleared there', async () => {
    const m = await seeded({ floorPlan: undefined });
    const res = await patchMap(m.id, { x: 1, y: 1 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/^map: [^.]*no floor plan[^.]*\.$/);
    expect((await patchMap(m.id, null)).status).toBe(200);
  });
});

describe('a refusal naming an exhibit id', () => {
  it('quotes the id with its line breaks and broken characters escaped (the CLI passes ids unchecked)', async () => {
    const m = await museum();
    const run = storeExhibit({ places: deps.places, tilesDir: deps.tilesDir, placeId: m.id, bytes: pirate, fileName: 'a.glb', target: { replace: 'x\ny\u0007z\ud800' } });
    await expect(run).rejects.toMatchObject({ status: 404, code: 'exhibit_not_found' });
    const { message } = (await run.catch((e: unknown) => e)) as Error;
    expect(message).toMatch(/^This museum has no exhibit "[^"]*"\.$/);
    expect([...message].filter((ch) => ch.charCodeAt(0) < 0x20 || ch === '\u007f' || /[\ud800-\udfff]/.test(ch))).toEqual([]);
  });
});
