import * as THREE from 'three';
import { RoomEnvironment } from 'three/examples/jsm/environments/RoomEnvironment.js';
import { roomEnvironmentBytes, roomEnvironmentBytesNow } from './earlyRoomEnvironment.ts';
import { decodeRoomEnvironment, type RoomEnvironmentLevels } from './roomEnvironmentFile.ts';

export interface RoomEnvironmentLight {
  texture: THREE.Texture;
  dispose(): void;
}

/**
 * The exhibit's image-based light: three's RoomEnvironment, prefiltered at build time
 * (client/model/roomEnvironmentFile.ts says why), as the cube texture three's shaders sample.
 * When the file cannot be had the renderer prefilters it itself, as before: slower, same light.
 */
export async function roomEnvironment(renderer: THREE.WebGLRenderer): Promise<RoomEnvironmentLight> {
  const bytes = await roomEnvironmentBytes().catch(() => undefined);
  return roomEnvironmentNow(renderer, bytes);
}

/**
 * The same light at once, for a scene that sets up synchronously (the dollhouse): from the
 * file's bytes when they are here, else prefiltered by the renderer.
 */
export function roomEnvironmentNow(renderer: THREE.WebGLRenderer, bytes: ArrayBuffer | undefined = roomEnvironmentBytesNow()): RoomEnvironmentLight {
  if (bytes) {
    try {
      return fromFile(bytes);
    } catch {
      // A damaged file: the renderer makes the light itself.
    }
  }
  const pmrem = new THREE.PMREMGenerator(renderer);
  const room = new RoomEnvironment();
  const target = pmrem.fromScene(room, 0.04);
  room.dispose();
  pmrem.dispose();
  return { texture: target.texture, dispose: () => target.dispose() };
}

/** The last file decoded: every exhibit a session moves to (and each dollhouse opening) would decode it again (~30–50 ms). */
let decoded: { bytes: ArrayBuffer; file: RoomEnvironmentLevels } | undefined;

function fromFile(bytes: ArrayBuffer): RoomEnvironmentLight {
  if (decoded?.bytes !== bytes) decoded = { bytes, file: decodeRoomEnvironment(bytes) };
  // The texel arrays are shared between textures: three only reads them when it uploads.
  const { cubeSize, levels } = decoded.file;
  const faces = [0, 1, 2, 3, 4, 5].map((f) => ({
    width: cubeSize,
    height: cubeSize,
    mipmaps: levels.map((faces, l) => ({ data: faces[f], width: cubeSize >> l, height: cubeSize >> l })),
  }));
  // Uncompressed RGBA half floats: three uploads each face's levels as they are (texSubImage2D).
  const texture = new THREE.CompressedCubeTexture(faces as unknown as THREE.CompressedTexture[], THREE.RGBAFormat as unknown as THREE.CompressedPixelFormat, THREE.HalfFloatType);
  texture.minFilter = THREE.LinearMipmapLinearFilter;
  texture.magFilter = THREE.LinearFilter;
  texture.generateMipmaps = false;
  texture.colorSpace = THREE.LinearSRGBColorSpace;
  // What makes three sample it as a prefiltered environment (ENVMAP_TYPE_PMREM), as it does PMREMGenerator's.
  (texture as THREE.Texture & { isPMREMTexture: boolean }).isPMREMTexture = true;
  texture.needsUpdate = true;
  return { texture, dispose: () => texture.dispose() };
}
