/**
 * The vertex and face counts a Draco stream declares, read from its header (bitstream 2.x)
 * before the decoder allocates for them. Undefined when the header carries metadata or is
 * not one we can read; the accessor counts and the post-decode check still bound those.
 */
export function readDracoCounts(b: Uint8Array): { vertices: number; faces: number } | undefined {
  if (b.length < 11 || String.fromCharCode(...b.subarray(0, 5)) !== 'DRACO') return undefined;
  const [major, minor, encoderType, method] = [b[5], b[6], b[7], b[8]];
  const flags = b[9] | (b[10] << 8);
  // Only triangular meshes (1), without metadata (its length is itself a nested structure).
  if (major !== 2 || encoderType !== 1 || flags & 0x8000) return undefined;
  let at = 11;
  const legacy = minor < 2;
  const readCount = (): number | undefined => {
    if (legacy) {
      if (at + 4 > b.length) return undefined;
      const v = new DataView(b.buffer, b.byteOffset + at, 4).getUint32(0, true);
      at += 4;
      return v;
    }
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (at >= b.length) return undefined;
      const byte = b[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return value;
    }
    return undefined;
  };
  if (method === 0) {
    const faces = readCount();
    const vertices = readCount();
    return faces === undefined || vertices === undefined ? undefined : { vertices, faces };
  }
  if (method === 1) {
    // Edgebreaker: traversal type, then the encoded vertex and face counts.
    at += 1;
    const vertices = readCount();
    const faces = readCount();
    return faces === undefined || vertices === undefined ? undefined : { vertices, faces };
  }
  return undefined;
}
