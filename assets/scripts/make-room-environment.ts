/**
 * Prefilters the exhibit viewer's light once, here, instead of in every visitor's browser:
 * three's PMREMGenerator makes of three's RoomEnvironment (blur 0.04) exactly what the viewer
 * used to make at run time, in headless Chromium, and the cube's levels are read back and
 * written as client/model/room-environment.venv (format: client/model/roomEnvironmentFile.ts).
 * Run again after a three.js upgrade; tests/e2e/roomEnvironment.test.ts fails when the file no
 * longer matches what three makes.
 *
 *   npm run make:environment -- [--out client/model/room-environment.venv]
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeRoomEnvironment } from '../../client/model/roomEnvironmentFile.ts';
import { launchChromium } from '../../tests/support/launchChromium.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ROOM_ENVIRONMENT_FILE = path.join(repoRoot, 'client/model/room-environment.venv');
/** three's PMREM size (its minimum, too). */
export const ROOM_ENVIRONMENT_SIZE = 256;
/** The sharpest level is left out of the file and doubled from the next (roomEnvironmentFile.ts says why). */
export const ROOM_ENVIRONMENT_FIRST_LEVEL = 1;

/**
 * Runs in the page (a string: a test runner's transform would rewrite a function's dynamic
 * imports into helpers the page does not have): prefilters the room and reads every level of
 * every face back as floats, levels[l][face].
 */
const PREFILTER_IN_PAGE = `async (size) => {
  const THREE = await import('three');
  const { RoomEnvironment } = await import('three/addons/environments/RoomEnvironment.js');
  const renderer = new THREE.WebGLRenderer();
  const pmrem = new THREE.PMREMGenerator(renderer);
  const room = new RoomEnvironment();
  const target = pmrem.fromScene(room, 0.04, 0.1, 100, { size });
  const gl = renderer.getContext();
  if (!gl.getExtension('EXT_color_buffer_float')) throw new Error('this WebGL cannot read back float pixels (EXT_color_buffer_float)');
  const texture = renderer.properties.get(target.texture).__webglTexture;
  gl.bindFramebuffer(gl.FRAMEBUFFER, gl.createFramebuffer());
  const out = [];
  for (const [level, mip] of target.texture.mipmaps.entries()) {
    const s = mip.width;
    const faces = [];
    for (let face = 0; face < 6; face++) {
      gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_CUBE_MAP_POSITIVE_X + face, texture, level);
      const px = new Float32Array(s * s * 4);
      gl.readPixels(0, 0, s, s, gl.RGBA, gl.FLOAT, px);
      faces.push(Array.from(px));
    }
    out.push(faces);
  }
  room.dispose();
  pmrem.dispose();
  target.dispose();
  renderer.dispose();
  return out;
}`;

/**
 * The prefiltered cube as RGBA floats, levels[l][face], already mirrored the way three samples a
 * cube texture that is not a render target (it flips x for those; see WebGLMaterials'
 * envMapRotation): +X and −X swap, and each face's rows reverse left to right.
 */
export async function prefilterRoomEnvironment(size: number): Promise<Float32Array[][]> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const threeDir = path.join(repoRoot, 'node_modules/three');
    // three's own modules, served to the page from node_modules (no bundler, no network).
    await page.route('http://environment.invalid/**', async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><script type="importmap">{"imports":{"three":"/three/build/three.module.js","three/addons/":"/three/examples/jsm/"}}</script>' });
      const file = path.resolve(threeDir, '.' + url.pathname.replace(/^\/three/, ''));
      if (!file.startsWith(threeDir + path.sep)) return route.fulfill({ status: 404 });
      return route.fulfill({ contentType: 'text/javascript', body: await readFile(file, 'utf8') });
    });
    await page.goto('http://environment.invalid/');
    const levels = (await page.evaluate(`(${PREFILTER_IN_PAGE})(${size})`)) as number[][][];
    return levels.map((faces, l) => {
      const s = size >> l;
      const mirrored = (px: number[]) => {
        const m = new Float32Array(px.length);
        for (let y = 0; y < s; y++) for (let x = 0; x < s; x++) for (let c = 0; c < 4; c++) m[(y * s + x) * 4 + c] = px[(y * s + (s - 1 - x)) * 4 + c];
        return m;
      };
      return [1, 0, 2, 3, 4, 5].map((f) => mirrored(faces[f]));
    });
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const size = ROOM_ENVIRONMENT_SIZE;
  const out = path.resolve(repoRoot, arg('out') ?? ROOM_ENVIRONMENT_FILE);
  const bytes = encodeRoomEnvironment(size, await prefilterRoomEnvironment(size), ROOM_ENVIRONMENT_FIRST_LEVEL);
  await writeFile(out, bytes);
  console.log(`wrote ${path.relative(repoRoot, out)}: ${size} px faces, ${(bytes.length / 1024).toFixed(0)} KiB`);
}
