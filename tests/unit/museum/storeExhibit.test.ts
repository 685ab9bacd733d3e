import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeExhibit, type NewExhibitFields } from '../../../server/museum/storeExhibit.ts';
import type { PlaceStore } from '../../../server/places/PlaceStore.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';
import { samplePlace } from '../db/samplePlace.ts';

/** storeExhibit's order (ingest beside the places, move in and repoint in one update, then remove the old rev) under interference. */
let deps: Awaited<ReturnType<typeof createTestDeps>>;
let pirate: Buffer;
let unique = 0;
const fields = (title: string): NewExhibitFields => ({ title, role: 'exhibit', description: '', arScale: 1, minutes: 3 });
const everything = async () => (await readdir(deps.tilesDir, { recursive: true }).catch(() => [] as string[])).sort();
async function museum() {
  const place = samplePlace(`store-${++unique}`, { kind: 'museum', scenes: [], startScene: '', coverScene: undefined, floorPlan: undefined });
  await deps.places.put(place);
  return place.id;
}

beforeAll(async () => {
  deps = await createTestDeps();
  pirate = await readFile(path.resolve(import.meta.dirname, '../../fixtures/models/meshoptimizer_pirate.glb'));
}, 60_000);
afterAll(() => deps.cleanup());

describe('storeExhibit', () => {
  it('two uploads of one title at once become two exhibits with their own ids and folders', async () => {
    const id = await museum();
    const [a, b] = await Promise.all([0, 1].map(() => storeExhibit({ places: deps.places, tilesDir: deps.tilesDir, placeId: id, bytes: pirate, fileName: 'vase.glb', target: { create: fields('Vase') } })));
    expect([a.exhibit.id, b.exhibit.id].sort()).toEqual(['vase', 'vase-2']);
    const saved = await deps.places.get(id);
    expect(saved!.exhibits!.map((e) => e.id).sort()).toEqual(['vase', 'vase-2']);
    expect(await readdir(path.join(deps.tilesDir, id, '_exhibits'))).toEqual(expect.arrayContaining(['vase', 'vase-2']));
  }, 120_000);

  it('a place deleted while its model is ingested: refused, and nothing is left anywhere', async () => {
    const id = await museum();
    const before = await everything();
    const run = storeExhibit({
      places: deps.places,
      tilesDir: deps.tilesDir,
      placeId: id,
      bytes: pirate,
      fileName: 'vase.glb',
      target: { create: fields('Vase') },
      queue: async (work) => {
        const out = await work();
        await deps.places.delete(id);
        return out;
      },
    });
    await expect(run).rejects.toMatchObject({ status: 404, code: 'place_not_found' });
    expect(await everything()).toEqual(before);
  }, 120_000);

  it('a commit that fails removes the rev it moved in; the record keeps the model it had', async () => {
    const id = await museum();
    const first = await storeExhibit({ places: deps.places, tilesDir: deps.tilesDir, placeId: id, bytes: pirate, fileName: 'vase.glb', target: { create: fields('Vase') } });
    const before = await everything();
    // The database refuses the write after the change ran (its rename included).
    const failing: PlaceStore = { ...deps.places, update: (pid, change) => deps.places.update(pid, async (p) => { await change(p); throw new Error('connection lost'); }) };
    await expect(storeExhibit({ places: failing, tilesDir: deps.tilesDir, placeId: id, bytes: pirate, fileName: 'vase.glb', target: { replace: 'vase' } })).rejects.toThrow('connection lost');
    expect(await everything()).toEqual(before);
    expect((await deps.places.get(id))!.exhibits![0].model.rev).toBe(first.exhibit.model.rev);
  }, 120_000);

  it('refuses a second site model before ingesting anything', async () => {
    const id = await museum();
    await storeExhibit({ places: deps.places, tilesDir: deps.tilesDir, placeId: id, bytes: pirate, fileName: 'town.glb', target: { create: { ...fields('Town'), role: 'site' } } });
    let ran = false;
    const second = storeExhibit({ places: deps.places, tilesDir: deps.tilesDir, placeId: id, bytes: pirate, fileName: 'city.glb', target: { create: { ...fields('City'), role: 'site' } }, queue: (w) => ((ran = true), w()) });
    await expect(second).rejects.toMatchObject({ status: 409, code: 'site_taken' });
    expect(ran).toBe(false);
  }, 120_000);
});
