import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readImageSize } from '../../../../server/ingest/model/readImageSize.ts';
import { JET, readFixture, unpackGlb } from './modelFixtures.ts';

const picture = (width: number, height: number, alpha = false) =>
  sharp({ create: { width, height, channels: alpha ? 4 : 3, background: { r: 200, g: 90, b: 40, alpha: 0.5 } } });

describe('readImageSize', () => {
  it('reads the declared size of every format a glTF may carry, from the header alone', async () => {
    const cases: [string, Promise<Buffer>, string, number, number][] = [
      ['png', picture(321, 123).png().toBuffer(), 'png', 321, 123],
      ['baseline jpeg', picture(300, 200).jpeg().toBuffer(), 'jpeg', 300, 200],
      ['progressive jpeg with EXIF', picture(77, 1001).withMetadata().jpeg({ progressive: true }).toBuffer(), 'jpeg', 77, 1001],
      ['lossy webp (VP8)', picture(500, 250).webp().toBuffer(), 'webp', 500, 250],
      ['lossless webp (VP8L)', picture(513, 255).webp({ lossless: true }).toBuffer(), 'webp', 513, 255],
      ['webp with alpha (VP8X)', picture(640, 480, true).webp().toBuffer(), 'webp', 640, 480],
    ];
    for (const [what, bytes, format, width, height] of cases) {
      expect(readImageSize(new Uint8Array(await bytes)), what).toEqual({ format, width, height });
    }
    // KTX2: the jet's Basis textures.
    const { json, bin } = unpackGlb(readFixture(JET));
    const view = json.bufferViews[json.images[0].bufferView];
    expect(readImageSize(bin!.subarray(view.byteOffset, view.byteOffset + view.byteLength))).toEqual({ format: 'ktx2', width: 4096, height: 4096 });
  });

  it('believes the header over the pixels (a 1×1 JPEG declaring 60000×50000 reads as that, so the limit refuses it)', async () => {
    const jpeg = new Uint8Array(await picture(1, 1).jpeg().toBuffer());
    // Patch the SOF0 frame header: FF C0, length, precision, then height and width.
    const sof = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xc0);
    new DataView(jpeg.buffer).setUint16(sof + 5, 50000);
    new DataView(jpeg.buffer).setUint16(sof + 7, 60000);
    expect(readImageSize(jpeg)).toEqual({ format: 'jpeg', width: 60000, height: 50000 });
  });

  it('knows nothing else, and survives cut headers', () => {
    expect(readImageSize(new TextEncoder().encode('GIF89a........'))).toBeUndefined();
    expect(readImageSize(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
    expect(readImageSize(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBeUndefined();
    expect(readImageSize(new Uint8Array(0))).toBeUndefined();
  });
});
