import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { PANORAMA_SHARPEN, panoramaShader } from '../../../client/viewer/panoramaShader.ts';

describe('panoramaShader (client/viewer/panoramaShader.ts)', () => {
  it("samples with the cubic only while PANORAMA_SHARPEN is set, drops three's output conversion, and binds the one shared uniform", () => {
    const shader = { fragmentShader: THREE.ShaderLib.basic.fragmentShader, uniforms: {} as Record<string, { value: unknown }> };
    panoramaShader(shader);
    expect(shader.uniforms.panoramaSharpen).toBe(PANORAMA_SHARPEN);
    expect(shader.fragmentShader).not.toContain('#include <map_fragment>');
    expect(shader.fragmentShader).not.toContain('#include <colorspace_fragment>');
    // A branch on the uniform, not a ?: select, which a software rasteriser evaluates both sides of.
    expect(shader.fragmentShader).toMatch(/if \(panoramaSharpen > 0\.5\) diffuseColor \*= panoramaCubic\(map, vMapUv, vec2\(textureSize\(map, 0\)\)\);\s+else diffuseColor \*= texture2D\(map, vMapUv\);/);
    // Declared before main, once.
    expect(shader.fragmentShader.indexOf('vec4 panoramaCubic(')).toBeLessThan(shader.fragmentShader.indexOf('void main()'));
    expect(shader.fragmentShader.match(/uniform float panoramaSharpen;/g)).toHaveLength(1);
  });

});
