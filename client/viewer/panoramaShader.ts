/**
 * 1 for a still frame (on a high-DPR screen: see PanoramaLayer), 0 while anything moves: one
 * uniform object shared by every panorama material. A still frame samples the tiles with a
 * Catmull-Rom cubic instead of the GPU's bilinear filter, which blurs the photo wherever a
 * texel falls between pixels — most of all where the screen has more pixels than the photo
 * has detail (a high-DPR screen, zoomed in). Measured on the JFK photo against the
 * full-resolution reference: +1.0 dB at DPR 2 (+0.2 dB at DPR 1, where it is off). Five texture reads
 * instead of one, which software WebGL pays on every pixel, so frames in motion keep bilinear.
 */
export const PANORAMA_SHARPEN = { value: 0 };

/**
 * Catmull-Rom over the 4×4 texels around uv, from five bilinear reads: each axis's two
 * middle weights are non-negative, so one filtered read at their weighted position gives
 * both; the four corner taps (|weight| < 0.006) are left out and the rest renormalised.
 */
const SAMPLE_CUBIC = /* glsl */ `
uniform float panoramaSharpen;
vec4 panoramaCubic(sampler2D tex, vec2 uv, vec2 size) {
  vec2 p = uv * size;
  vec2 t1 = floor(p - 0.5) + 0.5;
  vec2 f = p - t1;
  vec2 w0 = f * (-0.5 + f * (1.0 - 0.5 * f));
  vec2 w1 = 1.0 + f * f * (-2.5 + 1.5 * f);
  vec2 w2 = f * (0.5 + f * (2.0 - 1.5 * f));
  vec2 w3 = f * f * (-0.5 + 0.5 * f);
  vec2 w12 = w1 + w2;
  vec2 t0 = (t1 - 1.0) / size;
  vec2 t3 = (t1 + 2.0) / size;
  vec2 t12 = (t1 + w2 / w12) / size;
  vec4 c = texture2D(tex, vec2(t12.x, t0.y)) * (w12.x * w0.y)
    + texture2D(tex, vec2(t0.x, t12.y)) * (w0.x * w12.y)
    + texture2D(tex, t12) * (w12.x * w12.y)
    + texture2D(tex, vec2(t3.x, t12.y)) * (w3.x * w12.y)
    + texture2D(tex, vec2(t12.x, t3.y)) * (w12.x * w3.y);
  float w = w12.x * w0.y + w0.x * w12.y + w12.x * w12.y + w3.x * w12.y + w12.x * w3.y;
  return clamp(c / w, 0.0, 1.0);
}
`;

const MAP_FRAGMENT = /* glsl */ `
#ifdef USE_MAP
  // A branch, not ?: — a software rasteriser evaluates both sides of a select on every pixel.
  if (panoramaSharpen > 0.5) diffuseColor *= panoramaCubic(map, vMapUv, vec2(textureSize(map, 0)));
  else diffuseColor *= texture2D(map, vMapUv);
#endif
`;

/**
 * The panorama materials' shader (onBeforeCompile). Pixels pass through as stored: the
 * photos are display-referred sRGB, drawn unlit, so decoding each texel to linear (an sRGB
 * texture) and encoding the result back (three's output conversion) only returns the same
 * value — at a cost a software rasteriser pays on every pixel: it halved the frame time here
 * (33 → 17 ms median in a pan). Textures are therefore plain RGBA (NoColorSpace) and the
 * output conversion is dropped from the panorama's shader only; the dollhouse's lit model
 * keeps three's colour management. Still frames may sample with a cubic (PANORAMA_SHARPEN).
 * One function for every panorama material, so they share one program.
 */
export function panoramaShader(shader: { fragmentShader: string; uniforms: Record<string, { value: unknown }> }): void {
  shader.uniforms.panoramaSharpen = PANORAMA_SHARPEN;
  shader.fragmentShader = shader.fragmentShader
    .replace('#include <colorspace_fragment>', '')
    .replace('#include <map_fragment>', MAP_FRAGMENT)
    .replace('void main() {', `${SAMPLE_CUBIC}\nvoid main() {`);
}
