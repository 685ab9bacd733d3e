/**
 * Browser entry: loads the exhibits' GLBs (passed in as base64, nothing is fetched), builds the
 * museum and renders one equirectangular panorama per call. Bundled by build-demo-museum.ts.
 * The cube-to-equirect pass is the demo flat's (assets/scripts/demo-flat/page.ts), repeated here
 * because that page is a separate bundle.
 */
import * as THREE from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { buildMuseumScene, type BuiltMuseum } from './buildMuseumScene.ts';
import { EYE, hallById } from './museumLayout.ts';

let renderer: THREE.WebGLRenderer;
let museum: BuiltMuseum;

function fromBase64(b64: string): ArrayBuffer {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out.buffer;
}

async function init(models: Record<string, string>): Promise<{ renderer: string }> {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 16;
  document.body.appendChild(canvas);
  renderer = new THREE.WebGLRenderer({ canvas, antialias: false, powerPreference: 'high-performance' });
  renderer.shadowMap.enabled = true;
  renderer.shadowMap.type = THREE.PCFShadowMap;
  // Shadows do not move between the six faces and the bounce passes: render them once per hall.
  renderer.shadowMap.autoUpdate = false;
  renderer.toneMapping = THREE.NoToneMapping;
  const loader = new GLTFLoader().setMeshoptDecoder(MeshoptDecoder);
  const loaded: Record<string, THREE.Object3D> = {};
  for (const [id, b64] of Object.entries(models)) loaded[id] = (await loader.parseAsync(fromBase64(b64), '')).scene;
  museum = buildMuseumScene(loaded);
  const gl = renderer.getContext();
  const dbg = gl.getExtension('WEBGL_debug_renderer_info');
  return { renderer: dbg ? String(gl.getParameter(dbg.UNMASKED_RENDERER_WEBGL)) : 'unknown' };
}

const equirectFrag = /* glsl */ `
  uniform samplerCube cube;
  uniform vec2 size;
  uniform float exposure;
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
    // gl_FragCoord.y = 0.5 is the first row readPixels returns; make it the top of the image.
    float u = gl_FragCoord.x / size.x;
    float v = gl_FragCoord.y / size.y;
    float yaw = (u - 0.5) * 2.0 * PI;
    float pitch = (0.5 - v) * PI;
    vec3 dir = vec3(sin(yaw) * cos(pitch), sin(pitch), -cos(yaw) * cos(pitch));
    gl_FragColor = vec4(toSRGB(neutral(textureCube(cube, dir).rgb)), 1.0);
  }`;

function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 0x8000)));
  return btoa(s);
}

function renderHall(opts: { hallId: string; faceSize: number; width: number; exposure: number; bounces?: number }): { width: number; height: number; rgb: string; ms: number } {
  const t0 = performance.now();
  const hall = hallById(opts.hallId);
  const { scene } = museum;
  const eye = new THREE.Vector3(hall.eye.x, EYE, hall.eye.y);
  const cubeRT = new THREE.WebGLCubeRenderTarget(opts.faceSize, { type: THREE.HalfFloatType, generateMipmaps: true, minFilter: THREE.LinearMipmapLinearFilter });
  const cubeCam = new THREE.CubeCamera(0.05, 200, cubeRT);
  cubeCam.position.copy(eye);
  // Every hall's lights: the neighbouring halls are seen lit through the doorways.
  for (const c of cubeCam.children) c.layers.enableAll();
  renderer.shadowMap.needsUpdate = true;
  // Cheap bounce light, as for the demo flat: a small cube from the eye becomes the environment.
  const envRT = new THREE.WebGLCubeRenderTarget(128, { type: THREE.HalfFloatType });
  const envCam = new THREE.CubeCamera(0.05, 200, envRT);
  envCam.position.copy(eye);
  for (const c of envCam.children) c.layers.enableAll();
  const pmrem = new THREE.PMREMGenerator(renderer);
  scene.environment = null;
  let envTex: THREE.WebGLRenderTarget | null = null;
  for (let pass = 0; pass < (opts.bounces ?? 2); pass++) {
    scene.add(envCam);
    envCam.update(renderer, scene);
    scene.remove(envCam);
    const next = pmrem.fromCubemap(envRT.texture);
    envTex?.dispose();
    envTex = next;
    scene.environment = envTex.texture;
    scene.environmentIntensity = 0.7;
  }
  scene.add(cubeCam);
  cubeCam.update(renderer, scene);
  scene.remove(cubeCam);
  scene.environment = null;
  envTex?.dispose();
  envRT.dispose();
  pmrem.dispose();

  const W = opts.width, H = opts.width / 2;
  const outRT = new THREE.WebGLRenderTarget(W, H, { type: THREE.UnsignedByteType, depthBuffer: false });
  const quad = new THREE.Mesh(
    new THREE.PlaneGeometry(2, 2),
    new THREE.ShaderMaterial({
      uniforms: { cube: { value: cubeRT.texture }, size: { value: new THREE.Vector2(W, H) }, exposure: { value: opts.exposure } },
      vertexShader: 'void main() { gl_Position = vec4(position.xy, 0.0, 1.0); }',
      fragmentShader: equirectFrag,
      depthTest: false,
      depthWrite: false,
    }),
  );
  quad.frustumCulled = false;
  const qs = new THREE.Scene();
  qs.add(quad);
  renderer.setRenderTarget(outRT);
  renderer.render(qs, new THREE.OrthographicCamera(-1, 1, 1, -1, 0, 1));
  renderer.setRenderTarget(null);
  const px = new Uint8Array(W * H * 4);
  renderer.readRenderTargetPixels(outRT, 0, 0, W, H, px);
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

(window as unknown as { demoMuseum: unknown }).demoMuseum = { init, renderHall };
