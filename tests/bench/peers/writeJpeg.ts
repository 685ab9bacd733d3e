import sharp from 'sharp';

/**
 * Every peer tile is encoded like Vantage's JPEG tiles (server/ingest/tileEquirect.ts):
 * libjpeg at the same quality, 4:2:0, no mozjpeg — so bytes differ only by the cut.
 */
export const PEER_JPEG_QUALITY = 82;

export function writeJpeg(rgb: Buffer, width: number, height: number, file: string, fullChroma = false): Promise<unknown> {
  return sharp(rgb, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: PEER_JPEG_QUALITY, mozjpeg: false, chromaSubsampling: fullChroma ? '4:4:4' : '4:2:0' })
    .toFile(file);
}
