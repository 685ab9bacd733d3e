/** An image downloaded and decoded: the bitmap and the encoded size (the texture budget's record). */
export type DecodedImage = { image: ImageBitmap; bytes: number };

/**
 * Fetches an image and decodes it with createImageBitmap — off the main thread, as the
 * browser allows — untouched: no premultiplying, no colour conversion (tiles are sRGB and
 * uploaded as they are).
 */
export async function decodeImage(url: string, init?: RequestInit): Promise<DecodedImage> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`Vantage: image ${url} answered ${res.status}`);
  const blob = await res.blob();
  const image = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  return { image, bytes: blob.size };
}
