import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlaceStore } from './PlaceStore.ts';
import { placeRecordSchema, type PlaceRecord } from './placeRecord.ts';

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Places as JSON files under `dir`; writes go to a temp file then rename, so a crash never leaves half a file. */
export function createFilePlaceStore(dir: string): PlaceStore {
  const file = (id: string) => path.join(dir, `${id}.json`);
  async function read(id: string): Promise<PlaceRecord | null> {
    if (!ID.test(id)) return null;
    let text: string;
    try {
      text = await readFile(file(id), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const parsed = placeRecordSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`Vantage: place file ${file(id)} is invalid: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }
  return {
    async list() {
      let names: string[] = [];
      try {
        names = await readdir(dir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5));
      const places = await Promise.all(ids.map(read));
      return places.filter((p): p is PlaceRecord => p !== null).sort((a, b) => a.title.localeCompare(b.title));
    },
    get: read,
    async put(place) {
      const valid = placeRecordSchema.parse(place);
      await mkdir(dir, { recursive: true });
      const tmp = `${file(valid.id)}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(valid, null, 2));
      await rename(tmp, file(valid.id));
    },
  };
}
