import type { FaceId } from '../../../server/protocol/index.ts';
import type { RawImage } from '../../../server/ingest/decodeEquirect.ts';
import { renderCubeFaces } from './renderCubeFaces.ts';
import { writeJpeg } from './writeJpeg.ts';

/** Vantage's preview face edge (tileEquirect.ts PREVIEW_FACE_SIZE): every viewer gets the same preview detail. */
export const PREVIEW_FACE_SIZE = 128;

/**
 * One image holding the six preview faces in `order`, stacked vertically or side by side
 * (Marzipano wants a vertical 'bdflru' strip, PSV a horizontal stripe). `faces` maps the
 * viewer's face names to Vantage's. Full chroma, like Vantage's preview, so faces don't
 * bleed colour into their neighbours in the strip.
 */
export async function writePreviewStrip(
  src: RawImage,
  file: string,
  order: readonly FaceId[],
  direction: 'vertical' | 'horizontal',
  halvings: RawImage[] = [],
): Promise<void> {
  const S = PREVIEW_FACE_SIZE;
  const faces = await renderCubeFaces(src, S, halvings);
  const strip = Buffer.allocUnsafe(6 * S * S * 3);
  order.forEach((face, i) => {
    for (let row = 0; row < S; row++) {
      const dst = direction === 'vertical' ? ((i * S + row) * S) * 3 : (row * 6 * S + i * S) * 3;
      faces[face].copy(strip, dst, row * S * 3, (row + 1) * S * 3);
    }
  });
  await writeJpeg(strip, direction === 'vertical' ? S : 6 * S, direction === 'vertical' ? 6 * S : S, file, true);
}
