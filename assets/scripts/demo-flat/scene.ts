/** Builds the demo flat as a three.js scene (runs in the browser). */
import * as THREE from 'three';
import { RoundedBoxGeometry } from 'three/examples/jsm/geometries/RoundedBoxGeometry.js';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { RectAreaLightUniformsLib } from 'three/examples/jsm/lights/RectAreaLightUniformsLib.js';
import {
  CEILING,
  EXT_WALL,
  FOOTPRINT,
  INT_HALF,
  OPENINGS,
  ROOMS,
  isExteriorEdge,
  type OpeningDef,
  type RoomDef,
} from './layout.ts';
import * as T from './textures.ts';
import { dollhouseTextureSize, foldIntoColour } from './dollhouse.ts';

/** Sun direction (towards the sun): azimuth 215° (south-west), elevation 32°. */
const SUN_AZ = (215 * Math.PI) / 180;
const SUN_EL = (32 * Math.PI) / 180;
export const SUN_DIR = new THREE.Vector3(Math.sin(SUN_AZ) * Math.cos(SUN_EL), Math.sin(SUN_EL), -Math.cos(SUN_AZ) * Math.cos(SUN_EL));
const GROUND_Y = -46;

const WARM = 0xffd6a8;

/**
 * What to build. The dollhouse (render-demo-flat.ts --dollhouse) leaves out the ceiling and
 * what hangs from it, cuts walls, frames and doors at `wallTop` so you can look in from
 * above, and has no lights or outside world; the panoramas use the whole flat.
 */
export interface BuildOptions {
  dollhouse?: { wallTop: number };
}

/** Where walls, frames and doors stop: the ceiling for panoramas, lower for the dollhouse. */
let wallTop = CEILING;
let dollhouse = false;

export interface BuiltFlat {
  scene: THREE.Scene;
  /** The flat itself (architecture and furniture, with the rooms' lamps), without sky, sun or window lights. */
  root: THREE.Group;
  /** Light layer for each room id (lights of a room are only enabled when rendering from it). */
  roomLayer: Record<string, number>;
}

// ---------------------------------------------------------------- geometry helpers

/** Replace UVs by metre-scale planar projection along the dominant normal axis. */
function metreUV(g: THREE.BufferGeometry, offset = new THREE.Vector3()): THREE.BufferGeometry {
  const pos = g.getAttribute('position');
  const nor = g.getAttribute('normal');
  const uv = new Float32Array(pos.count * 2);
  for (let i = 0; i < pos.count; i++) {
    const x = pos.getX(i) + offset.x, y = pos.getY(i) + offset.y, z = pos.getZ(i) + offset.z;
    const nx = Math.abs(nor.getX(i)), ny = Math.abs(nor.getY(i)), nz = Math.abs(nor.getZ(i));
    if (nx >= ny && nx >= nz) {
      uv[i * 2] = z;
      uv[i * 2 + 1] = y;
    } else if (ny >= nz) {
      uv[i * 2] = x;
      uv[i * 2 + 1] = z;
    } else {
      uv[i * 2] = x;
      uv[i * 2 + 1] = y;
    }
  }
  g.setAttribute('uv', new THREE.BufferAttribute(uv, 2));
  return g;
}

function mesh(g: THREE.BufferGeometry, m: THREE.Material, cast = true, receive = true): THREE.Mesh {
  const o = new THREE.Mesh(g, m);
  o.castShadow = cast;
  o.receiveShadow = receive;
  return o;
}

