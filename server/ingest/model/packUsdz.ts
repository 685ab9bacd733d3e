import { zipSync, type Zippable } from 'fflate';

/** Extra-field id used only to pad local headers (the one Pixar's usdzip writer uses). */
const PAD_ID = 0x1986;
const LOCAL_HEADER = 30;

/**
 * Packs a USDZ: an uncompressed (stored) zip whose first file is the USD layer and whose every
 * file's data starts at a multiple of 64 bytes, as the USDZ spec requires so readers can map
 * the files in place. The alignment comes from padding each local header's extra field.
 */
export function packUsdz(files: { name: string; data: Uint8Array }[]): Uint8Array {
  const entries: Zippable = {};
  const encoder = new TextEncoder();
  let offset = 0;
  for (const { name, data } of files) {
    const headerEnd = offset + LOCAL_HEADER + encoder.encode(name).length + 4;
    const pad = (64 - (headerEnd % 64)) % 64;
    entries[name] = [data, { level: 0, extra: { [PAD_ID]: new Uint8Array(pad) }, mtime: new Date('2020-01-01T00:00:00Z') }];
    offset = headerEnd + pad + data.length;
  }
  const zip = zipSync(entries);
  assertAligned(zip, files.length);
  return zip;
}

/** The writer's layout is fflate's, not ours: check it rather than trust it. */
function assertAligned(zip: Uint8Array, count: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x04034b50) throw new Error('packUsdz: unexpected zip layout');
    const size = view.getUint32(at + 18, true);
    const dataAt = at + LOCAL_HEADER + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    if (dataAt % 64 !== 0 || view.getUint16(at + 8, true) !== 0) throw new Error('packUsdz: a file is not stored at a 64-byte boundary');
    at = dataAt + size;
  }
}
