import { decodeImage, type DecodedImage as Fetched } from './decodeImage.ts';
import type { ImageFetcher } from './TileLoader.ts';

const decode = (url: string, signal: AbortSignal): Promise<Fetched> => decodeImage(url, { signal });

/** Downloads started before the viewer existed, by URL, until the viewer asks for them. */
const early = new Map<string, Promise<Fetched>>();
/** The early downloads that have finished decoding, for the viewer to adopt without waiting a frame. */
const ready = new Map<string, Fetched>();
/** Unclaimed early images are freed after this: the viewer wanted other tiles (a resized window). */
const EARLY_TTL_MS = 20_000;

/**
 * Starts fetching and decoding `urls` now (the page calls this before the 3D bundle has
 * loaded), or takes over downloads `startedElsewhere` began; the viewer's first request for
 * each takes the download over instead of starting its own.
 */
export function prefetchBitmaps(urls: readonly string[], startedElsewhere?: ReadonlyMap<string, Promise<Fetched>>): void {
  for (const url of urls) {
    if (early.has(url)) continue;
    // The tour link's first paint (client/boot) has already fetched and decoded its images: adopt those.
    const p = startedElsewhere?.get(url) ?? decode(url, new AbortController().signal);
    p.then((f) => early.get(url) === p && ready.set(url, f), () => {});
    early.set(url, p);
  }
  setTimeout(() => {
    for (const url of urls) {
      const p = early.get(url);
      if (!p) continue;
      early.delete(url);
      ready.delete(url);
      p.then(({ image }) => image.close(), () => {});
    }
  }, EARLY_TTL_MS);
}

/** Takes every early download that is already decoded (the viewer adopts them when it opens a room). */
export function claimPrefetched(): { url: string; image: ImageBitmap; bytes: number }[] {
  const out = [...ready].map(([url, f]) => ({ url, ...f }));
  for (const { url } of out) {
    ready.delete(url);
    early.delete(url);
  }
  return out;
}

/** Decodes fetched bytes with createImageBitmap, off the main thread, as the browser allows. */
export const fetchBitmap: ImageFetcher<ImageBitmap> = (url, signal) => {
  const p = early.get(url);
  if (!p) return decode(url, signal);
  early.delete(url);
  ready.delete(url);
  // An early download that failed is simply tried again; one no longer wanted is freed.
  return p.then(
    (f) => {
      if (!signal.aborted) return f;
      f.image.close();
      throw new DOMException('The tile is no longer wanted', 'AbortError');
    },
    () => decode(url, signal),
  );
};
