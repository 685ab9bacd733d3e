import type { Material } from '@gltf-transform/core';
import type { BakedPrimitive } from './bakePrimitives.ts';

/** The packed paths of a material's pictures, by the UsdPreviewSurface input they feed. */
export interface UsdTextures {
  baseColor?: string;
  normal?: string;
  metallicRoughness?: string;
  occlusion?: string;
  emissive?: string;
}

export interface UsdaInput {
  primitives: BakedPrimitive[];
  /** The packed pictures (e.g. 'textures/t0.jpg') a material's TEXCOORD_0 textures became. */
  texturesOf: (material: Material) => UsdTextures;
}

/**
 * A USD text layer for iOS Quick Look: one Mesh per baked primitive (points, normals,
 * faceVertexIndices, st), one UsdPreviewSurface material per glTF material (base colour,
 * normal, metallic-roughness, occlusion and emissive textures or factors, opacity), Y up,
 * metres. Plain text, so it is built here without the USD libraries; Quick Look reads .usda
 * inside a .usdz.
 */
export function buildUsda({ primitives, texturesOf }: UsdaInput): string {
  const out: string[] = [];
  out.push('#usda 1.0', '(', '    defaultPrim = "Root"', '    metersPerUnit = 1', '    upAxis = "Y"', ')', '');
  out.push('def Xform "Root" (', '    kind = "component"', ')', '{');
  const materials = new Map<Material | null, string>();
  const materialText: string[] = [];
  const meshText: string[] = [];
  const materialFor = (m: Material | null): string => {
    let name = materials.get(m);
    if (!name) {
      name = `Material_${materials.size}`;
      materials.set(m, name);
      materialText.push(...materialLines(m, name, m ? texturesOf(m) : {}));
    }
    return name;
  };
  // Colour variants of a material, for vertex-coloured meshes (see colourSubsets).
  const tinted = new Map<string, string>();
  const tintedFor = (m: Material | null, rgb: number[]): string => {
    const base = materialFor(m);
    const key = `${base}|${rgb.join(',')}`;
    let name = tinted.get(key);
    if (!name) {
      name = `${base}_tint${tinted.size}`;
      tinted.set(key, name);
      materialText.push(...materialLines(m, name, m ? texturesOf(m) : {}, rgb));
    }
    return name;
  };
  primitives.forEach((p, i) => {
    const hasTexture = p.material ? Boolean(texturesOf(p.material).baseColor) : false;
    const subsets = p.colors && !hasTexture ? colourSubsets(p) : undefined;
    const named = subsets?.map(({ rgb, faces }) => ({ material: tintedFor(p.material, rgb), faces }));
    meshText.push(...meshLines(p, `Mesh_${i}`, materialFor(p.material), named));
  });
  out.push('    def Scope "Materials"', '    {', ...materialText, '    }', ...meshText, '}', '');
  return out.join('\n');
}

/** Most colour variants one mesh gets; past it the colours are binned more coarsely. */
const MAX_SUBSETS = 48;

/**
 * Quick Look ignores vertex colours under a UsdPreviewSurface, so a vertex-coloured mesh (the
 * demo sand table is painted that way) is split into face subsets of one colour each — each face
 * takes its corners' mean colour, binned so the count stays small — and every subset is bound
 * to its own tinted material.
 */
function colourSubsets(p: BakedPrimitive): { rgb: number[]; faces: number[] }[] {
  const colors = p.colors!;
  const faceCount = Math.floor(p.indices.length / 3);
  for (let levels = 32; levels >= 2; levels = Math.floor(levels / 2)) {
    const groups = new Map<string, { sum: number[]; faces: number[] }>();
    let overflow = false;
    for (let f = 0; f < faceCount && !overflow; f++) {
      const rgb = [0, 0, 0];
      for (let c = 0; c < 3; c++) {
        const v = p.indices[f * 3 + c];
        for (let k = 0; k < 3; k++) rgb[k] += colors[v * 3 + k] / 3;
      }
      const key = rgb.map((x) => Math.round(Math.min(1, Math.max(0, x)) * levels)).join(',');
      let g = groups.get(key);
      if (!g) {
        if (groups.size >= MAX_SUBSETS) overflow = true;
        g = { sum: [0, 0, 0], faces: [] };
        groups.set(key, g);
      }
      for (let k = 0; k < 3; k++) g.sum[k] += rgb[k];
      g.faces.push(f);
    }
    if (!overflow) return [...groups.values()].map((g) => ({ rgb: g.sum.map((x) => Number((x / g.faces.length).toFixed(4))), faces: g.faces }));
  }
  return [];
}

