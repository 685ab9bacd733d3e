import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dequantize } from '@gltf-transform/functions';
import { validateBytes } from 'gltf-validator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { ensureDemoEntrySlots, SHOW_HOURS } from '../../../server/demo/ensureDemoEntrySlots.ts';
import { ensureDemoMuseum } from '../../../server/demo/ensureDemoMuseum.ts';
import { createModelIO } from '../../../server/ingest/model/createModelIO.ts';
import type { PlaceRecord } from '../../../server/places/placeRecord.ts';
import type { Place } from '../../../server/protocol/index.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';
import { samplePlace } from '../db/samplePlace.ts';

const assets = path.resolve(import.meta.dirname, '../../../assets/demo/museum');
let deps: Awaited<ReturnType<typeof createTestDeps>>;
let source: string;
let first: PlaceRecord;
let firstMs: number;

// Without the demo output cache: the first seed does the work (demoOutputCache.test.ts covers the cache).
const seed = () => ensureDemoMuseum({ sourceDir: source, places: deps.places, tilesDir: deps.tilesDir, cacheDir: null });
const exhibitDir = (id: string, rev: string) => path.join(deps.tilesDir, 'demo-museum', '_exhibits', id, rev);

beforeAll(async () => {
  deps = await createTestDeps();
  // The real museum.json and models; small hall photos, so tiling takes a moment, not minutes.
  source = await mkdtemp(path.join(os.tmpdir(), 'vantage-demo-museum-'));
  await cp(path.join(assets, 'museum.json'), path.join(source, 'museum.json'));
  await cp(path.join(assets, 'models'), path.join(source, 'models'), { recursive: true });
  await mkdir(path.join(source, 'halls'));
  for (const hall of await readdir(path.join(assets, 'halls')))
    await sharp(path.join(assets, 'halls', hall)).resize(512, 256).jpeg().toFile(path.join(source, 'halls', hall));
  const t0 = Date.now();
  first = await seed();
  firstMs = Date.now() - t0;
}, 240_000);
afterAll(async () => {
  await deps?.cleanup();
  if (source) await rm(source, { recursive: true, force: true });
});

