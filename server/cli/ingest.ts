/**
 * `npm run ingest -- --place <id> [--title "..."] [--kind home|museum] [--publish] [--exhibit <model.glb|.gltf>]... [<photo>...]`
 * One room (a museum's hall) per photo, named from the file; re-running with the same photos
 * changes nothing. Each --exhibit adds a museum exhibit titled from its file name, or gives
 * the exhibit of that name its new model.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FIRST_HOST_EMAIL } from '../auth/ensureFirstHost.ts';
import { IngestError } from '../ingest/IngestError.ts';
import { storeScene } from '../ingest/storeScene.ts';
import { ApiError } from '../http/ApiError.ts';
import { hasContent } from '../museum/hasContent.ts';
import { freeExhibitId, storeExhibit } from '../museum/storeExhibit.ts';
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
    options: {
      place: { type: 'string' },
      title: { type: 'string' },
      kind: { type: 'string' },
      publish: { type: 'boolean', default: false },
      exhibit: { type: 'string', multiple: true, default: [] },
    },
  });
  const models = values.exhibit ?? [];
  if (!values.place || !/^[a-z0-9][a-z0-9-]{2,63}$/.test(values.place))
    throw new Error('Vantage: give the place id with --place <id> (3–64 lower-case letters, digits and dashes).');
  if (positionals.length === 0 && models.length === 0) throw new Error('Vantage: name at least one equirectangular photo (or a model with --exhibit) to ingest.');
  // Exhibits make a museum: --exhibit alone is enough to say so.
  const kind = placeKindSchema.safeParse(values.kind ?? (models.length > 0 ? 'museum' : 'home'));
  if (!kind.success) throw new Error('Vantage: --kind must be home, museum or venue.');
  if (models.length > 0 && kind.data !== 'museum') throw new Error('Vantage: --exhibit needs a museum — use --kind museum.');
  const notModel = models.find((m) => !/\.(glb|gltf)$/i.test(m));
  if (notModel) throw new Error(`Vantage: "${textForLog(notModel)}" is not a .glb or .gltf file — --exhibit takes a glTF model.`);
  const badTitle = models.map((m) => path.basename(m).replace(/\.[^.]+$/, '')).find((t) => textProblem(t, { max: 120 }));
  if (badTitle !== undefined) throw new Error(`Vantage: the exhibit title "${textForLog(badTitle, 120)}" ${textProblem(badTitle, { max: 120 })} — rename the file.`);
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
    for (const file of models) {
      const title = normaliseText(path.basename(file).replace(/\.[^.]+$/, ''), false);
      const bytes = await readFile(file).catch(() => {
        throw new Error(`Vantage: cannot read "${textForLog(file)}" — check the path.`);
      });
      const current = await places.get(placeId);
      // The exhibit of the same title gets the new model: a re-run never adds a second copy.
      const same = current?.exhibits?.find((e) => e.id === freeExhibitId({ ...current, exhibits: [] }, title));
      const tty = process.stdout.isTTY;
      const started = Date.now();
      const stored = await storeExhibit({
        places,
        tilesDir: config.tilesDir,
        placeId,
        bytes,
        fileName: path.basename(file),
        target: same ? { replace: same.id } : { create: { title, role: 'exhibit', description: '', arScale: 1, minutes: 3 } },
        onProgress: (f) => tty && process.stdout.write(`\r  ${title.slice(0, 24).padEnd(24)} ${bar(f, 1)}`),
      }).catch((e) => {
        if (tty) process.stdout.write('\n');
        throw e instanceof IngestError || e instanceof ApiError ? new Error(`Vantage: ${e.message.replace(/^Vantage: /, '')}`) : e;
      });
      if (tty) process.stdout.write('\n');
      const mb = (stored.exhibit.model.bytes / 1024 / 1024).toFixed(1);
      console.log(`  ${title}: exhibit "${stored.exhibit.id}" ${same ? 'model replaced' : 'added'} in ${((Date.now() - started) / 1000).toFixed(1)} s (${stored.triangles} triangles, ${mb} MB)`);
    }
    const saved = await places.update(placeId, (p) => (values.publish && !p.published && hasContent(p) ? { ...p, published: true } : null));
    const place = saved!.after;
    const exhibits = place.exhibits?.length ? ` and ${place.exhibits.length} exhibit(s)` : '';
    console.log(`Vantage: "${place.title}" has ${place.scenes.length} room(s)${exhibits}${place.published ? ', published' : ' (draft — add --publish or publish it in the host console)'}.`);
  } finally {
    await db.close();
  }
} catch (e) {
  failCli(e);
}
