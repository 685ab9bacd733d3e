/**
 * Browser entry: builds the flat and renders one equirectangular panorama per call.
 * Bundled by render-demo-flat.ts and injected into a blank headless Chromium page.
 */
import * as THREE from 'three';
import { EYE, ROOMS } from './layout.ts';
import { buildFlat, type BuildOptions, type BuiltFlat } from './scene.ts';
import { exportDollhouse } from './dollhouse.ts';

export interface RenderOptions {
  roomId: string;
  faceSize: number;
  width: number;
  exposure: number;
  envSize?: number;
  bounces?: number;
  envIntensity?: number;
  /** Optional override of the eye position (plan metres) for debugging. */
  eye?: { x: number; y: number; h?: number };
}

let renderer: THREE.WebGLRenderer;
let flat: BuiltFlat;

function init(opts: BuildOptions = {}): { maxTextureSize: number; renderer: string } {
  const canvas = document.createElement('canvas');
  canvas.width = 16;
  canvas.height = 16;
  document.body.appendChild(canvas);
  renderer = new THREE.WebGLRenderer({ canvas, antialias: false, preserveDrawingBuffer: false, powerPreference: 'high-performance' });
  renderer.shadowMap.enabled = true;
  renderer.shadowMap.type = THREE.PCFShadowMap;
  renderer.toneMapping = THREE.NoToneMapping;
  flat = buildFlat(renderer, opts);
  const gl = renderer.getContext();
  const dbg = gl.getExtension('WEBGL_debug_renderer_info');
  return {
    maxTextureSize: renderer.capabilities.maxTextureSize,
    renderer: dbg ? String(gl.getParameter(dbg.UNMASKED_RENDERER_WEBGL)) : 'unknown',
  };
}

const equirectFrag = /* glsl */ `
  uniform samplerCube cube;
  uniform vec2 size;
  uniform float exposure;
  varying vec2 vUv;
  const float PI = 3.141592653589793;
  // Khronos PBR Neutral tone mapping (as in three.js), keeps colours close to their albedo.
  vec3 neutral(vec3 color) {
    const float StartCompression = 0.8 - 0.04;
    const float Desaturation = 0.15;
    color *= exposure;
    float x = min(color.r, min(color.g, color.b));
    float offset = x < 0.08 ? x - 6.25 * x * x : 0.04;
    color -= offset;
    float peak = max(color.r, max(color.g, color.b));
    if (peak < StartCompression) return color;
    float d = 1. - StartCompression;
    float newPeak = 1. - d * d / (peak + d - StartCompression);
    color *= newPeak / peak;
    float g = 1. - 1. / (Desaturation * (peak - newPeak) + 1.);
    return mix(color, vec3(newPeak), g);
  }
  vec3 toSRGB(vec3 c) {
    c = clamp(c, 0.0, 1.0);
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(0.0031308, c));
  }
  void main() {
    // gl_FragCoord.y = 0.5 is the first row readPixels returns; make it the top of the image (v = 0).
    float u = gl_FragCoord.x / size.x;
    float v = gl_FragCoord.y / size.y;
    float yaw = (u - 0.5) * 2.0 * PI;
    float pitch = (0.5 - v) * PI;
    vec3 dir = vec3(sin(yaw) * cos(pitch), sin(pitch), -cos(yaw) * cos(pitch));
    vec3 c = textureCube(cube, dir).rgb;
    gl_FragColor = vec4(toSRGB(neutral(c)), 1.0);
  }`;

function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + chunk)));
  return btoa(s);
}