describe('demo museum', { timeout: 60_000 }, () => {
  it('is a published museum with its halls, a map room per hall, and three exhibits, one the site model', async () => {
    const stored = (await deps.places.get('demo-museum'))!;
    expect(stored).toEqual(first);
    expect(stored.kind).toBe('museum');
    expect(stored.published).toBe(true);
    expect(stored.scenes.length).toBeGreaterThanOrEqual(2);
    expect(stored.floorPlan!.rooms.map((r) => r.sceneId).sort()).toEqual(stored.scenes.map((s) => s.id).sort());
    expect(stored.exhibits!.map((e) => e.id).sort()).toEqual(['bronze-ding', 'meiping-vase', 'sand-table']);
    expect(stored.exhibits!.filter((e) => e.role === 'site').map((e) => e.id)).toEqual(['sand-table']);
  });

  it('places every exhibit in an existing hall and on the map; every exhibit hotspot names an exhibit', () => {
    const halls = new Set(first.scenes.map((s) => s.id));
    const ids = new Set(first.exhibits!.map((e) => e.id));
    for (const e of first.exhibits!) {
      expect(halls.has(e.hall!.sceneId), e.id).toBe(true);
      // On the map, inside the outline of the hall it stands in.
      const poly = first.floorPlan!.rooms.find((r) => r.sceneId === e.hall!.sceneId)!.polygon;
      const xs = poly.map((p) => p[0]), ys = poly.map((p) => p[1]);
      expect(e.map!.x, e.id).toBeGreaterThan(Math.min(...xs));
      expect(e.map!.x, e.id).toBeLessThan(Math.max(...xs));
      expect(e.map!.y, e.id).toBeGreaterThan(Math.min(...ys));
      expect(e.map!.y, e.id).toBeLessThan(Math.max(...ys));
    }
    const hotspots = first.scenes.flatMap((s) => s.hotspots.filter((h) => h.kind === 'exhibit'));
    expect(hotspots.map((h) => h.exhibitId).sort()).toEqual([...ids].sort());
    for (const s of first.scenes) for (const h of s.hotspots) if (h.kind === 'scene') expect(halls.has(h.target), `${s.id} → ${h.target}`).toBe(true);
  });

  it('gives every info point a title and text in English and Chinese', () => {
    for (const e of first.exhibits!) {
      expect(e.infoPoints.length, e.id).toBeGreaterThanOrEqual(3);
      expect(e.titleZh && e.descriptionZh, e.id).toBeTruthy();
      for (const p of e.infoPoints) {
        for (const t of [p.title, p.text, p.titleZh, p.textZh]) expect(t?.trim().length, `${e.id}/${p.id}`).toBeGreaterThan(0);
        expect(p.titleZh! + p.textZh!, `${e.id}/${p.id}`).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('serves models that pass the glTF validator; the sand table GLB has every era node, each era rising later', async () => {
    const io = await createModelIO();
    for (const e of first.exhibits!) {
      const bytes = new Uint8Array(await readFile(path.join(exhibitDir(e.id, e.model.rev), e.model.glb)));
      const report = await validateBytes(bytes, { format: 'glb' });
      expect(report.issues.numErrors, e.id).toBe(0);
      const source = new Uint8Array(await readFile(path.join(assets, 'models', `${e.id}.glb`)));
      expect((await validateBytes(source, { format: 'glb' })).issues.numErrors, `${e.id} source`).toBe(0);
      for (const f of [e.model.usdz, e.model.poster]) expect((await stat(path.join(exhibitDir(e.id, e.model.rev), f))).size, `${e.id}/${f}`).toBeGreaterThan(1000);
    }
    const site = first.exhibits!.find((e) => e.role === 'site')!;
    expect(site.eras!.length).toBeGreaterThanOrEqual(3);
    expect(site.eras!.map((x) => x.year)).toEqual([...site.eras!.map((x) => x.year)].sort((a, b) => a - b));
    const doc = await io.readBinary(new Uint8Array(await readFile(path.join(exhibitDir(site.id, site.model.rev), site.model.glb))));
    const names = new Set(doc.getRoot().listNodes().filter((n) => n.getMesh()).map((n) => n.getName()));
    for (const era of site.eras!) {
      expect(era.nodes.length, era.id).toBeGreaterThan(0);
      for (const n of era.nodes) expect(names.has(n), `${era.id}: node ${n}`).toBe(true);
    }
    // The site model is the 1 m sand table, placed in AR at its real size.
    const size = site.model.bounds.max.map((v, i) => v - site.model.bounds.min[i]);
    expect(size[0]).toBeGreaterThan(0.9);
    expect(size[0]).toBeLessThan(1.2);
    expect(site.arScale).toBe(1);
  });

  it('puts every info point on its model\'s surface (within 5 mm), where its numbered button sits', async () => {
    const io = await createModelIO();
    for (const e of first.exhibits!) {
      const doc = await io.readBinary(new Uint8Array(await readFile(path.join(exhibitDir(e.id, e.model.rev), e.model.glb))));
      await doc.transform(dequantize());
      const best = e.infoPoints.map(() => Infinity);
      for (const node of doc.getRoot().listNodes()) {
        const mesh = node.getMesh();
        if (!mesh) continue;
        const m = node.getWorldMatrix();
        const world = (v: number[]) => [0, 1, 2].map((r) => m[r] * v[0] + m[4 + r] * v[1] + m[8 + r] * v[2] + m[12 + r]);
        for (const prim of mesh.listPrimitives()) {
          const pos = prim.getAttribute('POSITION')!;
          const idx = prim.getIndices()!;
          const vs: number[][] = [];
          for (let i = 0; i < pos.getCount(); i++) vs.push(world(pos.getElement(i, [])));
          for (let t = 0; t < idx.getCount(); t += 3) {
            const [a, b, c] = [vs[idx.getScalar(t)], vs[idx.getScalar(t + 1)], vs[idx.getScalar(t + 2)]];
            e.infoPoints.forEach((p, k) => {
              // A degenerate triangle (a lathe's pole) gives NaN, which never wins.
              const d = pointTriangleDistance(p.position, a, b, c);
              if (d < best[k]) best[k] = d;
            });
          }
        }
      }
      e.infoPoints.forEach((p, k) => expect(best[k], `${e.id}/${p.id}`).toBeLessThan(0.005));
    }
  });

  it('is served by the API with model URLs that answer', async () => {
    const app = createApp({ db: deps.db, bookings: deps.bookings, slots: deps.slots, places: deps.places, hosts: deps.hosts, signer: deps.signer, tilesDir: deps.tilesDir, assetBaseUrl: '' });
    const res = await app.request('/api/places/demo-museum');
    expect(res.status).toBe(200);
    const place = (await res.json()) as Place;
    expect(place.exhibits!.length).toBe(3);
    for (const e of place.exhibits!) {
      const glb = await app.request(e.modelUrl);
      expect(glb.status, e.modelUrl).toBe(200);
      expect(Buffer.from(await glb.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('glTF');
    }
    const summary = (await (await app.request('/api/places')).json()) as Array<{ id: string; kind: string }>;
    expect(summary.find((p) => p.id === 'demo-museum')?.kind).toBe('museum');
  });

  it('a second start changes nothing, writes no record and rewrites no file', async () => {
    const rev = (id: string) => first.exhibits!.find((e) => e.id === id)!.model.rev;
    const glbPath = path.join(exhibitDir('sand-table', rev('sand-table')), 'model.glb');
    const before = (await stat(glbPath)).mtimeMs;
    let puts = 0;
    const places: typeof deps.places = { ...deps.places, get: (id) => deps.places.get(id), put: (p) => (puts++, deps.places.put(p)) };
    const t0 = Date.now();
    const again = await ensureDemoMuseum({ sourceDir: source, places, tilesDir: deps.tilesDir, cacheDir: null });
    const ms = Date.now() - t0;
    expect(again).toEqual(first);
    expect(puts).toBe(0);
    expect((await stat(glbPath)).mtimeMs).toBe(before);
    expect(await readdir(path.join(deps.tilesDir, 'demo-museum', '_exhibits', 'sand-table'))).toEqual([rev('sand-table')]);
    // Not a timing assertion on the machine, a ratio within the run: the second start skips the work.
    expect(ms).toBeLessThan(firstMs / 4);
  });

  it('publishes timed entry slots once', async () => {
    const added = await ensureDemoEntrySlots(deps.db, 'demo-museum');
    expect(added).toBeGreaterThan(40);
    expect(await ensureDemoEntrySlots(deps.db, 'demo-museum')).toBe(0);
    const slots = await deps.slots.list('demo-museum', { from: new Date(), to: new Date(Date.now() + 8 * 86_400_000) });
    // Closed on Mondays (Asia/Shanghai).
    const weekday = (d: Date) => new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: 'Asia/Shanghai' }).format(d);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.some((s) => weekday(new Date(s.start)) === 'Mon')).toBe(false);
  });

  it("the demo show's performances: evenings Thursday to Sunday at 19:30 (Asia/Shanghai), 120 seats, once", async () => {
    await deps.places.put(samplePlace('demo-show', { kind: 'show' }));
    const added = await ensureDemoEntrySlots(deps.db, 'demo-show', new Date(), SHOW_HOURS);
    expect(added).toBeGreaterThanOrEqual(15);
    expect(await ensureDemoEntrySlots(deps.db, 'demo-show', new Date(), SHOW_HOURS)).toBe(0);
    const slots = await deps.slots.list('demo-show', { from: new Date(), to: new Date(Date.now() + 15 * 86_400_000) });
    const at = (d: Date) => new Intl.DateTimeFormat('en', { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Shanghai' }).format(d);
    expect(slots.length).toBeGreaterThanOrEqual(7);
    for (const s of slots) expect(at(new Date(s.start))).toMatch(/^(Thu|Fri|Sat|Sun) 19:30$/);
    expect(slots.every((s) => s.capacity === 120)).toBe(true);
  });
});

/** Distance from p to triangle abc (Ericson, Real-Time Collision Detection 5.1.5). */
function pointTriangleDistance(p: number[], a: number[], b: number[], c: number[]): number {
  const sub = (u: number[], v: number[]) => [u[0] - v[0], u[1] - v[1], u[2] - v[2]];
  const dot = (u: number[], v: number[]) => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  const at = (s: number[], v: number[], w: number) => [s[0] + v[0] * w, s[1] + v[1] * w, s[2] + v[2] * w];
  const dist = (q: number[]) => Math.hypot(...sub(p, q));
  const ab = sub(b, a), ac = sub(c, a), ap = sub(p, a);
  const d1 = dot(ab, ap), d2 = dot(ac, ap);
  if (d1 <= 0 && d2 <= 0) return dist(a);
  const bp = sub(p, b), d3 = dot(ab, bp), d4 = dot(ac, bp);
  if (d3 >= 0 && d4 <= d3) return dist(b);
  const vc = d1 * d4 - d3 * d2;
  if (vc <= 0 && d1 >= 0 && d3 <= 0) return dist(at(a, ab, d1 / (d1 - d3)));
  const cp = sub(p, c), d5 = dot(ab, cp), d6 = dot(ac, cp);
  if (d6 >= 0 && d5 <= d6) return dist(c);
  const vb = d5 * d2 - d1 * d6;
  if (vb <= 0 && d2 >= 0 && d6 <= 0) return dist(at(a, ac, d2 / (d2 - d6)));
  const va = d3 * d6 - d5 * d4;
  if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0) return dist(at(b, sub(c, b), (d4 - d3) / (d4 - d3 + (d5 - d6))));
  const denom = 1 / (va + vb + vc);
  return dist(at(at(a, ab, vb * denom), ac, vc * denom));
}