function materialLines(material: Material | null, name: string, textures: UsdTextures, tint?: number[]): string[] {
  const path = `/Root/Materials/${name}`;
  const factor = material?.getBaseColorFactor() ?? [0.8, 0.8, 0.8, 1];
  const [r, g, b, a] = tint ? [factor[0] * tint[0], factor[1] * tint[1], factor[2] * tint[2], factor[3]] : factor;
  const metallic = material?.getMetallicFactor() ?? 0;
  const roughness = material?.getRoughnessFactor() ?? 1;
  const [er, eg, eb] = material?.getEmissiveFactor() ?? [0, 0, 0];
  const mode = material?.getAlphaMode() ?? 'OPAQUE';
  const surface: string[] = [];
  const readers: string[] = [];
  /** A UsdUVTexture over TEXCOORD_0; `scale` multiplies its rgba (how glTF's factors apply), `bias` then adds. */
  const texture = (shader: string, file: string, colorSpace: 'sRGB' | 'raw', outputs: string[], scale?: number[], bias?: number[]) => {
    readers.push(`            def Shader "${shader}"`, '            {', '                uniform token info:id = "UsdUVTexture"');
    readers.push(`                asset inputs:file = @${file}@`, `                float2 inputs:st.connect = <${path}/StReader.outputs:result>`);
    readers.push(`                token inputs:sourceColorSpace = "${colorSpace}"`, '                token inputs:wrapS = "repeat"', '                token inputs:wrapT = "repeat"');
    if (scale) readers.push(`                float4 inputs:scale = (${scale.map(num).join(', ')})`);
    if (bias) readers.push(`                float4 inputs:bias = (${bias.map(num).join(', ')})`);
    readers.push(...outputs.map((o) => `                ${o === 'rgb' ? 'float3' : 'float'} outputs:${o}`), '            }');
  };

  if (textures.baseColor) {
    texture('BaseColor', textures.baseColor, 'sRGB', ['rgb', 'a'], [r, g, b, a]);
    surface.push(`color3f inputs:diffuseColor.connect = <${path}/BaseColor.outputs:rgb>`);
  } else surface.push(`color3f inputs:diffuseColor = (${num(r)}, ${num(g)}, ${num(b)})`);
  if (mode === 'BLEND' || mode === 'MASK') {
    surface.push(textures.baseColor ? `float inputs:opacity.connect = <${path}/BaseColor.outputs:a>` : `float inputs:opacity = ${num(a)}`);
    if (mode === 'MASK') surface.push(`float inputs:opacityThreshold = ${num(material?.getAlphaCutoff() ?? 0.5)}`);
  }
  if (textures.metallicRoughness) {
    // glTF keeps roughness in green and metalness in blue.
    texture('MetallicRoughness', textures.metallicRoughness, 'raw', ['g', 'b'], [1, roughness, metallic, 1]);
    surface.push(`float inputs:metallic.connect = <${path}/MetallicRoughness.outputs:b>`, `float inputs:roughness.connect = <${path}/MetallicRoughness.outputs:g>`);
  } else surface.push(`float inputs:metallic = ${num(metallic)}`, `float inputs:roughness = ${num(roughness)}`);
  if (textures.normal) {
    // Tangent-space, +Y up in both glTF and UsdPreviewSurface: [0,1] colour back to [-1,1].
    texture('Normal', textures.normal, 'raw', ['rgb'], [2, 2, 2, 1], [-1, -1, -1, 0]);
    surface.push(`normal3f inputs:normal.connect = <${path}/Normal.outputs:rgb>`);
  }
  if (textures.occlusion) {
    texture('Occlusion', textures.occlusion, 'raw', ['r']);
    surface.push(`float inputs:occlusion.connect = <${path}/Occlusion.outputs:r>`);
  }
  if (textures.emissive && (er || eg || eb)) {
    texture('Emissive', textures.emissive, 'sRGB', ['rgb'], [er, eg, eb, 1]);
    surface.push(`color3f inputs:emissiveColor.connect = <${path}/Emissive.outputs:rgb>`);
  } else if (er || eg || eb) surface.push(`color3f inputs:emissiveColor = (${num(er)}, ${num(eg)}, ${num(eb)})`);

  const lines = [`        def Material "${name}"`, '        {', `            token outputs:surface.connect = <${path}/Surface.outputs:surface>`];
  lines.push('            def Shader "Surface"', '            {', '                uniform token info:id = "UsdPreviewSurface"');
  lines.push(...surface.map((l) => `                ${l}`), '                token outputs:surface', '            }');
  if (readers.length) {
    lines.push('            def Shader "StReader"', '            {', '                uniform token info:id = "UsdPrimvarReader_float2"', '                string inputs:varname = "st"', '                float2 outputs:result', '            }');
    lines.push(...readers);
  }
  lines.push('        }');
  return lines;
}

