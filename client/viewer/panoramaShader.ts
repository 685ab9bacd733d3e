/**
 * The panorama materials' shader (onBeforeCompile). Pixels pass through as stored: the
 * photos are display-referred sRGB, drawn unlit, so decoding each texel to linear (an sRGB
 * texture) and encoding the result back (three's output conversion) only returns the same
 * value — at a cost a software rasteriser pays on every pixel, a large share of a pan's
 * frame time. Textures are therefore plain RGBA (NoColorSpace) and the
 * output conversion is dropped from the panorama's shader only; the dollhouse's lit model
 * keeps three's colour management. One function for every panorama material, so they share
 * one program.
 */
export function panoramaShader(shader: { fragmentShader: string }): void {
  shader.fragmentShader = shader.fragmentShader.replace('#include <colorspace_fragment>', '');
}
