import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../../server/db/createDb.ts';
import { createDbPlaceStore } from '../../../server/db/createDbPlaceStore.ts';
import { migrate } from '../../../server/db/migrate.ts';

/** `npm run ingest -- --kind museum --exhibit …` as a person runs it: its own process, its own data folder. */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const PIRATE = path.join(ROOT, 'tests/fixtures/models/meshoptimizer_pirate.glb');
let dataDir: string;

async function ingest(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli/ingest.ts', ...args], { cwd: ROOT, env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' } })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));
}
async function readPlace(id: string) {
  const db = await createDb({ dataDir });
  try {
    await migrate(db);
    return await createDbPlaceStore(db).get(id);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vantage-cli-museum-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('npm run ingest -- --kind museum --exhibit', () => {
  it('creates a published museum with the exhibit; a re-run gives that exhibit its new model instead of a second copy', async () => {
    const first = await ingest('--place', 'harbour-museum', '--kind', 'museum', '--title', 'Harbour museum', '--publish', '--exhibit', PIRATE);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/exhibit "meshoptimizer-pirate" added/);
    expect(first.stdout).toMatch(/"Harbour museum" has 0 room\(s\) and 1 exhibit\(s\), published\./);
    const place = await readPlace('harbour-museum');
    expect(place).toMatchObject({ kind: 'museum', title: 'Harbour museum', published: true, scenes: [] });
    const [exhibit] = place!.exhibits!;
    expect(exhibit).toMatchObject({ id: 'meshoptimizer-pirate', title: 'meshoptimizer_pirate', role: 'exhibit' });
    const revDir = path.join(dataDir, 'tiles/harbour-museum/_exhibits/meshoptimizer-pirate', exhibit.model.rev);
    expect((await readdir(revDir)).sort()).toEqual(expect.arrayContaining(['model.glb', 'model.usdz', 'poster.webp']));

    const again = await ingest('--place', 'harbour-museum', '--exhibit', PIRATE);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/model replaced/);
    const after = await readPlace('harbour-museum');
    expect(after!.exhibits!.map((e) => e.id)).toEqual(['meshoptimizer-pirate']);
    expect(after!.exhibits![0].model.rev).not.toBe(exhibit.model.rev);
    expect(await readdir(path.join(dataDir, 'tiles/harbour-museum/_exhibits/meshoptimizer-pirate'))).toEqual([after!.exhibits![0].model.rev]);
  }, 120_000);

  it('refuses a hostile model, a file that is no model, and exhibits for a home, each with one line', async () => {
    const fake = path.join(dataDir, 'fake.glb');
    await writeFile(fake, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64)]));
    const hostile = await ingest('--place', 'harbour-museum', '--exhibit', fake);
    expect(hostile.code).toBe(1);
    expect(hostile.stderr.trim()).toMatch(/^Vantage: "fake\.glb" is a ZIP archive[^\n]*$/);
    const notModel = await ingest('--place', 'harbour-museum', '--exhibit', path.join(dataDir, 'notes.txt'));
    expect(notModel.code).toBe(1);
    expect(notModel.stderr.trim()).toMatch(/^Vantage: "[^"]*notes\.txt" is not a \.glb or \.gltf file[^\n]*$/);
    const home = await ingest('--place', 'harbour-museum', '--kind', 'home', '--exhibit', PIRATE);
    expect(home.code).toBe(1);
    expect(home.stderr.trim()).toBe('Vantage: --exhibit needs a museum — use --kind museum.');
    // Nothing of the refused runs reached the museum.
    expect((await readPlace('harbour-museum'))!.exhibits).toHaveLength(1);
  }, 120_000);
});
