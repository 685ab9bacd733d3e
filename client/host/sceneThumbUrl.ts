import type { Scene } from '@protocol';

/**
 * A room's small flat picture: the ingest writes cover.jpg beside every room's preview
 * (the listing's cover is one of them), so the console needs no extra request or field.
 */
export function sceneThumbUrl(scene: Scene): string {
  return scene.previewUrl.replace(/preview\.[a-z]+$/, 'cover.jpg');
}