/** Box from world-ish min/max corners (in the parent's frame), metre UVs. */
function boxMM(x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, m: THREE.Material, cast = true): THREE.Mesh {
  const w = Math.abs(x1 - x0), h = Math.abs(y1 - y0), d = Math.abs(z1 - z0);
  const c = new THREE.Vector3((x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2);
  const g = metreUV(new THREE.BoxGeometry(w, h, d), c);
  const o = mesh(g, m, cast);
  o.position.copy(c);
  return o;
}

/** Centered box of size w×h×d whose bottom sits at y (in parent frame). */
function box(w: number, h: number, d: number, m: THREE.Material, x = 0, y = 0, z = 0, cast = true): THREE.Mesh {
  const o = mesh(metreUV(new THREE.BoxGeometry(w, h, d)), m, cast);
  o.position.set(x, y + h / 2, z);
  return o;
}

/** Segments for a curve: the dollhouse is seen from metres away and has a size budget, so it gets half. */
function segs(n: number): number {
  return dollhouse ? Math.max(6, Math.round(n / 2)) : n;
}

function rbox(w: number, h: number, d: number, r: number, m: THREE.Material, x = 0, y = 0, z = 0, seg = 3): THREE.Mesh {
  const o = mesh(metreUV(new RoundedBoxGeometry(w, h, d, dollhouse ? 1 : seg, Math.min(r, w / 2, h / 2, d / 2) * 0.999)), m);
  o.position.set(x, y + h / 2, z);
  return o;
}

function cyl(rt: number, rb: number, h: number, m: THREE.Material, x = 0, y = 0, z = 0, seg = 24): THREE.Mesh {
  const o = mesh(new THREE.CylinderGeometry(rt, rb, h, segs(seg)), m);
  o.position.set(x, y + h / 2, z);
  return o;
}

/** Put a furniture group at plan (x, y) rotated so its local +Z front faces `faceDeg` (0 = south/+Z, 90 = east, 180 = north, -90 = west). */
function place<T extends THREE.Object3D>(parent: THREE.Object3D, o: T, x: number, y: number, faceDeg = 0, elev = 0): T {
  o.position.set(x, elev, y);
  o.rotation.y = (faceDeg * Math.PI) / 180;
  parent.add(o);
  return o;
}

// ---------------------------------------------------------------- materials

interface Mats {
  [k: string]: THREE.MeshStandardMaterial;
}

function std(p: THREE.MeshStandardMaterialParameters): THREE.MeshStandardMaterial {
  return new THREE.MeshStandardMaterial({ roughness: 0.8, ...p });
}

function makeMaterials(): Mats {
  // Plaster and weave only tint the surface from dollhouse distance: the export folds them into the colour.
  const plaster = foldIntoColour(T.plaster());
  const fab = foldIntoColour(T.fabric(3, 1));
  const fabCoarse = foldIntoColour(T.fabric(8, 2));
  // Furniture grain and the worktop read fine at 256 px from dollhouse distance; floors keep 512.
  const oak = dollhouseTextureSize(T.furnitureWood(32, 0.6, 5), 256);
  const walnut = dollhouseTextureSize(T.furnitureWood(24, 0.33, 6), 256);
  const m: Mats = {
    paintWarm: std({ color: 0xf1ebe1, map: plaster, roughness: 0.92 }),
    paintWhite: std({ color: 0xf4f3ef, map: plaster, roughness: 0.92 }),
    paintSage: std({ color: 0xd9dfcf, map: plaster, roughness: 0.92 }),
    paintBlue: std({ color: 0xd8e0e6, map: plaster, roughness: 0.92 }),
    paintGrey: std({ color: 0xe9e6e0, map: plaster, roughness: 0.92 }),
    ceiling: std({ color: 0xfbfaf7, roughness: 0.95 }),
    oakFloor: std({ map: T.oakFloor(), roughness: 0.5 }),
    stoneFloor: std({ map: T.tiles({ tileW: 0.6, tileH: 0.6, sizeM: 1.2, base: [35, 0.06, 0.74], vary: 0.05, grout: '#8f8a82', groutPx: 4, seed: 2, marble: true }), roughness: 0.35 }),
    bathFloor: std({ map: T.tiles({ tileW: 0.3, tileH: 0.3, sizeM: 1.2, base: [30, 0.05, 0.42], vary: 0.06, grout: '#cfcac2', groutPx: 4, seed: 3 }), roughness: 0.45 }),
    bathWall: std({ map: T.tiles({ tileW: 0.6, tileH: 0.3, sizeM: 1.2, base: [38, 0.2, 0.9], vary: 0.03, grout: '#b9b2a6', groutPx: 3, seed: 4, marble: true, stagger: false }), roughness: 0.2 }),
    subway: std({ map: T.tiles({ tileW: 0.15, tileH: 0.075, sizeM: 0.6, base: [200, 0.05, 0.9], vary: 0.03, grout: '#a9aaa8', groutPx: 3, seed: 5, stagger: true }), roughness: 0.15 }),
    skirting: std({ color: 0xf3f1ec, roughness: 0.6 }),
    frame: std({ color: 0x3b3f44, roughness: 0.45, metalness: 0.4 }),
    glass: std({ color: 0xcfe0ea, roughness: 0.05, metalness: 0.0, transparent: true, opacity: 0.12, depthWrite: false, side: THREE.DoubleSide }),
    sill: std({ color: 0xe8e4dc, roughness: 0.3 }),
    door: std({ color: 0xf2efe9, roughness: 0.55 }),
    doorOak: std({ map: oak, color: 0xe6d2b8, roughness: 0.55 }),
    entrance: std({ color: 0x4a4642, roughness: 0.5, metalness: 0.3 }),
    chrome: std({ color: 0xdddddd, roughness: 0.15, metalness: 1 }),
    brass: std({ color: 0xc9a15a, roughness: 0.3, metalness: 1 }),
    blackMetal: std({ color: 0x222222, roughness: 0.45, metalness: 0.6 }),
    oak: std({ map: oak, roughness: 0.55 }),
    walnut: std({ map: walnut, roughness: 0.5 }),
    whiteLacquer: std({ color: 0xf5f4f0, roughness: 0.35 }),
    greyCabinet: std({ color: 0x5d6a6f, roughness: 0.5 }),
    counter: std({ map: dollhouseTextureSize(T.marble(), 256), roughness: 0.2 }),
    sofa: std({ color: 0x8a9aa5, map: fab, roughness: 0.95 }),
    sofaCushion: std({ color: 0x96a6b1, map: fab, roughness: 0.95 }),
    mustard: std({ color: 0xd4a23c, map: fab, roughness: 0.95 }),
    terracotta: std({ color: 0xc0673f, map: fab, roughness: 0.95 }),
    linen: std({ color: 0xf3efe8, map: fabCoarse, roughness: 0.98 }),
    duvet: std({ color: 0xf7f5f0, map: fab, roughness: 0.98 }),
    throwBlue: std({ color: 0x3e5a78, map: fabCoarse, roughness: 0.98 }),
    headboard: std({ color: 0xb9a58c, map: fab, roughness: 0.95 }),
    greenFabric: std({ color: 0x6f8a6a, map: fab, roughness: 0.95 }),
    leather: std({ color: 0x8a4f2c, roughness: 0.5 }),
    porcelain: std({ color: 0xfafafa, roughness: 0.12 }),
    mirror: std({ color: 0xe8eef2, roughness: 0.04, metalness: 1 }),
    tv: std({ color: 0x0b0c0e, roughness: 0.15, metalness: 0.3 }),
    screen: std({ color: 0x101418, roughness: 0.2, emissive: 0x2b4a66, emissiveIntensity: 0.25 }),
    pot: std({ color: 0xe6dfd3, roughness: 0.7 }),
    potDark: std({ color: 0x3a3632, roughness: 0.7 }),
    soil: std({ color: 0x3b2a1e, roughness: 1 }),
    leaf: std({ color: 0x3f6b35, roughness: 0.7, side: THREE.DoubleSide }),
    leafLight: std({ color: 0x5d8a3f, roughness: 0.7, side: THREE.DoubleSide }),
    trunk: std({ color: 0x6b5138, roughness: 0.9 }),
    shadeWarm: std({ color: 0xf3e6cf, roughness: 0.9, emissive: 0xffd2a0, emissiveIntensity: 0.55, side: THREE.DoubleSide }),
    bulb: std({ color: 0xffffff, emissive: 0xffd9a8, emissiveIntensity: 4 }),
    downlight: std({ color: 0xffffff, emissive: 0xfff1dc, emissiveIntensity: 2.5 }),
    hob: std({ color: 0x111111, roughness: 0.1, metalness: 0.2 }),
    steel: std({ color: 0xc8c9c9, roughness: 0.3, metalness: 0.9 }),
    plasticWhite: std({ color: 0xf7f7f5, roughness: 0.4 }),
    ceramicBlue: std({ color: 0x4f7896, roughness: 0.3 }),
    ceramicRed: std({ color: 0xb5533c, roughness: 0.3 }),
    fruit: std({ color: 0xe08a2c, roughness: 0.5 }),
    apple: std({ color: 0x9bb83a, roughness: 0.45 }),
    towel: std({ color: 0xe9e2d6, map: fabCoarse, roughness: 1 }),
    towelBlue: std({ color: 0x7d9db4, map: fabCoarse, roughness: 1 }),
    water: std({ color: 0x2c4456, roughness: 0.08, metalness: 0.1 }),
    curtain: std({ color: 0xf5f1e8, map: fabCoarse, roughness: 1, transparent: true, opacity: 0.82, side: THREE.DoubleSide }),
    paper: std({ color: 0xf4f1e8, roughness: 0.9 }),
  };
  for (const [name, mat] of Object.entries(m)) mat.name = name;
  return m;
}

// ---------------------------------------------------------------- architecture

interface Edge {
  orient: 'h' | 'v';
  line: number;
  s0: number;
  s1: number;
  /** +1 if the room lies on the increasing side of the line. */
  inward: 1 | -1;
  t: number;
}

function roomEdges(r: RoomDef): Edge[] {
  const { x0, y0, x1, y1 } = r.rect;
  const e = (orient: 'h' | 'v', line: number, s0: number, s1: number, inward: 1 | -1): Edge => ({
    orient, line, s0, s1, inward, t: isExteriorEdge(orient, line) ? EXT_WALL : INT_HALF,
  });
  return [e('h', y0, x0, x1, 1), e('h', y1, x0, x1, -1), e('v', x0, y0, y1, 1), e('v', x1, y0, y1, -1)];
}

/** Inner (finished) rectangle of a room. */
export function innerRect(r: RoomDef): { x0: number; y0: number; x1: number; y1: number } {
  const [n, s, w, e] = roomEdges(r);
  return { x0: r.rect.x0 + w.t, x1: r.rect.x1 - e.t, y0: r.rect.y0 + n.t, y1: r.rect.y1 - s.t };
}

function edgeOpenings(edge: Edge): OpeningDef[] {
  return OPENINGS.filter((o) => o.orient === edge.orient && Math.abs(o.line - edge.line) < 1e-6 && o.center > edge.s0 && o.center < edge.s1).sort((a, b) => a.center - b.center);
}

/**
 * Box spanning [s0,s1] along the edge, from the line inward by [d0,d1], heights [h0,h1],
 * cut at wallTop (an empty group when it lies wholly above).
 */
function edgeBox(edge: Edge, s0: number, s1: number, d0: number, d1: number, h0: number, h1: number, m: THREE.Material, cast = true): THREE.Object3D {
  h1 = Math.min(h1, wallTop);
  if (h1 - h0 < 1e-4) return new THREE.Group();
  const a = edge.line + edge.inward * d0, b = edge.line + edge.inward * d1;
  if (edge.orient === 'h') return boxMM(s0, h0, Math.min(a, b), s1, h1, Math.max(a, b), m, cast);
  return boxMM(Math.min(a, b), h0, s0, Math.max(a, b), h1, s1, m, cast);
}

function buildRoomShell(root: THREE.Object3D, room: RoomDef, mats: Mats): void {
  const wallMat = room.wall === 'bathTile' ? mats.bathWall : mats[room.wall];
  const edges = roomEdges(room);
  const inner = innerRect(room);
  for (const edge of edges) {
    const ops = edgeOpenings(edge);
    let cur = edge.s0;
    const pieces: Array<[number, number, number, number]> = [];
    for (const o of ops) {
      const a = o.center - o.width / 2, b = o.center + o.width / 2;
      pieces.push([cur, a, 0, CEILING]);
      pieces.push([a, b, o.top, CEILING]);
      if (o.bottom > 0) pieces.push([a, b, 0, o.bottom]);
      cur = b;
    }
    pieces.push([cur, edge.s1, 0, CEILING]);
    for (const [s0, s1, h0, h1] of pieces) if (s1 - s0 > 1e-4 && h1 - h0 > 1e-4) root.add(edgeBox(edge, s0, s1, 0, edge.t, h0, h1, wallMat));

    // skirting along the inner face, interrupted by door-type openings and low windows
    if (room.wall !== 'bathTile') {
      const lo = edge.orient === 'h' ? inner.x0 : inner.y0, hi = edge.orient === 'h' ? inner.x1 : inner.y1;
      let c = lo;
      const segs: Array<[number, number]> = [];
      for (const o of ops) {
        if (o.bottom > 0.3) continue;
        segs.push([c, o.center - o.width / 2]);
        c = o.center + o.width / 2;
      }
      segs.push([c, hi]);
      for (const [a, b] of segs) if (b - a > 0.02) root.add(edgeBox(edge, Math.max(a, lo), Math.min(b, hi), edge.t, edge.t + 0.014, 0, 0.085, mats.skirting, false));
    }
    // windows and door trims belonging to this edge
    for (const o of ops) {
      if (o.kind === 'window') buildWindow(root, edge, o, mats, room);
      if (o.kind === 'door' || o.kind === 'opening' || o.kind === 'entrance') buildCasing(root, edge, o, room.wall === 'bathTile' ? mats.whiteLacquer : mats.skirting);
    }
  }
  // floor
  const fm = room.floor === 'oak' ? mats.oakFloor : room.floor === 'stone' ? mats.stoneFloor : mats.bathFloor;
  root.add(boxMM(room.rect.x0, -0.05, room.rect.y0, room.rect.x1, 0, room.rect.y1, fm, false));
}

function buildCasing(root: THREE.Object3D, edge: Edge, o: OpeningDef, m: THREE.Material): void {
  const a = o.center - o.width / 2, b = o.center + o.width / 2, w = 0.07, t = 0.015;
  const d0 = edge.t, d1 = edge.t + t;
  root.add(edgeBox(edge, a - w, a, d0, d1, 0, o.top + w, m, false));
  root.add(edgeBox(edge, b, b + w, d0, d1, 0, o.top + w, m, false));
  root.add(edgeBox(edge, a - w, b + w, d0, d1, o.top, o.top + w, m, false));
  // lining of the reveal (only once per opening: on the room with inward +1 or exterior)
  if (edge.inward === 1 || o.rooms.length === 1) {
    const full = o.rooms.length === 1 ? edge.t : INT_HALF;
    const lo = o.rooms.length === 1 ? 0 : -full;
    root.add(edgeBox(edge, a, a + 0.012, lo, full, 0, o.top, m, false));
    root.add(edgeBox(edge, b - 0.012, b, lo, full, 0, o.top, m, false));
    root.add(edgeBox(edge, a, b, lo, full, o.top - 0.012, o.top, m, false));
  }
}

function buildWindow(root: THREE.Object3D, edge: Edge, o: OpeningDef, mats: Mats, room: RoomDef): void {
  const a = o.center - o.width / 2, b = o.center + o.width / 2;
  const fd0 = 0.05, fd1 = 0.12; // frame depth from the outer face
  const fw = 0.055;
  const f = mats.frame;
  const add = (s0: number, s1: number, h0: number, h1: number) => root.add(edgeBox(edge, s0, s1, fd0, fd1, h0, h1, f, true));
  add(a, a + fw, o.bottom, o.top);
  add(b - fw, b, o.bottom, o.top);
  add(a, b, o.bottom, o.bottom + fw);
  add(a, b, o.top - fw, o.top);
  const n = Math.max(1, Math.round(o.width / 1.0));
  for (let k = 1; k < n; k++) {
    const s = a + (k * o.width) / n;
    add(s - fw / 2, s + fw / 2, o.bottom, o.top);
  }
  if (o.top - o.bottom > 2) add(a, b, o.top - 0.5, o.top - 0.5 + fw);
  // glass
  const g = edgeBox(edge, a + fw, b - fw, 0.085, 0.09, o.bottom + fw, o.top - fw, mats.glass, false);
  g.receiveShadow = false;
  root.add(g);
  // inner sill
  if (o.bottom > 0.3) root.add(edgeBox(edge, a - 0.04, b + 0.04, fd1, edge.t + 0.04, o.bottom - 0.03, o.bottom, room.wall === 'bathTile' ? mats.bathWall : mats.sill));
}

function buildDoorLeaf(root: THREE.Object3D, o: OpeningDef, mats: Mats): void {
  if (!o.swing) return;
  const into = ROOMS.find((r) => r.id === o.swing!.into)!;
  const sgn = o.orient === 'v' ? (into.rect.x0 >= o.line - 1e-6 ? 1 : -1) : into.rect.y0 >= o.line - 1e-6 ? 1 : -1;
  const hingeS = o.center + (o.swing.hinge * o.width) / 2 - o.swing.hinge * 0.012;
  const ang = ((o.swing.angle ?? 100) * Math.PI) / 180;
  const len = o.width - 0.03;
  // plan direction of the open leaf
  let hx: number, hy: number, dx: number, dy: number;
  if (o.orient === 'v') {
    hx = o.line + sgn * (INT_HALF + 0.02);
    hy = hingeS;
    dx = sgn * Math.sin(ang);
    dy = -o.swing.hinge * Math.cos(ang);
  } else {
    hx = hingeS;
    hy = o.line + sgn * (INT_HALF + 0.02);
    dx = -o.swing.hinge * Math.cos(ang);
    dy = sgn * Math.sin(ang);
  }
  const g = new THREE.Group();
  g.add(boxMM(0, 0.01, -0.02, len, Math.min(o.top, wallTop) - 0.01, 0.02, mats.door));
  // handles on both faces near the free end
  for (const s of [-1, 1]) {
    const h = cyl(0.009, 0.009, 0.12, mats.chrome);
    h.rotation.x = Math.PI / 2;
    h.position.set(len - 0.06, 1.0, s * 0.045);
    g.add(h);
    const lever = cyl(0.008, 0.008, 0.13, mats.chrome);
    lever.rotation.z = Math.PI / 2;
    lever.position.set(len - 0.11, 1.0, s * 0.075);
    g.add(lever);
  }
  g.position.set(hx, 0, hy);
  g.rotation.y = Math.atan2(-dy, dx);
  root.add(g);
}

function buildEntrance(root: THREE.Object3D, o: OpeningDef, mats: Mats): void {
  // closed steel door sitting in the opening of the north exterior wall
  const a = o.center - o.width / 2, b = o.center + o.width / 2;
  root.add(boxMM(a + 0.01, 0.01, 0.08, b - 0.01, Math.min(o.top, wallTop) - 0.01, 0.14, mats.entrance));
  for (let k = 0; k < 3; k++) root.add(boxMM(a + 0.12, 0.35 + k * 0.6, 0.14, b - 0.12, 0.35 + k * 0.6 + 0.45, 0.145, mats.entrance, false));
  const h = boxMM(b - 0.16, 0.9, 0.145, b - 0.1, 1.22, 0.17, mats.chrome, false);
  root.add(h);
  root.add(boxMM(b - 0.3, 1.0, 0.17, b - 0.1, 1.03, 0.2, mats.chrome, false));
  const peep = cyl(0.012, 0.012, 0.02, mats.brass);
  peep.rotation.x = Math.PI / 2;
  peep.position.set(o.center, 1.55, 0.15);
  root.add(peep);
}

// ---------------------------------------------------------------- furniture

function sofa(m: Mats, len: number, depth = 0.95): THREE.Group {
  const g = new THREE.Group();
  const armW = 0.2, seatH = 0.44, backD = 0.22;
  g.add(rbox(len, 0.26, depth, 0.05, m.sofa, 0, 0.1, 0));
  g.add(rbox(armW, 0.62, depth, 0.07, m.sofa, -len / 2 + armW / 2, 0.1, 0));
  g.add(rbox(armW, 0.62, depth, 0.07, m.sofa, len / 2 - armW / 2, 0.1, 0));
  g.add(rbox(len - 2 * armW + 0.02, 0.52, backD, 0.08, m.sofa, 0, 0.3, -depth / 2 + backD / 2));
  const n = len > 1.9 ? 3 : 2;
  const cw = (len - 2 * armW) / n;
  for (let i = 0; i < n; i++) {
    const x = -len / 2 + armW + cw * (i + 0.5);
    g.add(rbox(cw - 0.01, 0.16, depth - backD - 0.02, 0.06, m.sofaCushion, x, seatH - 0.08, backD / 2));
    const back = rbox(cw - 0.03, 0.46, 0.18, 0.08, m.sofaCushion, x, seatH + 0.05, -depth / 2 + backD + 0.06);
    back.rotation.x = -0.14;
    g.add(back);
  }
  // throw pillows
  const p1 = rbox(0.45, 0.42, 0.14, 0.06, m.mustard, -len / 2 + armW + 0.3, seatH + 0.06, -depth / 2 + backD + 0.2);
  p1.rotation.set(-0.25, 0.25, 0.08);
  g.add(p1);
  const p2 = rbox(0.42, 0.4, 0.14, 0.06, m.terracotta, len / 2 - armW - 0.3, seatH + 0.06, -depth / 2 + backD + 0.2);
  p2.rotation.set(-0.25, -0.3, -0.06);
  g.add(p2);
  for (const sx of [-1, 1]) for (const sz of [-1, 1]) g.add(cyl(0.02, 0.015, 0.1, m.walnut, sx * (len / 2 - 0.08), 0, sz * (depth / 2 - 0.08), 10));
  return g;
}

function armchair(m: Mats, fabric: THREE.Material): THREE.Group {
  const g = new THREE.Group();
  g.add(rbox(0.74, 0.2, 0.72, 0.05, fabric, 0, 0.2, 0));
  g.add(rbox(0.74, 0.5, 0.16, 0.07, fabric, 0, 0.38, -0.28));
  g.add(rbox(0.12, 0.26, 0.66, 0.05, fabric, -0.32, 0.38, 0.02));
  g.add(rbox(0.12, 0.26, 0.66, 0.05, fabric, 0.32, 0.38, 0.02));
  g.add(rbox(0.56, 0.12, 0.56, 0.05, fabric, 0, 0.38, 0.06));
  for (const sx of [-1, 1]) for (const sz of [-1, 1]) {
    const l = cyl(0.018, 0.012, 0.22, m.walnut, sx * 0.3, 0, sz * 0.28, 10);
    l.rotation.z = sx * 0.12;
    g.add(l);
  }
  return g;
}

function table(m: Mats, w: number, d: number, h: number, top: THREE.Material, legs: THREE.Material, thick = 0.035, legR = 0.025): THREE.Group {
  const g = new THREE.Group();
  g.add(rbox(w, thick, d, 0.008, top, 0, h - thick, 0));
  for (const sx of [-1, 1]) for (const sz of [-1, 1]) g.add(cyl(legR, legR * 0.8, h - thick, legs, sx * (w / 2 - 0.08), 0, sz * (d / 2 - 0.08), 12));
  return g;
}

function diningChair(m: Mats, seat: THREE.Material): THREE.Group {
  const g = new THREE.Group();
  g.add(rbox(0.44, 0.05, 0.44, 0.015, m.oak, 0, 0.43, 0));
  g.add(rbox(0.4, 0.05, 0.4, 0.02, seat, 0, 0.47, 0.01));
  for (const sx of [-1, 1]) for (const sz of [-1, 1]) g.add(cyl(0.017, 0.014, 0.43, m.oak, sx * 0.18, 0, sz * 0.18, 10));
  for (const sx of [-1, 1]) g.add(cyl(0.014, 0.014, 0.42, m.oak, sx * 0.18, 0.47, -0.19, 8));
  const back = rbox(0.42, 0.16, 0.025, 0.01, m.oak, 0, 0.72, -0.2);
  g.add(back);
  return g;
}

function pendant(m: Mats, root: THREE.Object3D, x: number, y: number, hBottom: number, layer: number, intensity: number, kind: 'dome' | 'globe' = 'dome'): void {
  if (dollhouse) return; // hangs from the ceiling the dollhouse does not have
  const cord = cyl(0.004, 0.004, CEILING - hBottom - 0.2, m.blackMetal, x, hBottom + 0.2, y, 6);
  root.add(cord);
  root.add(cyl(0.05, 0.05, 0.02, m.blackMetal, x, CEILING - 0.02, y, 16));
  if (kind === 'dome') {
    const shade = mesh(new THREE.SphereGeometry(0.22, 32, 12, 0, Math.PI * 2, 0, Math.PI / 2), m.blackMetal, true);
    shade.position.set(x, hBottom, y);
    root.add(shade);
    const inner = mesh(new THREE.SphereGeometry(0.215, 32, 12, 0, Math.PI * 2, 0, Math.PI / 2), m.shadeWarm, false);
    inner.position.set(x, hBottom, y);
    root.add(inner);
    const bulb = mesh(new THREE.SphereGeometry(0.045, 16, 8), m.bulb, false);
    bulb.position.set(x, hBottom + 0.06, y);
    root.add(bulb);
  } else {
    const globe = mesh(new THREE.SphereGeometry(0.16, 32, 16), m.shadeWarm, false);
    globe.position.set(x, hBottom + 0.16, y);
    root.add(globe);
  }
  const l = new THREE.PointLight(WARM, intensity, 7, 2);
  l.position.set(x, hBottom + 0.02, y);
  l.layers.set(layer);
  root.add(l);
}

function tableLamp(m: Mats, root: THREE.Object3D, x: number, y: number, base: number, layer: number, intensity: number, baseMat: THREE.Material): void {
  root.add(cyl(0.06, 0.08, 0.22, baseMat, x, base, y, 20));
  root.add(cyl(0.008, 0.008, 0.12, m.brass, x, base + 0.22, y, 6));
  const shade = mesh(new THREE.CylinderGeometry(0.12, 0.16, 0.2, segs(32), 1, true), m.shadeWarm, false);
  shade.position.set(x, base + 0.4, y);
  root.add(shade);
  const l = new THREE.PointLight(WARM, intensity, 5, 2);
  l.position.set(x, base + 0.38, y);
  l.layers.set(layer);
  root.add(l);
}

function floorLamp(m: Mats, root: THREE.Object3D, x: number, y: number, layer: number, intensity: number): void {
  root.add(cyl(0.16, 0.17, 0.025, m.blackMetal, x, 0, y, 24));
  root.add(cyl(0.012, 0.012, 1.45, m.blackMetal, x, 0.02, y, 8));
  const shade = mesh(new THREE.CylinderGeometry(0.17, 0.22, 0.3, segs(32), 1, true), m.shadeWarm, false);
  shade.position.set(x, 1.55, y);
  root.add(shade);
  const l = new THREE.PointLight(WARM, intensity, 6, 2);
  l.position.set(x, 1.52, y);
  l.layers.set(layer);
  root.add(l);
}

function plant(m: Mats, kind: 'bush' | 'tall' | 'small', seed: number): THREE.Group {
  const g = new THREE.Group();
  const r = T.rng(seed);
  if (kind === 'small') {
    g.add(cyl(0.07, 0.055, 0.12, m.ceramicBlue, 0, 0, 0, 16));
    for (let i = 0; i < 7; i++) {
      const s = mesh(new THREE.IcosahedronGeometry(0.05 + r() * 0.03, dollhouse ? 0 : 1), r() < 0.5 ? m.leaf : m.leafLight);
      s.position.set((r() - 0.5) * 0.1, 0.15 + r() * 0.08, (r() - 0.5) * 0.1);
      g.add(s);
    }
    return g;
  }
  const potH = kind === 'tall' ? 0.38 : 0.3, potR = kind === 'tall' ? 0.2 : 0.17;
  g.add(cyl(potR, potR * 0.8, potH, r() < 0.5 ? m.pot : m.potDark, 0, 0, 0, 24));
  g.add(cyl(potR * 0.92, potR * 0.92, 0.01, m.soil, 0, potH - 0.03, 0, 20));
  if (kind === 'bush') {
    for (let i = 0; i < 18; i++) {
      const s = mesh(new THREE.IcosahedronGeometry(0.11 + r() * 0.08, dollhouse ? 0 : 1), r() < 0.5 ? m.leaf : m.leafLight);
      const a = r() * Math.PI * 2, rad = r() * 0.22;
      s.position.set(Math.cos(a) * rad, potH + 0.12 + r() * 0.42, Math.sin(a) * rad);
      s.scale.set(1, 0.8 + r() * 0.4, 1);
      g.add(s);
    }
  } else {
    // fiddle-leaf style: stems with broad leaves
    const leafShape = new THREE.Shape();
    leafShape.moveTo(0, 0);
    leafShape.bezierCurveTo(0.09, 0.05, 0.1, 0.2, 0, 0.28);
    leafShape.bezierCurveTo(-0.1, 0.2, -0.09, 0.05, 0, 0);
    const leafGeo = new THREE.ShapeGeometry(leafShape, dollhouse ? 3 : 6);
    for (let s = 0; s < 3; s++) {
      const h = 1.1 + r() * 0.5;
      const stem = cyl(0.012, 0.016, h, m.trunk, (r() - 0.5) * 0.08, potH - 0.02, (r() - 0.5) * 0.08, 6);
      stem.rotation.z = (r() - 0.5) * 0.15;
      g.add(stem);
      for (let i = 0; i < 14; i++) {
        const leaf = mesh(leafGeo, r() < 0.5 ? m.leaf : m.leafLight);
        const yy = potH + h * (0.35 + 0.65 * (i / 14));
        leaf.position.set(stem.position.x, yy, stem.position.z);
        leaf.rotation.set(-0.6 - r() * 0.7, r() * Math.PI * 2, 0, 'YXZ');
        const sc = 0.8 + r() * 0.6;
        leaf.scale.set(sc, sc, sc);
        g.add(leaf);
      }
    }
  }
  return g;
}

function picture(m: Mats, w: number, h: number, style: number, seed: number, frameMat: THREE.Material): THREE.Group {
  const g = new THREE.Group();
  const fw = 0.03;
  g.add(boxMM(-w / 2, -h / 2, 0, w / 2, h / 2, 0.03, frameMat, false));
  const art = new THREE.MeshStandardMaterial({ name: `art-${seed}`, map: dollhouseTextureSize(T.artwork(style, seed, (w - 2 * fw) / (h - 2 * fw)), 256), roughness: 0.85 });
  const p = new THREE.Mesh(new THREE.PlaneGeometry(w - 2 * fw - 0.04, h - 2 * fw - 0.04), art);
  p.position.z = 0.0305;
  g.add(p);
  const mat = new THREE.Mesh(new THREE.PlaneGeometry(w - 2 * fw, h - 2 * fw), m.paper);
  mat.position.z = 0.0302;
  g.add(mat);
  return g;
}

const rugMaterials = new Map<string, THREE.MeshStandardMaterial>();

function rugMesh(w: number, d: number, kind: 'living' | 'bedroom' | 'runner'): THREE.Mesh {
  // One material per kind: two bedroom rugs share their texture (and the dollhouse stores it once).
  let mat = rugMaterials.get(kind);
  if (!mat) rugMaterials.set(kind, (mat = new THREE.MeshStandardMaterial({ name: `rug-${kind}`, map: T.rug(kind), roughness: 1 })));
  const g = new RoundedBoxGeometry(w, 0.012, d, 2, 0.005);
  const o = mesh(g, mat, false);
  o.position.y = 0.006;
  return o;
}

function books(m: Mats, root: THREE.Object3D, shelves: Array<{ x0: number; x1: number; y: number; z: number; depth: number }>, seed: number, parentRot = 0): void {
  const r = T.rng(seed);
  const colors = [0x8c3b2e, 0x2f4b63, 0xd9c7a0, 0x4d6b4a, 0xe6e1d6, 0x2a2a2a, 0xb8833a, 0x6d4c6b, 0x9fb3c2, 0xc45d3a];
  const geo = new THREE.BoxGeometry(1, 1, 1);
  const mat = new THREE.MeshStandardMaterial({ name: `books-${seed}`, roughness: 0.75 });
  const mats: THREE.Matrix4[] = [];
  const cols: THREE.Color[] = [];
  for (const s of shelves) {
    let x = s.x0 + 0.02;
    while (x < s.x1 - 0.05) {
      if (r() < 0.1) {
        x += 0.1 + r() * 0.15;
        continue;
      }
      const t = 0.02 + r() * 0.035, h = 0.19 + r() * 0.1, d = s.depth * (0.6 + r() * 0.25);
      if (x + t > s.x1 - 0.02) break;
      const tilt = r() < 0.06 ? 0.2 : 0;
      const mt = new THREE.Matrix4().compose(
        new THREE.Vector3(x + t / 2 + (tilt ? 0.03 : 0), s.y + h / 2 - (tilt ? 0.01 : 0), s.z),
        new THREE.Quaternion().setFromEuler(new THREE.Euler(0, 0, tilt)),
        new THREE.Vector3(t, h, d),
      );
      mats.push(mt);
      cols.push(new THREE.Color(colors[Math.floor(r() * colors.length)]).multiplyScalar(0.8 + r() * 0.3));
      x += t + 0.002;
    }
  }
  const im = new THREE.InstancedMesh(geo, mat, mats.length);
  mats.forEach((mt, i) => {
    im.setMatrixAt(i, mt);
    im.setColorAt(i, cols[i]);
  });
  im.castShadow = true;
  im.receiveShadow = true;
  im.rotation.y = parentRot;
  root.add(im);
}

function cabinetRun(m: Mats, len: number, h: number, d: number, front: THREE.Material, doorW = 0.6, plinth = 0.1, handles = true): THREE.Group {
  const g = new THREE.Group();
  g.add(box(len, plinth, d - 0.06, m.blackMetal, 0, 0, -0.03));
  g.add(box(len, h - plinth, d - 0.02, front, 0, plinth, -0.01));
  const n = Math.max(1, Math.round(len / doorW));
  const dw = len / n;
  for (let i = 0; i < n; i++) {
    const x = -len / 2 + dw * (i + 0.5);
    g.add(box(dw - 0.006, h - plinth - 0.006, 0.018, front, x, plinth + 0.003, d / 2 - 0.01));
    if (handles) g.add(box(0.012, 0.16, 0.02, m.blackMetal, x + (i % 2 ? -1 : 1) * (dw / 2 - 0.05), h - 0.26, d / 2 + 0.01));
  }
  return g;
}

// ---------------------------------------------------------------- rooms

function furnishLiving(root: THREE.Object3D, m: Mats, layer: number): void {
  // lounge: sofa facing west, TV on the west wall
  place(root, rugMesh(2.7, 2.0, 'living'), 3.05, 6.55, 90);
  place(root, sofa(m, 2.3), 4.55, 6.55, -90);
  const ct = new THREE.Group();
  ct.add(rbox(1.1, 0.04, 0.6, 0.015, m.walnut, 0, 0.36, 0));
  ct.add(rbox(1.0, 0.025, 0.5, 0.01, m.walnut, 0, 0.12, 0));
  for (const sx of [-1, 1]) for (const sz of [-1, 1]) ct.add(cyl(0.018, 0.018, 0.36, m.blackMetal, sx * 0.5, 0, sz * 0.24, 8));
  ct.add(box(0.3, 0.04, 0.22, m.linen, -0.2, 0.4, 0.05));
  ct.add(box(0.28, 0.03, 0.2, m.ceramicBlue, -0.2, 0.44, 0.05));
  ct.add(cyl(0.1, 0.06, 0.07, m.porcelain, 0.25, 0.4, -0.05, 24));
  ct.add(cyl(0.03, 0.03, 0.1, m.ceramicRed, 0.32, 0.4, 0.15, 16));
  place(root, ct, 3.25, 6.55, 90);
  place(root, armchair(m, m.greenFabric), 2.25, 7.45, 35);
  // TV unit + TV
  const tvu = cabinetRun(m, 1.9, 0.48, 0.42, m.walnut, 0.475, 0.12, false);
  place(root, tvu, 0.22 + 0.21, 6.55, 90);
  const tv = new THREE.Group();
  tv.add(box(1.45, 0.83, 0.04, m.tv, 0, 0, 0));
  const scr = new THREE.Mesh(new THREE.PlaneGeometry(1.41, 0.79), m.screen);
  scr.position.set(0, 0.415, 0.021);
  tv.add(scr);
  place(root, tv, 0.22 + 0.03, 6.55, 90, 1.0);
  place(root, plant(m, 'small', 3), 0.42, 5.85, 90, 0.48);
  root.add(box(0.2, 0.05, 0.25, m.linen, 0.4, 0.48, 7.15));
  root.add(box(0.18, 0.04, 0.24, m.terracotta, 0.4, 0.53, 7.15));
  // dining
  const dt = table(m, 1.6, 0.9, 0.75, m.oak, m.oak, 0.04, 0.028);
  place(root, dt, 1.05, 4.75, 90);
  for (const [dx, dz, f] of [
    [-0.45, -0.38, 90], [-0.45, 0.38, 90], [0.45, -0.38, -90], [0.45, 0.38, -90],
  ] as const)
    place(root, diningChair(m, m.linen), 1.05 + dx, 4.75 + dz, f);
  // table setting
  root.add(cyl(0.16, 0.09, 0.09, m.porcelain, 1.05, 0.75, 4.75, 28));
  for (let i = 0; i < 5; i++) {
    const f = mesh(new THREE.SphereGeometry(0.04, 12, 8), i % 2 ? m.fruit : m.apple);
    f.position.set(1.05 + Math.cos(i * 1.3) * 0.06, 0.86, 4.75 + Math.sin(i * 1.3) * 0.06);
    root.add(f);
  }
  pendant(m, root, 1.05, 4.75, 1.55, layer, 5);
  // sideboard against north wall east of the kitchen opening, art above
  place(root, cabinetRun(m, 1.6, 0.78, 0.42, m.whiteLacquer, 0.4, 0.1, false), 4.25, 3.46 + 0.21, 0);
  tableLamp(m, root, 3.7, 3.7, 0.78, layer, 2.5, m.ceramicBlue);
  root.add(cyl(0.06, 0.05, 0.24, m.ceramicRed, 4.7, 0.78, 3.68, 16));
  place(root, picture(m, 1.1, 0.8, 0, 31, m.walnut), 4.3, 3.46, 0, 1.6);
  // pictures over sofa (on the east wall)
  place(root, picture(m, 0.5, 0.7, 1, 7, m.blackMetal), 5.54, 6.1, -90, 1.55);
  place(root, picture(m, 0.5, 0.7, 2, 9, m.blackMetal), 5.54, 6.75, -90, 1.55);
  floorLamp(m, root, 5.2, 7.65, layer, 3);
  place(root, plant(m, 'tall', 12), 0.55, 7.6, 0);
  place(root, plant(m, 'bush', 13), 4.95, 7.55, 0);
  // AC unit high on the north wall
  place(root, rbox(0.9, 0.28, 0.22, 0.04, m.plasticWhite), 4.3, 3.46 + 0.11, 0, 2.3);
  // curtains beside the south glazing
  curtains(root, m, 0.62, 8.2 - EXT_WALL - 0.08, 0.5, true);
  curtains(root, m, 4.78, 8.2 - EXT_WALL - 0.08, 0.5, true);
  downlights(root, m, [[3.0, 4.2], [3.0, 7.2], [4.6, 5.6]]);
}

function curtains(root: THREE.Object3D, m: Mats, cx: number, y: number, w: number, along: boolean, h = CEILING - 0.05): void {
  if (dollhouse) return; // they hang from a rail at the ceiling
  const geo = new THREE.PlaneGeometry(w, h - 0.05, 48, 1);
  const pos = geo.getAttribute('position');
  for (let i = 0; i < pos.count; i++) pos.setZ(i, Math.sin(pos.getX(i) * 40) * 0.035);
  geo.computeVertexNormals();
  const c = mesh(geo, m.curtain, true, true);
  c.position.set(cx, 0.03 + (h - 0.05) / 2, y);
  if (!along) c.rotation.y = Math.PI / 2;
  root.add(c);
  // rail
  const rail = cyl(0.01, 0.01, w + 0.1, m.blackMetal, 0, 0, 0, 8);
  rail.rotation.z = Math.PI / 2;
  rail.position.set(cx, h, y);
  if (!along) {
    rail.rotation.set(Math.PI / 2, 0, 0);
  }
  root.add(rail);
}

function downlights(root: THREE.Object3D, m: Mats, pts: Array<[number, number]>): void {
  if (dollhouse) return;
  for (const [x, y] of pts) {
    const d = mesh(new THREE.CylinderGeometry(0.045, 0.045, 0.01, 20), m.downlight, false, false);
    d.position.set(x, CEILING - 0.004, y);
    root.add(d);
    const ring = mesh(new THREE.CylinderGeometry(0.055, 0.055, 0.006, 20), m.whiteLacquer, false, false);
    ring.position.set(x, CEILING - 0.002, y);
    root.add(ring);
  }
}

function furnishKitchen(root: THREE.Object3D, m: Mats, layer: number): void {
  const nIn = 0.22, wIn = 0.22, eIn = 3.2 - INT_HALF;
  // north run (under the window) from the west wall to the fridge
  const fridgeW = 0.66;
  const northLen = eIn - fridgeW - wIn - 0.02;
  const nx = wIn + northLen / 2;
  place(root, cabinetRun(m, northLen, 0.87, 0.6, m.greyCabinet, 0.55), nx, nIn + 0.3, 0);
  root.add(boxMM(wIn, 0.87, nIn, wIn + northLen, 0.9, nIn + 0.62, m.counter));
  // west run
  const wLen = 1.9;
  const wy0 = nIn + 0.6;
  place(root, cabinetRun(m, wLen, 0.87, 0.6, m.greyCabinet, 0.48), wIn + 0.3, wy0 + wLen / 2, 90);
  root.add(boxMM(wIn, 0.87, wy0, wIn + 0.62, 0.9, wy0 + wLen, m.counter));
  // backsplash (subway tiles) on north and west walls
  root.add(boxMM(wIn, 0.9, nIn, wIn + northLen, 1.05, nIn + 0.008, m.subway, false));
  root.add(boxMM(wIn, 0.9, nIn, wIn + 0.008, 1.5, wy0 + wLen, m.subway, false));
  // sink under the window
  const sinkX = 1.35;
  root.add(boxMM(sinkX - 0.3, 0.89, nIn + 0.12, sinkX + 0.3, 0.905, nIn + 0.5, m.steel, false));
  root.add(boxMM(sinkX - 0.27, 0.75, nIn + 0.15, sinkX + 0.27, 0.9, nIn + 0.47, m.steel, false));
  const tap = new THREE.Group();
  tap.add(cyl(0.02, 0.022, 0.3, m.chrome, 0, 0, 0, 12));
  const spout = mesh(new THREE.TorusGeometry(0.09, 0.012, 8, segs(20), Math.PI), m.chrome);
  spout.position.set(0, 0.3, 0.09);
  spout.rotation.y = Math.PI / 2;
  tap.add(spout);
  place(root, tap, sinkX, nIn + 0.07, 0, 0.9);
  // hob + hood on the west run
  const hobY = wy0 + 1.05;
  root.add(boxMM(wIn + 0.08, 0.9, hobY - 0.3, wIn + 0.56, 0.908, hobY + 0.3, m.hob, false));
  for (const [dx, dz] of [[0.13, -0.15], [0.13, 0.15], [0.33, -0.15], [0.33, 0.15]]) {
    const ring = mesh(new THREE.RingGeometry(0.06, 0.075, segs(32)), m.steel, false);
    ring.rotation.x = -Math.PI / 2;
    ring.position.set(wIn + 0.08 + dx, 0.909, hobY + dz);
    root.add(ring);
  }
  const hood = new THREE.Group();
  hood.add(box(0.6, 0.08, 0.5, m.steel, 0, 0, 0));
  hood.add(box(0.26, 0.7, 0.26, m.steel, 0, 0.08, -0.1));
  place(root, hood, wIn + 0.27, hobY, 90, 1.62);
  // a pan on the hob, kettle and bits on the counters
  const pan = cyl(0.12, 0.11, 0.08, m.blackMetal, wIn + 0.41, 0.908, hobY + 0.15, 24);
  root.add(pan);
  const kettle = new THREE.Group();
  kettle.add(cyl(0.07, 0.09, 0.2, m.whiteLacquer, 0, 0, 0, 20));
  kettle.add(box(0.03, 0.12, 0.08, m.blackMetal, 0, 0.06, -0.1));
  place(root, kettle, 2.15, nIn + 0.35, 0, 0.9);
  root.add(box(0.42, 0.02, 0.28, m.oak, 0.55, 0.9, wy0 + 0.25));
  root.add(cyl(0.05, 0.05, 0.16, m.ceramicBlue, 0.4, 0.9, wy0 + 1.65, 16));
  for (let i = 0; i < 4; i++) root.add(cyl(0.004, 0.004, 0.16, m.oak, 0.39 + i * 0.01, 1.02, wy0 + 1.64 + (i % 2) * 0.02, 6));
  root.add(cyl(0.13, 0.07, 0.08, m.porcelain, 0.55, 0.9, wy0 + 0.7, 24));
  for (let i = 0; i < 4; i++) {
    const f = mesh(new THREE.SphereGeometry(0.04, 12, 8), i % 2 ? m.fruit : m.apple);
    f.position.set(0.55 + Math.cos(i * 1.6) * 0.05, 1.0, wy0 + 0.7 + Math.sin(i * 1.6) * 0.05);
    root.add(f);
  }
  place(root, plant(m, 'small', 21), 0.9, 0.2 + 0.06, 0, 1.05);
  place(root, plant(m, 'small', 22), 1.85, 0.2 + 0.06, 0, 1.05);
  // upper cabinets on the west wall
  place(root, cabinetRun(m, wLen, 0.72, 0.34, m.whiteLacquer, 0.48, 0.001, false), wIn + 0.17, wy0 + wLen / 2, 90, 1.5);
  // wall shelf east of the window
  root.add(boxMM(2.15, 1.55, nIn, 2.5, 1.58, nIn + 0.25, m.oak));
  root.add(cyl(0.05, 0.04, 0.1, m.ceramicRed, 2.3, 1.58, nIn + 0.12, 16));
  // fridge
  const fr = new THREE.Group();
  fr.add(rbox(fridgeW - 0.02, 1.95, 0.66, 0.02, m.steel, 0, 0, 0));
  fr.add(box(0.02, 0.4, 0.03, m.blackMetal, -fridgeW / 2 + 0.06, 1.0, 0.34));
  fr.add(box(0.02, 0.3, 0.03, m.blackMetal, -fridgeW / 2 + 0.06, 0.5, 0.34));
  fr.add(box(fridgeW - 0.03, 0.006, 0.01, m.blackMetal, 0, 0.9, 0.335));
  place(root, fr, eIn - fridgeW / 2, nIn + 0.34, 0);
  // small round table with two stools
  const tb = new THREE.Group();
  tb.add(cyl(0.35, 0.35, 0.03, m.oak, 0, 0.72, 0, 40));
  tb.add(cyl(0.025, 0.025, 0.72, m.blackMetal, 0, 0, 0, 10));
  tb.add(cyl(0.22, 0.22, 0.015, m.blackMetal, 0, 0, 0, 30));
  place(root, tb, 2.72, 2.2, 0);
  place(root, diningChair(m, m.mustard), 2.72, 1.6, 0);
  place(root, diningChair(m, m.mustard), 2.72, 2.8, 180);
  root.add(cyl(0.04, 0.05, 0.12, m.porcelain, 2.68, 0.75, 2.15, 16));
  pendant(m, root, 2.72, 2.2, 1.7, layer, 3, 'globe');
  downlights(root, m, [[1.2, 1.2], [1.5, 2.9]]);
  // under-cabinet strip
  const strip = new THREE.PointLight(0xffe0b8, 1.2, 3, 2);
  strip.position.set(wIn + 0.3, 1.45, wy0 + wLen / 2);
  strip.layers.set(layer);
  root.add(strip);
}

function furnishBathroom(root: THREE.Object3D, m: Mats, layer: number): void {
  const x0 = 3.2 + INT_HALF, nIn = EXT_WALL, x1 = 5.6 - INT_HALF, sIn = 3.4 - INT_HALF;
  // bathtub along the north wall
  const tubL = 1.7, tubD = 0.75, tubH = 0.56;
  const tb = new THREE.Group();
  tb.add(box(tubL, tubH - 0.06, tubD, m.porcelain, 0, 0, 0));
  tb.add(rbox(tubL, 0.06, 0.08, 0.02, m.porcelain, 0, tubH - 0.06, -tubD / 2 + 0.04));
  tb.add(rbox(tubL, 0.06, 0.08, 0.02, m.porcelain, 0, tubH - 0.06, tubD / 2 - 0.04));
  tb.add(rbox(0.1, 0.06, tubD, 0.02, m.porcelain, -tubL / 2 + 0.05, tubH - 0.06, 0));
  tb.add(rbox(0.1, 0.06, tubD, 0.02, m.porcelain, tubL / 2 - 0.05, tubH - 0.06, 0));
  const inner = rbox(tubL - 0.2, 0.06, tubD - 0.16, 0.03, m.porcelain, 0, tubH - 0.075, 0);
  tb.add(inner);
  place(root, tb, x0 + tubL / 2, nIn + tubD / 2, 0);
  // glass shower screen and shower head
  root.add(boxMM(x0 + tubL - 0.55, tubH, nIn + tubD - 0.01, x0 + tubL, tubH + 1.4, nIn + tubD, m.glass, false));
  root.add(boxMM(x0 + tubL - 0.56, tubH, nIn + tubD - 0.015, x0 + tubL - 0.54, tubH + 1.4, nIn + tubD + 0.005, m.chrome, false));
  root.add(cyl(0.012, 0.012, 1.2, m.chrome, x0 + 0.05, 0.9, nIn + 0.35, 8));
  const head = cyl(0.1, 0.1, 0.015, m.chrome, x0 + 0.2, 2.08, nIn + 0.35, 24);
  root.add(head);
  root.add(boxMM(x0, 2.1, nIn + 0.34, x0 + 0.2, 2.12, nIn + 0.36, m.chrome, false));
  // vanity on the west wall
  const vy = 1.85;
  const v = new THREE.Group();
  v.add(box(0.9, 0.45, 0.48, m.walnut, 0, 0.35, 0));
  v.add(box(0.92, 0.03, 0.5, m.counter, 0, 0.8, 0));
  v.add(rbox(0.5, 0.13, 0.38, 0.04, m.porcelain, 0, 0.83, 0.02));
  v.add(box(0.4, 0.005, 0.28, m.sill, 0, 0.9, 0.03, false));
  const tap = new THREE.Group();
  tap.add(cyl(0.015, 0.015, 0.2, m.chrome, 0, 0, 0, 12));
  tap.add(box(0.02, 0.02, 0.12, m.chrome, 0, 0.18, 0.05));
  tap.position.set(0, 0.83, -0.2);
  v.add(tap);
  v.add(box(0.6, 0.8, 0.02, m.mirror, 0, 1.12, -0.24, false));
  v.add(box(0.64, 0.84, 0.012, m.blackMetal, 0, 1.1, -0.248, false));
  v.add(box(0.5, 0.03, 0.03, m.bulb, 0, 1.98, -0.22, false));
  place(root, v, x0 + 0.24, vy, 90);
  root.add(cyl(0.03, 0.03, 0.12, m.ceramicBlue, x0 + 0.12, 0.83, vy + 0.36, 12));
  place(root, plant(m, 'small', 41), x0 + 0.14, vy - 0.35, 0, 0.83);
  // toilet on the south wall
  const t = new THREE.Group();
  t.add(rbox(0.38, 0.38, 0.18, 0.04, m.porcelain, 0, 0.4, -0.27));
  const bowl = mesh(new THREE.CylinderGeometry(0.19, 0.15, 0.4, segs(28)), m.porcelain);
  bowl.scale.set(1, 1, 1.3);
  bowl.position.set(0, 0.2, -0.02);
  t.add(bowl);
  const seat = mesh(new THREE.CylinderGeometry(0.2, 0.2, 0.025, segs(28)), m.porcelain);
  seat.scale.set(1, 1, 1.3);
  seat.position.set(0, 0.41, -0.02);
  t.add(seat);
  place(root, t, 4.15, sIn - 0.36, 180);
  // towels: rail on the east wall north of the door
  root.add(boxMM(x1 - 0.06, 1.2, 1.0, x1 - 0.04, 1.22, 1.6, m.chrome, false));
  root.add(boxMM(x1 - 0.09, 0.7, 1.05, x1 - 0.04, 1.25, 1.55, m.towel));
  root.add(boxMM(x1 - 0.1, 0.85, 1.1, x1 - 0.09, 1.25, 1.5, m.towelBlue));
  // bath mat
  root.add(boxMM(x0 + 0.5, 0, nIn + tubD + 0.05, x0 + 1.2, 0.012, nIn + tubD + 0.5, m.towel, false));
  downlights(root, m, [[3.8, 1.2], [3.8, 2.6], [5.0, 1.0]]);
  const bl = new THREE.PointLight(0xfff0dd, 1.6, 4, 2);
  bl.position.set(4.4, 2.1, 2.4);
  bl.layers.set(layer);
  root.add(bl);
}

function furnishHallway(root: THREE.Object3D, m: Mats, layer: number): void {
  const x0 = 5.6 + INT_HALF, x1 = 7.0 - INT_HALF;
  // shoe cabinet with mirror
  place(root, cabinetRun(m, 1.3, 0.95, 0.34, m.whiteLacquer, 0.43, 0.12, false), x0 + 0.17, 1.1, 90);
  root.add(boxMM(x0, 0.95, 0.45, x0 + 0.36, 0.98, 1.75, m.oak));
  root.add(boxMM(x0, 1.15, 0.85, x0 + 0.02, 1.95, 1.45, m.mirror, false));
  root.add(boxMM(x0, 1.13, 0.83, x0 + 0.015, 1.97, 1.47, m.brass, false));
  root.add(cyl(0.06, 0.05, 0.22, m.ceramicBlue, x0 + 0.18, 0.98, 0.7, 16));
  for (let i = 0; i < 3; i++) root.add(cyl(0.004, 0.004, 0.3, m.trunk, x0 + 0.18 + i * 0.01, 1.18, 0.7, 6));
  root.add(box(0.16, 0.03, 0.1, m.walnut, x0 + 0.18, 0.98, 1.5));
  // coat hooks on the east wall near the door
  root.add(boxMM(x1 - 0.02, 1.7, 0.5, x1, 1.78, 1.3, m.oak, false));
  for (let i = 0; i < 4; i++) root.add(boxMM(x1 - 0.07, 1.72, 0.6 + i * 0.2, x1 - 0.02, 1.75, 0.62 + i * 0.2, m.brass, false));
  root.add(boxMM(x1 - 0.16, 0.95, 0.55, x1 - 0.02, 1.72, 0.85, m.throwBlue));
  root.add(boxMM(x1 - 0.12, 1.1, 0.95, x1 - 0.02, 1.72, 1.15, m.mustard));
  // entrance mat + runner
  root.add(boxMM(5.85, 0, 0.3, 6.75, 0.012, 0.9, m.potDark, false));
  place(root, rugMesh(0.8, 2.6, 'runner'), 6.3, 6.4, 90);
  place(root, picture(m, 0.6, 0.8, 3, 17, m.oak), x0, 6.3, 90, 1.5);
  place(root, picture(m, 0.45, 0.6, 0, 19, m.blackMetal), x1, 5.9, -90, 1.5);
  place(root, picture(m, 0.45, 0.6, 1, 23, m.blackMetal), x1, 6.6, -90, 1.5);
  place(root, plant(m, 'bush', 33), 6.55, 7.6, 0);
  pendant(m, root, 6.3, 1.0, 2.2, layer, 1.5, 'globe');
  downlights(root, m, [[6.3, 3.0], [6.3, 5.0], [6.3, 6.8]]);
  const l = new THREE.PointLight(0xfff0dd, 2.5, 5, 2);
  l.position.set(6.3, 2.5, 4.0);
  l.layers.set(layer);
  root.add(l);
}

function furnishStudy(root: THREE.Object3D, m: Mats, layer: number): void {
  const x0 = 7.0 + INT_HALF, nIn = EXT_WALL, x1 = 11 - EXT_WALL, sIn = 3.6 - INT_HALF;
  // desk under the north window
  const desk = table(m, 1.6, 0.7, 0.75, m.oak, m.blackMetal, 0.03, 0.02);
  place(root, desk, 9.0, nIn + 0.36, 0);
  const mon = new THREE.Group();
  mon.add(box(0.62, 0.37, 0.02, m.tv, 0, 0.16, 0));
  const scr = new THREE.Mesh(new THREE.PlaneGeometry(0.6, 0.35), m.screen);
  scr.position.set(0, 0.345, 0.011);
  mon.add(scr);
  mon.add(box(0.04, 0.16, 0.04, m.blackMetal, 0, 0, -0.04));
  mon.add(box(0.22, 0.01, 0.16, m.blackMetal, 0, 0, -0.04));
  place(root, mon, 9.1, nIn + 0.3, 0, 0.75);
  root.add(box(0.42, 0.015, 0.14, m.plasticWhite, 9.1, 0.75, nIn + 0.52));
  root.add(box(0.3, 0.01, 0.2, m.paper, 8.5, 0.75, nIn + 0.48));
  tableLamp(m, root, 9.6, nIn + 0.25, 0.75, layer, 1.5, m.blackMetal);
  place(root, plant(m, 'small', 51), 8.45, nIn + 0.2, 0, 0.75);
  // desk chair
  const ch = new THREE.Group();
  ch.add(rbox(0.5, 0.08, 0.48, 0.03, m.blackMetal, 0, 0.44, 0));
  ch.add(rbox(0.48, 0.5, 0.06, 0.03, m.blackMetal, 0, 0.55, -0.24));
  ch.add(cyl(0.025, 0.025, 0.38, m.chrome, 0, 0.06, 0, 10));
  for (let i = 0; i < 5; i++) {
    const leg = box(0.3, 0.03, 0.04, m.blackMetal, 0, 0.05, 0);
    leg.geometry.translate(0.15, 0, 0);
    leg.rotation.y = (i * 2 * Math.PI) / 5;
    ch.add(leg);
  }
  place(root, ch, 9.1, nIn + 1.05, 170);
  // bookshelf along the west wall
  const sh = new THREE.Group();
  const shW = 1.7, shH = 2.1, shD = 0.34;
  sh.add(box(0.025, shH, shD, m.oak, -shW / 2, 0, 0));
  sh.add(box(0.025, shH, shD, m.oak, shW / 2, 0, 0));
  sh.add(box(shW, 0.01, 0.01, m.oak, 0, 0, -shD / 2));
  sh.add(box(shW, shH, 0.01, m.oak, 0, 0, -shD / 2 + 0.005));
  const shelfYs = [0.05, 0.45, 0.85, 1.25, 1.65, 2.08];
  for (const y of shelfYs) sh.add(box(shW, 0.025, shD, m.oak, 0, y, 0));
  place(root, sh, x0 + shD / 2, 0.35 + shW / 2, 90);
  const bookShelves = shelfYs.slice(0, -1).map((y) => ({ x0: -shW / 2 + 0.02, x1: shW / 2 - 0.02, y: y + 0.025, z: 0.0, depth: shD }));
  const bk = new THREE.Group();
  books(m, bk, bookShelves, 77);
  place(root, bk, x0 + shD / 2, 0.35 + shW / 2, 90);
  // daybed along the south wall
  const db = new THREE.Group();
  db.add(box(2.0, 0.3, 0.9, m.walnut, 0, 0.08, 0));
  db.add(rbox(1.96, 0.16, 0.86, 0.05, m.linen, 0, 0.38, 0));
  db.add(rbox(1.96, 0.5, 0.14, 0.05, m.greenFabric, 0, 0.5, -0.38));
  for (const x of [-0.6, 0.0, 0.6]) {
    const p = rbox(0.5, 0.4, 0.14, 0.06, x === 0 ? m.mustard : m.throwBlue, x, 0.52, -0.26);
    p.rotation.x = -0.2;
    db.add(p);
  }
  for (const sx of [-1, 1]) for (const sz of [-1, 1]) db.add(cyl(0.02, 0.02, 0.08, m.blackMetal, sx * 0.95, 0, sz * 0.4, 8));
  place(root, db, 9.5, sIn - 0.46, 180);
  place(root, rugMesh(2.0, 1.4, 'bedroom'), 9.4, 2.1, 0);
  place(root, plant(m, 'tall', 61), x1 - 0.3, nIn + 0.35, 0);
  place(root, picture(m, 0.9, 0.6, 1, 45, m.oak), 9.5, sIn, 180, 1.55);
  place(root, armchair(m, m.terracotta), x1 - 0.5, 2.95, -120);
  pendant(m, root, 9.75, 1.5, 2.25, layer, 2.5, 'globe');
}

function furnishBedroom(root: THREE.Object3D, m: Mats, layer: number): void {
  const x0 = 7.0 + INT_HALF, nIn = 3.6 + INT_HALF, x1 = 11 - EXT_WALL, sIn = 8.2 - EXT_WALL;
  const bx = 9.0;
  const bed = new THREE.Group();
  const L = 2.05, W = 1.65;
  bed.add(rbox(W + 0.1, 1.1, 0.1, 0.04, m.headboard, 0, 0, -L / 2 - 0.05));
  bed.add(box(W + 0.06, 0.28, L, m.oak, 0, 0.06, 0));
  bed.add(rbox(W, 0.24, L - 0.05, 0.06, m.duvet, 0, 0.34, 0.0));
  const duvet = rbox(W + 0.08, 0.1, L * 0.7, 0.05, m.duvet, 0, 0.52, L * 0.15);
  bed.add(duvet);
  bed.add(rbox(W + 0.1, 0.11, 0.55, 0.05, m.throwBlue, 0, 0.53, L / 2 - 0.35));
  for (const x of [-0.42, 0.42]) {
    const p = rbox(0.62, 0.16, 0.4, 0.07, m.linen, x, 0.55, -L / 2 + 0.28);
    p.rotation.x = -0.35;
    bed.add(p);
  }
  const cp = rbox(0.4, 0.32, 0.12, 0.05, m.mustard, 0, 0.58, -L / 2 + 0.42);
  cp.rotation.x = -0.3;
  bed.add(cp);
  for (const sx of [-1, 1]) for (const sz of [-1, 1]) bed.add(box(0.05, 0.06, 0.05, m.walnut, sx * (W / 2 - 0.03), 0, sz * (L / 2 - 0.05)));
  place(root, bed, bx, nIn + 0.1 + L / 2, 0);
  place(root, rugMesh(2.4, 1.9, 'bedroom'), bx, nIn + 1.45, 0);
  // nightstands and lamps
  for (const sx of [-1, 1]) {
    const x = bx + sx * (W / 2 + 0.35);
    const ns = cabinetRun(m, 0.5, 0.5, 0.4, m.walnut, 0.5, 0.05, false);
    place(root, ns, x, nIn + 0.22, 0);
    tableLamp(m, root, x, nIn + 0.22, 0.5, layer, 2.0, m.porcelain);
  }
  root.add(box(0.2, 0.03, 0.14, m.throwBlue, bx + 1.1, 0.5, nIn + 0.3));
  // art above the bed
  place(root, picture(m, 1.3, 0.6, 1, 88, m.oak), bx, nIn, 0, 1.55);
  // wardrobe along the west wall
  const wr = new THREE.Group();
  const wl = 2.2;
  wr.add(box(wl, 2.35, 0.6, m.whiteLacquer, 0, 0, 0));
  for (let i = 0; i < 4; i++) {
    wr.add(box(wl / 4 - 0.006, 2.3, 0.02, m.whiteLacquer, -wl / 2 + (i + 0.5) * (wl / 4), 0.03, 0.31));
    wr.add(box(0.015, 0.35, 0.025, m.brass, -wl / 2 + (i + 0.5) * (wl / 4) + (i % 2 ? -1 : 1) * (wl / 8 - 0.05), 1.0, 0.33));
  }
  place(root, wr, x0 + 0.3, sIn - 0.05 - wl / 2, 90);
  // dresser-desk under the east window and reading chair by the south window
  place(root, armchair(m, m.linen), x1 - 0.55, sIn - 0.6, -140);
  floorLamp(m, root, x1 - 0.22, sIn - 0.22, layer, 2.0);
  place(root, plant(m, 'bush', 71), 7.95, sIn - 0.35, 0);
  // bench at the foot of the bed
  const bench = new THREE.Group();
  bench.add(rbox(1.2, 0.12, 0.4, 0.03, m.headboard, 0, 0.36, 0));
  for (const sx of [-1, 1]) for (const sz of [-1, 1]) bench.add(cyl(0.015, 0.015, 0.36, m.brass, sx * 0.55, 0, sz * 0.16, 8));
  place(root, bench, bx, nIn + 0.1 + L + 0.35, 0);
  place(root, rbox(0.9, 0.28, 0.22, 0.04, m.plasticWhite), x1 - 0.11, 4.6, -90, 2.3);
  curtains(root, m, 7.85, sIn - 0.08, 0.45, true);
  curtains(root, m, 10.35, sIn - 0.08, 0.45, true);
  pendant(m, root, bx, 5.6, 2.3, layer, 2.0, 'globe');
}

// ---------------------------------------------------------------- outside world

function skyMaterial(): THREE.ShaderMaterial {
  return new THREE.ShaderMaterial({
    side: THREE.BackSide,
    depthWrite: false,
    fog: false,
    uniforms: { sunDir: { value: SUN_DIR.clone() } },
    vertexShader: /* glsl */ `
      varying vec3 vDir;
      void main() {
        vDir = normalize(position);
        gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
      }`,
    fragmentShader: /* glsl */ `
      varying vec3 vDir;
      uniform vec3 sunDir;
      float hash(vec2 p) { return fract(sin(dot(p, vec2(127.1, 311.7))) * 43758.5453); }
      float noise(vec2 p) {
        vec2 i = floor(p), f = fract(p);
        vec2 u = f * f * (3.0 - 2.0 * f);
        return mix(mix(hash(i), hash(i + vec2(1, 0)), u.x), mix(hash(i + vec2(0, 1)), hash(i + vec2(1, 1)), u.x), u.y);
      }
      float fbm(vec2 p) { float v = 0.0, a = 0.5; for (int i = 0; i < 5; i++) { v += a * noise(p); p *= 2.03; a *= 0.5; } return v; }
      void main() {
        vec3 d = normalize(vDir);
        float h = max(d.y, 0.0);
        vec3 zenith = vec3(0.20, 0.42, 0.80);
        vec3 horizon = vec3(0.78, 0.86, 0.93);
        vec3 col = mix(horizon, zenith, pow(h, 0.55));
        float sd = max(dot(d, normalize(sunDir)), 0.0);
        col += vec3(1.0, 0.85, 0.6) * (pow(sd, 8.0) * 0.35 + pow(sd, 256.0) * 3.0);
        // clouds on a plane
        if (d.y > 0.01) {
          vec2 uv = d.xz / (d.y + 0.08) * 1.3;
          float c = fbm(uv * 1.2 + vec2(3.1, 1.7));
          c = smoothstep(0.52, 0.78, c) * smoothstep(0.01, 0.2, d.y);
          vec3 cloud = mix(vec3(0.95, 0.96, 0.98), vec3(1.0, 0.97, 0.9), pow(sd, 4.0));
          col = mix(col, cloud, c * 0.85);
        }
        if (d.y < 0.0) col = horizon * 0.9;
        gl_FragColor = vec4(col * 1.6, 1.0);
      }`,
  });
}

function buildOutside(root: THREE.Object3D): void {
  const sky = new THREE.Mesh(new THREE.SphereGeometry(4000, 48, 24), skyMaterial());
  sky.renderOrder = -1;
  root.add(sky);
  const lam = (c: number) => new THREE.MeshLambertMaterial({ color: c });
  // ground
  const ground = new THREE.Mesh(new THREE.PlaneGeometry(9000, 9000), lam(0x8c8d84));
  ground.rotation.x = -Math.PI / 2;
  ground.position.y = GROUND_Y;
  root.add(ground);
  // river to the south (Qiantang): wide band
  const river = new THREE.Mesh(new THREE.PlaneGeometry(9000, 1000), new THREE.MeshStandardMaterial({ color: 0x5f7f8f, roughness: 0.15, metalness: 0.2 }));
  river.rotation.x = -Math.PI / 2;
  river.position.set(0, GROUND_Y + 0.2, 250 + 500);
  root.add(river);
  // park strip with trees between us and the river
  const park = new THREE.Mesh(new THREE.PlaneGeometry(9000, 200), lam(0x6f8f4e));
  park.rotation.x = -Math.PI / 2;
  park.position.set(0, GROUND_Y + 0.1, 60 + 100);
  root.add(park);
  const promenade = new THREE.Mesh(new THREE.PlaneGeometry(9000, 12), lam(0xb9b2a2));
  promenade.rotation.x = -Math.PI / 2;
  promenade.position.set(0, GROUND_Y + 0.15, 246);
  root.add(promenade);
  const road = new THREE.Mesh(new THREE.PlaneGeometry(9000, 22), lam(0x55575a));
  road.rotation.x = -Math.PI / 2;
  road.position.set(0, GROUND_Y + 0.15, 50);
  root.add(road);
  const r = T.rng(99);
  const trees: THREE.Matrix4[] = [];
  const treeCols: THREE.Color[] = [];
  const addTree = (x: number, z: number, s: number) => {
    trees.push(new THREE.Matrix4().compose(new THREE.Vector3(x, GROUND_Y + 4 * s, z), new THREE.Quaternion(), new THREE.Vector3(s * (0.9 + r() * 0.3), s * (0.8 + r() * 0.4), s * (0.9 + r() * 0.3))));
    treeCols.push(new THREE.Color().setHSL(0.2 + r() * 0.1, 0.3 + r() * 0.25, 0.16 + r() * 0.14));
  };
  for (let i = 0; i < 2200; i++) addTree(-700 + r() * 1400, 62 + r() * 185, 0.55 + r() * 0.75);
  // avenue trees east/west and around buildings
  for (let i = 0; i < 500; i++) {
    const a = r() * Math.PI * 2, d = 40 + r() * 500;
    const x = Math.cos(a) * d, z = Math.sin(a) * d;
    if (z > 38 && z < 260) continue;
    addTree(x, Math.min(z, 240), 0.6 + r() * 0.6);
  }
  const treeGeo = new THREE.IcosahedronGeometry(4, 2);
  const treeMesh = new THREE.InstancedMesh(treeGeo, new THREE.MeshLambertMaterial({ color: 0xffffff }), trees.length);
  trees.forEach((mt, i) => {
    treeMesh.setMatrixAt(i, mt);
    treeMesh.setColorAt(i, treeCols[i]);
  });
  root.add(treeMesh);

  // buildings, merged per facade style
  const styles = [
    { tone: 'light' as const, seed: 1 },
    { tone: 'warm' as const, seed: 2 },
    { tone: 'dark' as const, seed: 3 },
    { tone: 'glass' as const, seed: 4 },
  ];
  const geos: THREE.BufferGeometry[][] = styles.map(() => []);
  const addBuilding = (x: number, z: number, w: number, d: number, h: number, style: number) => {
    const g = new THREE.BoxGeometry(w, h, d);
    g.translate(x, GROUND_Y + h / 2, z);
    const pos = g.getAttribute('position'), nor = g.getAttribute('normal');
    const uv = g.getAttribute('uv') as THREE.BufferAttribute;
    for (let i = 0; i < pos.count; i++) {
      const nx = Math.abs(nor.getX(i)), ny = Math.abs(nor.getY(i));
      if (ny > 0.5) uv.setXY(i, 0.01, 0.01);
      else uv.setXY(i, (nx > 0.5 ? pos.getZ(i) : pos.getX(i)) / 12, (pos.getY(i) - GROUND_Y) / 12);
    }
    geos[style].push(g);
  };
  // our neighbours & the city: keep a clear zone around our tower
  const clear = (x: number, z: number) => Math.abs(x - 5) < 45 && Math.abs(z - 4) < 45;
  // north: CBD towers (Qianjiang New Town)
  for (let i = 0; i < 120; i++) {
    const x = -900 + r() * 1800, z = -150 - r() * 1500;
    if (clear(x, z)) continue;
    const tall = r() < 0.35;
    addBuilding(x, z, 25 + r() * 30, 25 + r() * 30, tall ? 110 + r() * 160 : 30 + r() * 70, tall ? 3 : Math.floor(r() * 3));
  }
  // east: residential towers
  for (let i = 0; i < 60; i++) {
    const x = 90 + r() * 900, z = -300 + r() * 340;
    addBuilding(x, z, 22 + r() * 12, 14 + r() * 6, 55 + r() * 50, r() < 0.5 ? 0 : 1);
  }
  // west: mid-rise then hills
  for (let i = 0; i < 50; i++) {
    const x = -120 - r() * 700, z = -300 + r() * 340;
    addBuilding(x, z, 20 + r() * 20, 16 + r() * 10, 20 + r() * 45, Math.floor(r() * 3));
  }
  // across the river (far bank), hazy low skyline
  for (let i = 0; i < 120; i++) {
    const x = -1800 + r() * 3600, z = 1300 + r() * 500;
    addBuilding(x, z, 30 + r() * 40, 30 + r() * 30, 20 + r() * 90, Math.floor(r() * 4));
  }
  // a few nearby neighbour towers at the sides (not in front of the south windows)
  addBuilding(-75, -10, 24, 16, 90, 0);
  addBuilding(95, 5, 24, 16, 85, 1);
  addBuilding(20, -90, 30, 18, 100, 0);
  addBuilding(-60, -120, 28, 18, 75, 1);
  styles.forEach((s, i) => {
    if (!geos[i].length) return;
    const t = T.facade(s.seed, s.tone);
    t.wrapS = t.wrapT = THREE.RepeatWrapping;
    const mat = s.tone === 'glass' ? new THREE.MeshStandardMaterial({ map: t, roughness: 0.25, metalness: 0.3 }) : new THREE.MeshLambertMaterial({ map: t });
    root.add(new THREE.Mesh(mergeGeometries(geos[i]), mat));
  });
  // hills to the west / south-west (West Lake hills)
  const hillMat = lam(0x4f6b45);
  for (let i = 0; i < 9; i++) {
    const a = Math.PI + (-0.55 + i * 0.14), d = 2200 + r() * 600;
    const hm = new THREE.Mesh(new THREE.SphereGeometry(1, 24, 12), hillMat);
    hm.scale.set(500 + r() * 400, 160 + r() * 160, 400 + r() * 300);
    hm.position.set(Math.cos(a) * d, GROUND_Y - 20, -Math.sin(a) * d * 0.6 + 200);
    root.add(hm);
  }
}

// ---------------------------------------------------------------- assemble

/**
 * Dollhouse: removes things fixed above the floor that reach over the cut walls (wall
 * cabinets, the hood, AC units, shower fittings) — with the wall gone they would float.
 * Free-standing furniture (wardrobe, shelves) stays whatever its height.
 */
function dropFloatingAbove(root: THREE.Object3D, top: number): void {
  const box = new THREE.Box3();
  root.updateMatrixWorld(true);
  for (const child of [...root.children]) {
    if ((child as THREE.Light).isLight) continue;
    box.setFromObject(child);
    if (box.isEmpty()) continue;
    if (box.min.y > 0.05 && box.max.y > top + 0.02) child.removeFromParent();
  }
}

export function buildFlat(renderer: THREE.WebGLRenderer, opts: BuildOptions = {}): BuiltFlat {
  dollhouse = !!opts.dollhouse;
  wallTop = opts.dollhouse?.wallTop ?? CEILING;
  RectAreaLightUniformsLib.init();
  T.setMaxAnisotropy(renderer.capabilities.getMaxAnisotropy());
  const scene = new THREE.Scene();
  scene.fog = new THREE.Fog(0xc9d6df, 200, 3600);
  const m = makeMaterials();
  const root = new THREE.Group();
  scene.add(root);
  const roomLayer: Record<string, number> = {};
  ROOMS.forEach((r, i) => (roomLayer[r.id] = i + 1));

  for (const room of ROOMS) buildRoomShell(root, room, m);
  for (const o of OPENINGS) {
    if (o.kind === 'door') buildDoorLeaf(root, o, m);
    if (o.kind === 'entrance') buildEntrance(root, o, m);
  }
  // ceiling slab (also blocks the sun)
  if (!dollhouse) root.add(boxMM(-0.01, CEILING, -0.01, FOOTPRINT.width + 0.01, CEILING + 0.3, FOOTPRINT.height + 0.01, m.ceiling));
  // slab edge below the floor so the sun cannot sneak under the walls
  root.add(boxMM(-0.01, -0.3, -0.01, FOOTPRINT.width + 0.01, -0.05, FOOTPRINT.height + 0.01, m.ceiling, true));

  furnishLiving(root, m, roomLayer.living);
  furnishKitchen(root, m, roomLayer.kitchen);
  furnishBathroom(root, m, roomLayer.bathroom);
  furnishHallway(root, m, roomLayer.hallway);
  furnishStudy(root, m, roomLayer.study);
  furnishBedroom(root, m, roomLayer.bedroom);
  if (dollhouse) {
    dropFloatingAbove(root, wallTop);
    return { scene, root, roomLayer };
  }

  // soft daylight from every window: a rect area light facing into the room
  for (const o of OPENINGS) {
    if (o.kind !== 'window') continue;
    const room = ROOMS.find((r) => r.id === o.rooms[0])!;
    const w = o.width, h = o.top - o.bottom;
    const lum = o.facing === 'S' || o.facing === 'W' ? 3.2 : 2.4;
    const l = new THREE.RectAreaLight(0xe6eefa, lum, w, h);
    const inward = o.orient === 'h' ? (o.line === 0 ? 1 : -1) : o.line === 0 ? 1 : -1;
    const d = EXT_WALL + 0.01;
    if (o.orient === 'h') {
      l.position.set(o.center, (o.bottom + o.top) / 2, o.line + inward * d);
      l.lookAt(o.center, (o.bottom + o.top) / 2, o.line + inward * 5);
    } else {
      l.position.set(o.line + inward * d, (o.bottom + o.top) / 2, o.center);
      l.lookAt(o.line + inward * 5, (o.bottom + o.top) / 2, o.center);
    }
    l.layers.set(roomLayer[room.id]);
    scene.add(l);
  }

  // global lights
  const hemi = new THREE.HemisphereLight(0xdfe9f5, 0xcfc8bd, 0.35);
  scene.add(hemi);
  const sun = new THREE.DirectionalLight(0xfff1dc, 7);
  const centre = new THREE.Vector3(FOOTPRINT.width / 2, 1.2, FOOTPRINT.height / 2);
  sun.position.copy(centre).addScaledVector(SUN_DIR, 25);
  sun.target.position.copy(centre);
  sun.castShadow = true;
  sun.shadow.mapSize.set(2048, 2048);
  const sc = sun.shadow.camera;
  sc.left = -9;
  sc.right = 9;
  sc.top = 8;
  sc.bottom = -8;
  sc.near = 5;
  sc.far = 50;
  sun.shadow.bias = -0.0004;
  sun.shadow.normalBias = 0.02;
  sun.shadow.radius = 3;
  scene.add(sun);
  scene.add(sun.target);

  buildOutside(scene);
  return { scene, root, roomLayer };
}
