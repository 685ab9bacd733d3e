import type { Material } from '@gltf-transform/core';
import type { BakedPrimitive } from './bakePrimitives.ts';

export interface UsdaInput {
  primitives: BakedPrimitive[];
  /** The packed path of a material's base colour picture (e.g. 'textures/t0.png'), when there is one. */
  textureOf: (material: Material) => string | undefined;
}

/**
 * A USD text layer for iOS Quick Look: one Mesh per baked primitive (points, normals,
 * faceVertexIndices, st), one UsdPreviewSurface material per glTF material (base colour
 * texture or factor, opacity, metallic, roughness), Y up, metres. Plain text, so it is
 * built here without the USD libraries; Quick Look reads .usda inside a .usdz.
 */
export function buildUsda({ primitives, textureOf }: UsdaInput): string {
  const out: string[] = [];
  out.push('#usda 1.0', '(', '    defaultPrim = "Root"', '    metersPerUnit = 1', '    upAxis = "Y"', ')', '');
  out.push('def Xform "Root" (', '    kind = "component"', ')', '{');
  const materials = new Map<Material | null, string>();
  for (const p of primitives) if (!materials.has(p.material)) materials.set(p.material, `Material_${materials.size}`);
  out.push('    def Scope "Materials"', '    {');
  for (const [material, name] of materials) out.push(...materialLines(material, name, material ? textureOf(material) : undefined));
  out.push('    }');
  primitives.forEach((p, i) => out.push(...meshLines(p, `Mesh_${i}`, materials.get(p.material)!)));
  out.push('}', '');
  return out.join('\n');
}

function materialLines(material: Material | null, name: string, texture: string | undefined): string[] {
  const path = `/Root/Materials/${name}`;
  const [r, g, b, a] = material?.getBaseColorFactor() ?? [0.8, 0.8, 0.8, 1];
  const mode = material?.getAlphaMode() ?? 'OPAQUE';
  const lines = [`        def Material "${name}"`, '        {', `            token outputs:surface.connect = <${path}/Surface.outputs:surface>`];
  lines.push('            def Shader "Surface"', '            {', '                uniform token info:id = "UsdPreviewSurface"');
  if (texture) lines.push(`                color3f inputs:diffuseColor.connect = <${path}/BaseColor.outputs:rgb>`);
  else lines.push(`                color3f inputs:diffuseColor = (${num(r)}, ${num(g)}, ${num(b)})`);
  if (mode === 'BLEND' || mode === 'MASK') {
    if (texture) lines.push(`                float inputs:opacity.connect = <${path}/BaseColor.outputs:a>`);
    else lines.push(`                float inputs:opacity = ${num(a)}`);
    if (mode === 'MASK') lines.push(`                float inputs:opacityThreshold = ${num(material?.getAlphaCutoff() ?? 0.5)}`);
  }
  lines.push(`                float inputs:metallic = ${num(material?.getMetallicFactor() ?? 0)}`);
  lines.push(`                float inputs:roughness = ${num(material?.getRoughnessFactor() ?? 1)}`);
  const [er, eg, eb] = material?.getEmissiveFactor() ?? [0, 0, 0];
  if (er || eg || eb) lines.push(`                color3f inputs:emissiveColor = (${num(er)}, ${num(eg)}, ${num(eb)})`);
  lines.push('                token outputs:surface', '            }');
  if (texture) {
    lines.push('            def Shader "StReader"', '            {', '                uniform token info:id = "UsdPrimvarReader_float2"', '                string inputs:varname = "st"', '                float2 outputs:result', '            }');
    lines.push('            def Shader "BaseColor"', '            {', '                uniform token info:id = "UsdUVTexture"');
    lines.push(`                asset inputs:file = @${texture}@`);
    lines.push(`                float2 inputs:st.connect = <${path}/StReader.outputs:result>`);
    lines.push('                token inputs:sourceColorSpace = "sRGB"', '                token inputs:wrapS = "repeat"', '                token inputs:wrapT = "repeat"');
    lines.push(`                float4 inputs:scale = (${num(r)}, ${num(g)}, ${num(b)}, ${num(a)})`);
    lines.push('                float3 outputs:rgb', '                float outputs:a', '            }');
  }
  lines.push('        }');
  return lines;
}

function meshLines(p: BakedPrimitive, name: string, material: string): string[] {
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
  if (p.normals) lines.push(`        normal3f[] normals = [${tuples(p.normals, 3, count)}] (`, '            interpolation = "vertex"', '        )');
  lines.push(`        point3f[] points = [${tuples(p.positions, 3, count)}]`);
  if (p.uvs) {
    // glTF's v runs down the picture, USD's t up it.
    const st = new Float32Array(p.uvs.length);
    for (let i = 0; i < st.length; i += 2) { st[i] = p.uvs[i]; st[i + 1] = 1 - p.uvs[i + 1]; }
    lines.push(`        texCoord2f[] primvars:st = [${tuples(st, 2, count)}] (`, '            interpolation = "vertex"', '        )');
  }
  if (p.colors) lines.push(`        color3f[] primvars:displayColor = [${tuples(p.colors, 3, count)}] (`, '            interpolation = "vertex"', '        )');
  lines.push('        uniform token subdivisionScheme = "none"', '    }');
  return lines;
}

function tuples(a: Float32Array, size: number, count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '(';
    for (let k = 0; k < size; k++) s += (k ? ', ' : '') + num(a[i * size + k]);
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