function meshLines(p: BakedPrimitive, name: string, material: string, subsets?: { material: string; faces: number[] }[]): string[] {
  const count = p.positions.length / 3;
  const lines = [`    def Mesh "${name}" (`, '        prepend apiSchemas = ["MaterialBindingAPI"]', '    )', '    {'];
  const min = [Infinity, Infinity, Infinity], max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < p.positions.length; i++) {
    const k = i % 3;
    if (p.positions[i] < min[k]) min[k] = p.positions[i];
    if (p.positions[i] > max[k]) max[k] = p.positions[i];
  }
  lines.push(`        uniform bool doubleSided = ${p.material?.getDoubleSided() ? 1 : 0}`);
  if (count > 0) lines.push(`        float3[] extent = [${vec(min)}, ${vec(max)}]`);
  lines.push(`        int[] faceVertexCounts = [${'3, '.repeat(p.indices.length / 3).slice(0, -2)}]`);
  lines.push(`        int[] faceVertexIndices = [${Array.from(p.indices).join(', ')}]`);
  lines.push(`        rel material:binding = </Root/Materials/${material}>`);
  if (p.normals) lines.push(`        normal3f[] normals = [${tuples(p.normals, 3, count, 4)}] (`, '            interpolation = "vertex"', '        )');
  lines.push(`        point3f[] points = [${tuples(p.positions, 3, count)}]`);
  if (p.uvs) {
    // glTF's v runs down the picture, USD's t up it.
    const st = new Float32Array(p.uvs.length);
    for (let i = 0; i < st.length; i += 2) { st[i] = p.uvs[i]; st[i + 1] = 1 - p.uvs[i + 1]; }
    lines.push(`        texCoord2f[] primvars:st = [${tuples(st, 2, count, 5)}] (`, '            interpolation = "vertex"', '        )');
  }
  if (p.colors) lines.push(`        color3f[] primvars:displayColor = [${tuples(p.colors, 3, count, 4)}] (`, '            interpolation = "vertex"', '        )');
  lines.push('        uniform token subdivisionScheme = "none"');
  if (subsets?.length) {
    lines.push('        uniform token subsetFamily:materialBind:familyType = "partition"');
    subsets.forEach(({ material: bound, faces }, k) => {
      lines.push(`        def GeomSubset "Colour_${k}" (`, '            prepend apiSchemas = ["MaterialBindingAPI"]', '        )', '        {');
      lines.push('            uniform token elementType = "face"', '            uniform token familyName = "materialBind"');
      lines.push(`            int[] indices = [${faces.join(', ')}]`, `            rel material:binding = </Root/Materials/${bound}>`, '        }');
    });
  }
  lines.push('    }');
  return lines;
}

/**
 * `(x, y, z), …` for `count` elements. Unit vectors, UVs and colours need only `decimals` places
 * (text is most of a USDZ's weight); positions keep float precision.
 */
function tuples(a: Float32Array, size: number, count: number, decimals?: number): string {
  const format = decimals === undefined ? num : (x: number) => (Number.isFinite(x) ? String(Number(x.toFixed(decimals))) : '0');
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '(';
    for (let k = 0; k < size; k++) s += (k ? ', ' : '') + format(a[i * size + k]);
    parts[i] = `${s})`;
  }
  return parts.join(', ');
}

function vec(v: number[]): string {
  return `(${v.map(num).join(', ')})`;
}

/** Seven significant digits (float precision) without trailing zeros; USD reads exponents too. */
function num(x: number): string {
  if (!Number.isFinite(x)) return '0';
  return String(Number(x.toPrecision(7)));
}