function renderRoom(opts: RenderOptions): { width: number; height: number; rgb: string; ms: number } {
  const t0 = performance.now();
  const room = ROOMS.find((r) => r.id === opts.roomId);
  if (!room) throw new Error(`unknown room ${opts.roomId}`);
  const cubeRT = new THREE.WebGLCubeRenderTarget(opts.faceSize, {
    type: THREE.HalfFloatType,
    generateMipmaps: true,
    minFilter: THREE.LinearMipmapLinearFilter,
    magFilter: THREE.LinearFilter,
  });
  const cubeCam = new THREE.CubeCamera(0.03, 8000, cubeRT);
  const eye = opts.eye ?? room.eye;
  cubeCam.position.set(eye.x, opts.eye?.h ?? EYE, eye.y);
  // lights: the room's own lights (layer) plus the global ones (layer 0)
  for (const cam of cubeCam.children) {
    cam.layers.set(0);
    cam.layers.enable(flat.roomLayer[room.id]);
  }
  // Cheap bounce light: render a small cube from the eye, prefilter it and use it as the
  // scene environment (diffuse + reflections), twice, so the room lights itself.
  const envRT = new THREE.WebGLCubeRenderTarget(opts.envSize ?? 128, { type: THREE.HalfFloatType });
  const envCam = new THREE.CubeCamera(0.03, 8000, envRT);
  envCam.position.copy(cubeCam.position);
  for (const cam of envCam.children) cam.layers.mask = cubeCam.children[0].layers.mask;
  const pmrem = new THREE.PMREMGenerator(renderer);
  flat.scene.environment = null;
  let envTex: THREE.WebGLRenderTarget | null = null;
  for (let pass = 0; pass < (opts.bounces ?? 2); pass++) {
    flat.scene.add(envCam);
    envCam.update(renderer, flat.scene);
    flat.scene.remove(envCam);
    const next = pmrem.fromCubemap(envRT.texture);
    envTex?.dispose();
    envTex = next;
    flat.scene.environment = envTex.texture;
    flat.scene.environmentIntensity = opts.envIntensity ?? 1;
  }
  flat.scene.add(cubeCam);
  cubeCam.update(renderer, flat.scene);
  flat.scene.remove(cubeCam);
  flat.scene.environment = null;
  envTex?.dispose();
  envRT.dispose();
  pmrem.dispose();

  const W = opts.width, H = opts.width / 2;
  const outRT = new THREE.WebGLRenderTarget(W, H, { type: THREE.UnsignedByteType, depthBuffer: false });
  const quad = new THREE.Mesh(
    new THREE.PlaneGeometry(2, 2),
    new THREE.ShaderMaterial({
      uniforms: { cube: { value: cubeRT.texture }, size: { value: new THREE.Vector2(W, H) }, exposure: { value: opts.exposure } },
      vertexShader: 'varying vec2 vUv; void main() { vUv = uv; gl_Position = vec4(position.xy, 0.0, 1.0); }',
      fragmentShader: equirectFrag,
      depthTest: false,
      depthWrite: false,
    }),
  );
  quad.frustumCulled = false;
  const qs = new THREE.Scene();
  qs.add(quad);
  const cam = new THREE.OrthographicCamera(-1, 1, 1, -1, 0, 1);
  renderer.setRenderTarget(outRT);
  renderer.render(qs, cam);
  renderer.setRenderTarget(null);
  const px = new Uint8Array(W * H * 4);
  renderer.readRenderTargetPixels(outRT, 0, 0, W, H, px);
  // drop alpha
  const rgb = new Uint8Array(W * H * 3);
  for (let i = 0, j = 0; i < px.length; i += 4, j += 3) {
    rgb[j] = px[i];
    rgb[j + 1] = px[i + 1];
    rgb[j + 2] = px[i + 2];
  }
  cubeRT.dispose();
  outRT.dispose();
  quad.geometry.dispose();
  (quad.material as THREE.Material).dispose();
  return { width: W, height: H, rgb: bytesToBase64(rgb), ms: performance.now() - t0 };
}

/** The dollhouse .glb as base64 (after init with `dollhouse`). */
async function dollhouseGlb(maxTexture: number, extras: Record<string, unknown>): Promise<{ glb: string; meshes: number; triangles: number; textures: number }> {
  const res = await exportDollhouse(flat.root, { maxTexture, extras });
  return { ...res, glb: bytesToBase64(new Uint8Array(res.glb)) };
}

(window as unknown as { demoFlat: unknown }).demoFlat = { init, renderRoom, dollhouseGlb };
