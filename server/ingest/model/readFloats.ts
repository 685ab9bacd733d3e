import type { Accessor } from '@gltf-transform/core';

const NORMALIZE: Record<number, (v: number) => number> = {
  5120: (v) => Math.max(v / 127, -1),
  5121: (v) => v / 255,
  5122: (v) => Math.max(v / 32767, -1),
  5123: (v) => v / 65535,
  5125: (v) => v / 4294967295,
};

/**
 * An accessor's elements as floats, normalized integers mapped to [0,1]/[-1,1] as the spec says
 * (quantized, non-normalized positions stay integers: their node's transform scales them).
 */
export function readFloats(accessor: Accessor): Float32Array {
  const array = accessor.getArray();
  if (!array) return new Float32Array(accessor.getCount() * accessor.getElementSize());
  if (array instanceof Float32Array) return array;
  const out = new Float32Array(array.length);
  const map = accessor.getNormalized() ? NORMALIZE[accessor.getComponentType()] : undefined;
  if (map) for (let i = 0; i < array.length; i++) out[i] = map(array[i]);
  else for (let i = 0; i < array.length; i++) out[i] = array[i];
  return out;
}
