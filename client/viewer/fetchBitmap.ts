import type { ImageFetcher } from './TileLoader.ts';

type Fetched = { image: ImageBitmap; bytes: number };

const decode = async (url: string, signal: AbortSignal): Promise<Fetched> => {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`Vantage: tile ${url} answered ${res.status}`);
  const blob = await res.blob();
  const image = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  return { image, bytes: blob.size };
};

/** Downloads started before the viewer existed, by URL, until the viewer asks for them. */
const early = new Map<string, Promise<Fetched>>();
/** Unclaimed early images are freed after this: the viewer wanted other tiles (a resized window). */
const EARLY_TTL_MS = 20_000;

/**
 * Starts fetching and decoding `urls` now (the page calls this before the 3D bundle has
 * loaded); the viewer's first request for each takes the download over instead of
 * starting its own.
 */
export function prefetchBitmaps(urls: readonly string[]): void {
  for (const url of urls) {
    if (early.has(url)) continue;
    const p = decode(url, new AbortController().signal);
    p.catch(() => {});
    early.set(url, p);
  }
  setTimeout(() => {
    for (const url of urls) {
      const p = early.get(url);
      if (!p) continue;
      early.delete(url);
      p.then(({ image }) => image.close(), () => {});
    }
  }, EARLY_TTL_MS);
}

/** Decodes fetched bytes with createImageBitmap, off the main thread, as the browser allows. */
export const fetchBitmap: ImageFetcher<ImageBitmap> = (url, signal) => {
  const p = early.get(url);
  if (!p) return decode(url, signal);
  early.delete(url);
  // An early download that failed is simply tried again.
  return p.catch(() => decode(url, signal));
};
