import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { panoramaShader } from '../../../client/viewer/panoramaShader.ts';

describe('panoramaShader (client/viewer/panoramaShader.ts)', () => {
  it("drops three's output conversion and nothing else", () => {
    const shader = { fragmentShader: THREE.ShaderLib.basic.fragmentShader };
    panoramaShader(shader);
    expect(shader.fragmentShader).not.toContain('#include <colorspace_fragment>');
    expect(shader.fragmentShader).toBe(THREE.ShaderLib.basic.fragmentShader.replace('#include <colorspace_fragment>', ''));
  });
});
