import type { Document, Texture } from '@gltf-transform/core';
import { EXTTextureWebP } from '@gltf-transform/extensions';
import sharp, { type Sharp } from 'sharp';
import { IngestError } from '../IngestError.ts';
import { createTaskPool } from '../createTaskPool.ts';
import { decodeKtx2 } from './decodeKtx2.ts';
import { MODEL_LIMITS } from './modelLimits.ts';

export const DESKTOP_TEXTURE_MAX = 2048;
export const PHONE_TEXTURE_MAX = 1024;
/** Quick Look's base colour picture: phones, so the phone size. */
const USD_TEXTURE_MAX = 1024;
const THUMB = 128;

/** A small sRGB RGBA copy of a base colour texture, sampled by the poster. */
export interface TextureThumb {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface TextureRendition {
  /** WebP at PHONE_TEXTURE_MAX, when the desktop one is larger. */
  phone?: Uint8Array;
  thumb?: TextureThumb;
  /** For the USDZ: PNG for a base colour with alpha, else JPEG. */
  usd?: { bytes: Uint8Array; ext: 'png' | 'jpg' };
}

/**
 * Re-encodes every texture of `doc` in place as WebP (EXT_texture_webp) at most 2048 px, and
 * returns, per texture index, the phone-size WebP and what the poster and the USDZ need.
 * KTX2 (Basis) textures are transcoded with the Basis transcoder; a KTX2 it cannot transcode
 * (HDR) is kept as it is, with no phone copy. An undecodable texture refuses the model.
 */
export async function processTextures(doc: Document, label: string, onTexture?: (done: number, total: number) => void): Promise<TextureRendition[]> {
  const textures = doc.getRoot().listTextures();
  const baseColor = new Set<Texture>();
  for (const m of doc.getRoot().listMaterials()) {
    const t = m.getBaseColorTexture();
    if (t) baseColor.add(t);
  }
  const out: TextureRendition[] = textures.map(() => ({}));
  let webp = false;
  let done = 0;
  // Two textures at a time: libwebp encodes one picture on one thread, and the machine has more.
  const pool = createTaskPool(2);
  for (const [i, texture] of textures.entries()) {
    await pool.run(async () => {
      const rendition = out[i];
      const source = await openTexture(texture, label);
      if (source) {
        const isBase = baseColor.has(texture);
        const fit = (max: number) => source.clone().resize({ width: max, height: max, fit: 'inside', withoutEnlargement: true });
        // A header can be fine and the pixels behind it broken: that shows only here, when decoding.
        const [desktop, phone, thumb, usd] = await Promise.all([
          fit(DESKTOP_TEXTURE_MAX).webp({ quality: 88, effort: 3 }).toBuffer({ resolveWithObject: true }),
          fit(PHONE_TEXTURE_MAX).webp({ quality: 85, effort: 3 }).toBuffer({ resolveWithObject: true }),
          isBase ? source.clone().resize(THUMB, THUMB, { fit: 'fill' }).ensureAlpha().raw().toBuffer() : undefined,
          (isBase && source.hasAlpha ? fit(USD_TEXTURE_MAX).png({ compressionLevel: 6 }) : fit(USD_TEXTURE_MAX).jpeg({ quality: 88 })).toBuffer(),
        ]).catch((cause: unknown) => {
          throw undecodable(label, cause);
        });
        texture.setImage(new Uint8Array(desktop.data)).setMimeType('image/webp').setURI(`texture-${i}.webp`);
        webp = true;
        if (phone.info.width < desktop.info.width || phone.info.height < desktop.info.height) rendition.phone = new Uint8Array(phone.data);
        if (thumb) rendition.thumb = { data: new Uint8Array(thumb), width: THUMB, height: THUMB };
        rendition.usd = { bytes: new Uint8Array(usd), ext: isBase && source.hasAlpha ? 'png' : 'jpg' };
      }
      onTexture?.(++done, textures.length);
    });
  }
  await pool.drain();
  if (webp) doc.createExtension(EXTTextureWebP).setRequired(true);
  // KHR_texture_basisu stays only while a texture is still KTX2.
  if (!textures.some((t) => t.getMimeType() === 'image/ktx2')) {
    for (const ext of doc.getRoot().listExtensionsUsed()) if (ext.extensionName === 'KHR_texture_basisu') ext.dispose();
  }
  return out;
}

/** A sharp pipeline over the texture's pixels, or undefined for a KTX2 kept as it is. */
async function openTexture(texture: Texture, label: string): Promise<(Sharp & { hasAlpha: boolean }) | undefined> {
  const image = texture.getImage();
  if (!image) return undefined;
  if (texture.getMimeType() === 'image/ktx2') {
    let decoded;
    try {
      decoded = await decodeKtx2(image, DESKTOP_TEXTURE_MAX);
    } catch (cause) {
      throw undecodable(label, cause);
    }
    if (!decoded) return undefined;
    const pipeline = sharp(decoded.data, { raw: { width: decoded.width, height: decoded.height, channels: 4 } });
    // Opaque Basis textures still transcode to RGBA; dropping the constant alpha keeps WebP smaller.
    return Object.assign(decoded.hasAlpha ? pipeline : pipeline.removeAlpha(), { hasAlpha: decoded.hasAlpha });
  }
  try {
    const pipeline = sharp(image, { limitInputPixels: MODEL_LIMITS.maxTextureSide * MODEL_LIMITS.maxTextureSide });
    const meta = await pipeline.metadata();
    return Object.assign(pipeline, { hasAlpha: Boolean(meta.hasAlpha) });
  } catch (cause) {
    throw undecodable(label, cause);
  }
}

function undecodable(label: string, cause: unknown): IngestError {
  return new IngestError('corrupt', `Vantage: ${label} has a texture that cannot be decoded — re-export it with PNG or JPEG textures.`, { cause });
}
