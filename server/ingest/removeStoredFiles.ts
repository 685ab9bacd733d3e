import { rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Removes the files of a deleted place, or of one deleted room, once its record no longer
 * names them. Call it after the record's change is committed: a crash in between leaves
 * files nothing names, which sweepTiles removes at the next start.
 */
export async function removeStoredFiles(tilesDir: string, placeId: string, sceneId?: string): Promise<void> {
  await rm(sceneId ? path.join(tilesDir, placeId, sceneId) : path.join(tilesDir, placeId), { recursive: true, force: true });
}
