import type { Scene, Tour } from '@protocol';

type TileFormat = Scene['tileFormat'];

/** A 2×2 AVIF (278 bytes, made with sharp): decoding it is the only reliable test of AVIF support. */
const AVIF_PROBE =
  'AAAAHGZ0eXBhdmlmAAAAAG1pZjFhdmlmbWlhZgAAANZtZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAAAAAAACJpbG9jAAAAAERAAAEAAQAAAAAA+gABAAAAAAAAABwAAAAjaWluZgAAAAAAAQAAABVpbmZlAgAAAAABAABhdjAxAAAAAA5waXRtAAAAAAABAAAAVmlwcnAAAAA4aXBjbwAAAAxhdjFDgSACAAAAABRpc3BlAAAAAAAAAAIAAAACAAAAEHBpeGkAAAAAAwgICAAAABZpcG1hAAAAAAAAAAEAAQOBAgMAAAAkbWRhdBIACgc4ADaQENBpMg8ZQmMEw88880EgAJBAzeg=';

let detecting: Promise<ReadonlySet<TileFormat>> | undefined;
let known: ReadonlySet<TileFormat> | undefined;

/**
 * The tile formats this browser's createImageBitmap decodes (JPEG and WebP always; AVIF
 * tested once with a tiny image). Started early by the page so it is known by the time a
 * tour needs it.
 */
export function decodableFormats(): Promise<ReadonlySet<TileFormat>> {
  detecting ??= (async () => {
    const formats = new Set<TileFormat>(['jpg', 'webp']);
    try {
      const bytes = Uint8Array.from(atob(AVIF_PROBE), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/avif' }));
      if (bmp.width === 2) formats.add('avif');
      bmp.close();
    } catch {
      // No AVIF decoder: scenes fall back to their JPEG copies.
    }
    known = formats;
    return formats;
  })();
  return detecting;
}

/** The detection's answer once it has finished, else undefined. */
export function knownDecodableFormats(): ReadonlySet<TileFormat> | undefined {
  return known;
}

/** A scene as this browser should load it: its fallback files when it cannot decode the primary format. */
export function sceneForBrowser(scene: Scene, formats: ReadonlySet<TileFormat>): Scene {
  if (formats.has(scene.tileFormat) || !scene.fallbackFormat) return scene;
  const from = `.${scene.tileFormat}`;
  const to = `.${scene.fallbackFormat}`;
  const swap = (url: string) => (url.endsWith(from) ? url.slice(0, -from.length) + to : url);
  return { ...scene, tileUrl: swap(scene.tileUrl), previewUrl: swap(scene.previewUrl), tileFormat: scene.fallbackFormat, fallbackFormat: undefined };
}

export function tourForBrowser(tour: Tour, formats: ReadonlySet<TileFormat>): Tour {
  return { ...tour, scenes: tour.scenes.map((s) => sceneForBrowser(s, formats)) };
}
