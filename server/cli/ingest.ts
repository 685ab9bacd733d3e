/**
 * `npm run ingest -- --place <id> [--title "..."] [--kind home] [--publish] <photo>...`
 * One room per photo, named from the file; re-running with the same photos changes nothing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FIRST_HOST_EMAIL } from '../auth/ensureFirstHost.ts';
import { IngestError } from '../ingest/IngestError.ts';
import { storeScene } from '../ingest/storeScene.ts';
import { slugify } from '../places/slugify.ts';
import { normaliseText, placeKindSchema, textForLog, textProblem } from '../protocol/index.ts';
import { failCli, openStores } from './openStores.ts';

function bar(done: number, total: number): string {
  const n = Math.round((done / total) * 24);
  return `${'█'.repeat(n)}${'░'.repeat(24 - n)} ${String(Math.round((done / total) * 100)).padStart(3)}%`;
}

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { place: { type: 'string' }, title: { type: 'string' }, kind: { type: 'string', default: 'home' }, publish: { type: 'boolean', default: false } },
  });
  if (!values.place || !/^[a-z0-9][a-z0-9-]{2,63}$/.test(values.place))
    throw new Error('Vantage: give the place id with --place <id> (3–64 lower-case letters, digits and dashes).');
  if (positionals.length === 0) throw new Error('Vantage: name at least one equirectangular photo to ingest.');
  const kind = placeKindSchema.safeParse(values.kind);
  if (!kind.success) throw new Error('Vantage: --kind must be home, museum or venue.');
  const { config, db, places, hosts } = await openStores();
  try {
    const owner = await hosts.findByEmail(FIRST_HOST_EMAIL);
    const placeId = values.place;
    await places.create({
      id: placeId,
      ...(owner && { hostId: owner.id }),
      kind: kind.data,
      title: values.title ?? placeId,
      city: '',
      address: '',
      price: null,
      currency: 'CNY',
      description: '',
      lat: 0,
      lng: 0,
      areaM2: null,
      published: false,
      startScene: '',
      scenes: [],
    });
    if (values.title) await places.update(placeId, (p) => ({ ...p, title: values.title! }));
    for (const file of positionals) {
      const name = path.basename(file).replace(/\.[^.]+$/, '');
      const bytes = await readFile(file).catch(() => {
        throw new Error(`Vantage: cannot read "${file}" — check the path.`);
      });
      const problem = textProblem(name, { max: 80 });
      if (problem) throw new Error(`Vantage: the room name "${textForLog(name, 80)}" from "${textForLog(file)}" ${problem} — rename the file.`);
      const current = await places.get(placeId);
      const sceneId = slugify(name, `room-${(current?.scenes.length ?? 0) + 1}`);
      const tty = process.stdout.isTTY;
      const started = Date.now();
      // Each room is committed once tiled (crash-safe, see storeScene): a later bad photo keeps the earlier rooms.
      const { reused } = await storeScene({
        places,
        tilesDir: config.tilesDir,
        placeId,
        sceneId,
        name: normaliseText(name, false),
        bytes,
        label: path.basename(file),
        replace: true,
        onProgress: (d, t) => tty && process.stdout.write(`\r  ${name.slice(0, 24).padEnd(24)} ${bar(d, t)}`),
      }).catch((e) => {
        if (tty) process.stdout.write('\n');
        throw e instanceof IngestError ? new Error(e.message) : e;
      });
      if (tty) process.stdout.write('\n');
      console.log(reused ? `  ${name}: unchanged, kept` : `  ${name}: tiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const saved = await places.update(placeId, (p) => (values.publish && !p.published ? { ...p, published: true } : null));
    const place = saved!.after;
    console.log(`Vantage: "${place.title}" has ${place.scenes.length} room(s)${place.published ? ', published' : ' (draft — add --publish or publish it in the host console)'}.`);
  } finally {
    await db.close();
  }
} catch (e) {
  failCli(e);
}
