import { access, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { decodeEquirect } from '../../../server/ingest/decodeEquirect.ts';
import { tileMarzipano } from './tileMarzipano.ts';
import { tilePannellum } from './tilePannellum.ts';
import { tilePsv } from './tilePsv.ts';

export const PEERS = ['psv', 'marzipano', 'pannellum'] as const;
export type Peer = (typeof PEERS)[number];

const TILERS: Record<Peer, (src: Awaited<ReturnType<typeof decodeEquirect>>, out: string) => Promise<unknown>> = {
  psv: tilePsv,
  marzipano: tileMarzipano,
  pannellum: tilePannellum,
};

/**
 * Cuts every room's source photo into each peer's native layout under
 * `tilesDir/<peer>/<set>/<room>/`, once: a finished room has a config.json (written last,
 * and the room is renamed into place), so an interrupted run is redone, never half-used.
 */
export async function prepareTileSets(tilesDir: string, set: string, rooms: { id: string; photo: string }[], log = console.log): Promise<void> {
  for (const room of rooms) {
    let src: Awaited<ReturnType<typeof decodeEquirect>> | undefined;
    for (const peer of PEERS) {
      const out = path.join(tilesDir, peer, set, room.id);
      if (await access(path.join(out, 'config.json')).then(() => true, () => false)) continue;
      src ??= await decodeEquirect(room.photo, `"${path.basename(room.photo)}"`);
      const tmp = `${out}.tmp`;
      await rm(tmp, { recursive: true, force: true });
      await mkdir(tmp, { recursive: true });
      const t = performance.now();
      await TILERS[peer](src, tmp);
      await rename(tmp, out);
      log(`  tiled ${set}/${room.id} for ${peer} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  }
}
