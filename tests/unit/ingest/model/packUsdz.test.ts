import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { packUsdz } from '../../../../server/ingest/model/packUsdz.ts';
import { readZipEntries } from './modelFixtures.ts';

describe('packUsdz', () => {
  it('stores every file uncompressed at a 64-byte boundary, the layer first, whatever the name and size', () => {
    const files = [
      { name: 'model.usda', data: new TextEncoder().encode('#usda 1.0\n') },
      { name: 'textures/t0.png', data: new Uint8Array(1001).map((_, i) => i % 251) },
      { name: 'textures/a-much-longer-texture-name-7.jpg', data: new Uint8Array(63).fill(7) },
      { name: 'x.png', data: new Uint8Array(0) },
    ];
    const zip = packUsdz(files);
    const entries = readZipEntries(zip);
    expect(entries.map((e) => e.name)).toEqual(files.map((f) => f.name));
    for (const [i, e] of entries.entries()) {
      expect(e.method).toBe(0);
      expect(e.dataOffset % 64).toBe(0);
      expect(Buffer.compare(e.data, files[i].data)).toBe(0);
    }
    // An ordinary unzip (central directory, CRCs) reads the same files back.
    const unzipped = unzipSync(zip);
    for (const f of files) expect(Buffer.compare(unzipped[f.name], f.data)).toBe(0);
  });
});
