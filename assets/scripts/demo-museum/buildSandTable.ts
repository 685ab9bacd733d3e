import { Document, type Material, type Node } from '@gltf-transform/core';
import { addMeshNode } from './addMeshNode.ts';
import type { DemoInfoPoint } from './DemoInfoPoint.ts';
import { MeshBuilder, box, gableRoof, hex, hipRoof, lathe, mix, noise2, type Rgb } from './MeshBuilder.ts';

/**
 * The digital sand table: a river town on a 1.0 × 0.8 m board (model units are metres, arScale 1).
 * Terrain and river always stand; each era's buildings are separate named nodes under an
 * `era-<id>` group, authored around their own origin so AR can raise them from the ground.
 */

/** Top of the flat ground (the board below it is 5 cm of walnut and earth). */
export const GROUND = 0.05;
const HALF_X = 0.5;
const HALF_Z = 0.4;
/** Town walls: a rectangle, gates in the middle of each side. */
const WALL = { x0: -0.28, x1: 0.28, z0: -0.2, z1: 0.11, height: 0.03, thick: 0.012, gate: 0.05 };
const RIVER_HALF_WIDTH = 0.032;

const C = {
  walnut: hex('#4a3222'),
  earth: hex('#7a6548'),
  grass: hex('#7d9a5a'),
  forest: hex('#4f6e3e'),
  paddy: hex('#9fb36a'),
  paddy2: hex('#b8b978'),
  town: hex('#b9a98a'),
  street: hex('#968a76'),
  sand: hex('#cdbd92'),
  bed: hex('#5d6b5a'),
  water: hex('#3f7fa6'),
  rammed: hex('#9b8b70'),
  brick: hex('#80807a'),
  red: hex('#8e3b2e'),
  roof: hex('#3e4247'),
  roofSong: hex('#4b5158'),
  white: hex('#e9e4d8'),
  stone: hex('#a8a397'),
  pagoda: hex('#d8cfc0'),
  gold: hex('#b08d3c'),
  door: hex('#2b211a'),
};

/** The river's centre line (z at x) and its direction there. */
export function riverZ(x: number): number {
  return 0.215 + 0.05 * Math.sin(5 * x + 0.6);
}
const riverSlope = (x: number) => 0.25 * Math.cos(5 * x + 0.6);

const inTown = (x: number, z: number, m = 0) => x > WALL.x0 - m && x < WALL.x1 + m && z > WALL.z0 - m && z < WALL.z1 + m;
const smooth = (e0: number, e1: number, x: number) => {
  const t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

/** Ground height above GROUND: hills to the north, the riverbed carved, the town flat. */
export function terrainHeight(x: number, z: number): number {
  const hills = 0.085 * smooth(-0.22, -0.4, z) * (0.55 + 0.45 * noise2(x * 7 + 3, z * 7)) + 0.02 * smooth(-0.3, -0.4, z) * noise2(x * 19, z * 19);
  const westHill = 0.03 * Math.max(0, 1 - Math.hypot(x + 0.43, z - 0.02) / 0.12);
  const rolling = 0.003 * (noise2(x * 12, z * 12) - 0.5);
  const flat = smooth(0.03, 0, Math.max(WALL.x0 - x, x - WALL.x1, WALL.z0 - z, z - WALL.z1, 0));
  let h = (hills + westHill + rolling) * (1 - flat);
  const d = Math.abs(z - riverZ(x)) / Math.hypot(1, riverSlope(x));
  h -= 0.012 * (1 - smooth(RIVER_HALF_WIDTH - 0.006, RIVER_HALF_WIDTH + 0.018, d));
  return h;
}

function terrainColor(x: number, z: number, h: number): Rgb {
  const d = Math.abs(z - riverZ(x)) / Math.hypot(1, riverSlope(x));
  if (d < RIVER_HALF_WIDTH + 0.004) return C.bed;
  if (d < RIVER_HALF_WIDTH + 0.014) return C.sand;
  if (inTown(x, z)) {
    // The Tang ward grid left a main cross of streets and lanes between the wards.
    if (Math.abs(x) < 0.01 || Math.abs(z + 0.045) < 0.009) return C.street;
    if (Math.abs(x - 0.14) < 0.004 || Math.abs(x + 0.14) < 0.004 || Math.abs(z + 0.13) < 0.004 || Math.abs(z - 0.04) < 0.004) return mix(C.town, C.street, 0.6);
    return mix(C.town, C.street, 0.25 * noise2(x * 40, z * 40));
  }
  // The road from the south gate to the bridge.
  if (Math.abs(x) < 0.008 && z > WALL.z1 && z < riverZ(0)) return C.street;
  if (h > 0.02) return mix(C.grass, C.forest, smooth(0.02, 0.05, h) * (0.6 + 0.4 * noise2(x * 30, z * 30)));
  // Paddy fields south of the river and around the walls: a patchwork of plots.
  if (z > riverZ(x) + 0.05 || (!inTown(x, z, 0.03) && h < 0.01)) {
    const plot = (Math.floor((x + 1) * 22) + Math.floor((z + 1) * 17)) % 3;
    return plot === 0 ? C.paddy2 : mix(C.paddy, C.grass, plot * 0.4);
  }
  return mix(C.grass, C.paddy, 0.5 * noise2(x * 9, z * 9));
}

function buildTerrain(): MeshBuilder {
  const b = new MeshBuilder();
  // Walnut board under the model.
  box(b, [-HALF_X - 0.02, 0, -HALF_Z - 0.02], [HALF_X + 0.02, 0.035, HALF_Z + 0.02], C.walnut, { bottom: true });
  const nx = 80, nz = 64;
  const first = b.vertexCount;
  for (let j = 0; j <= nz; j++)
    for (let i = 0; i <= nx; i++) {
      const x = -HALF_X + (i / nx) * 2 * HALF_X, z = -HALF_Z + (j / nz) * 2 * HALF_Z;
      const h = terrainHeight(x, z);
      b.vertex([x, GROUND + h, z], terrainColor(x, z, h));
    }
  for (let j = 0; j < nz; j++)
    for (let i = 0; i < nx; i++) {
      const a = first + j * (nx + 1) + i;
      const c = a + nx + 1;
      b.quad(a, c, c + 1, a + 1);
    }
  // Earth skirts down to the board, so the ground reads as a solid block from the side.
  const edge = (pts: Array<[number, number]>) => {
    for (let k = 0; k < pts.length - 1; k++) {
      const [x0, z0] = pts[k], [x1, z1] = pts[k + 1];
      b.face([x0, 0.035, z0], [x1, 0.035, z1], [x1, GROUND + terrainHeight(x1, z1), z1], [x0, GROUND + terrainHeight(x0, z0), z0], C.earth);
    }
  };
  const line = (n: number, f: (t: number) => [number, number]) => Array.from({ length: n + 1 }, (_, k) => f(k / n));
  edge(line(nx, (t) => [-HALF_X + t * 2 * HALF_X, HALF_Z]));
  edge(line(nx, (t) => [HALF_X - t * 2 * HALF_X, -HALF_Z]));
  edge(line(nz, (t) => [HALF_X, HALF_Z - t * 2 * HALF_Z]));
  edge(line(nz, (t) => [-HALF_X, -HALF_Z + t * 2 * HALF_Z]));
  return b;
}

function buildRiver(): MeshBuilder {
  const b = new MeshBuilder();
  const n = 60;
  const y = GROUND - 0.005;
  const w = RIVER_HALF_WIDTH + 0.008;
  const first = b.vertexCount;
  for (let k = 0; k <= n; k++) {
    const x = -HALF_X + (k / n) * 2 * HALF_X;
    const len = Math.hypot(1, riverSlope(x));
    const nxo = -riverSlope(x) / len, nzo = 1 / len;
    // Clamp to the board: the strip's ends are cut square at its edges.
    const px = (s: number) => Math.max(-HALF_X, Math.min(HALF_X, x + nxo * s));
    b.vertex([px(-w), y, riverZ(x) + nzo * -w], mix(C.water, hex('#5a95b8'), 0.5 * noise2(k * 0.7, 0)));
    b.vertex([px(w), y, riverZ(x) + nzo * w], mix(C.water, hex('#34708f'), 0.5 * noise2(k * 0.7, 3)));
  }
  for (let k = 0; k < n; k++) {
    const a = first + k * 2;
    b.quad(a, a + 1, a + 3, a + 2);
  }
  return b;
}

// ------------------------------------------------------------------ buildings (local origin on the ground)

/** A wall run along x from x0 to x1 (local), with crenellation-like parapet blocks. */
function wallRun(b: MeshBuilder, x0: number, x1: number, color: Rgb): void {
  const t = WALL.thick / 2;
  box(b, [x0, -0.01, -t], [x1, WALL.height, t], color);
  for (let x = x0 + 0.004; x < x1 - 0.006; x += 0.012) box(b, [x, WALL.height, t - 0.003], [x + 0.006, WALL.height + 0.004, t], color);
}

/** One side of the town wall, built along local x (length L) with a gap for the gate and towers at both ends. */
function wallSide(length: number, color: Rgb): MeshBuilder {
  const b = new MeshBuilder();
  const g = WALL.gate / 2;
  wallRun(b, -length / 2, -g, color);
  wallRun(b, g, length / 2, color);
  // Corner bastions, a little wider and taller than the wall.
  for (const cx of [-length / 2, length / 2]) box(b, [cx - 0.012, -0.01, -0.012], [cx + 0.012, WALL.height + 0.006, 0.012], color);
  return b;
}

/** A gate: a solid base through the wall with a dark passage, a red gatehouse and a hip roof (local x along the wall). */
function gate(roof: Rgb): MeshBuilder {
  const b = new MeshBuilder();
  const g = WALL.gate / 2, t = WALL.thick / 2 + 0.004;
  box(b, [-g, -0.01, -t], [g, WALL.height + 0.004, t], C.rammed);
  // The dark passage on both faces (each wound to face outwards).
  const z = t + 0.0005;
  b.face([-0.008, 0, z], [0.008, 0, z], [0.008, 0.018, z], [-0.008, 0.018, z], C.door);
  b.face([0.008, 0, -z], [-0.008, 0, -z], [-0.008, 0.018, -z], [0.008, 0.018, -z], C.door);
  box(b, [-g + 0.006, WALL.height + 0.004, -t + 0.003], [g - 0.006, WALL.height + 0.017, t - 0.003], C.red);
  hipRoof(b, -g - 0.003, -t - 0.004, g + 0.003, t + 0.004, WALL.height + 0.017, WALL.height + 0.03, 0.012, roof);
  return b;
}

function drumTower(): MeshBuilder {
  const b = new MeshBuilder();
  box(b, [-0.03, 0, -0.022], [0.03, 0.025, 0.022], C.rammed);
  box(b, [-0.022, 0.025, -0.016], [0.022, 0.045, 0.016], C.red);
  hipRoof(b, -0.03, -0.024, 0.03, 0.024, 0.045, 0.062, 0.018, C.roof);
  return b;
}

/** A nine-storey octagonal brick pagoda with projecting eaves, ~0.17 m tall (vertical scale exaggerated as sand tables do). */
function pagoda(): MeshBuilder {
  const b = new MeshBuilder();
  lathe(b, [[0, 0], [0.034, 0], [0.034, 0.012], [0.0, 0.012]], 8, () => C.stone);
  let y = 0.012;
  for (let storey = 0; storey < 9; storey++) {
    const r = 0.022 - storey * 0.0016;
    const h = storey === 0 ? 0.022 : 0.015 - storey * 0.0004;
    lathe(b, [[0, y], [r, y], [r, y + h], [0, y + h]], 8, () => C.pagoda);
    y += h;
    // Eaves: a flared octagonal skirt, wider than the storey.
    lathe(b, [[0, y - 0.001], [r + 0.009, y - 0.001], [r + 0.01, y + 0.002], [r * 0.8, y + 0.004], [0, y + 0.004]], 8, () => C.roofSong);
    y += 0.003;
  }
  // Finial: a gilded spire.
  lathe(b, [[0, y], [0.006, y], [0.004, y + 0.012], [0.002, y + 0.03], [0, y + 0.036]], 8, () => C.gold);
  return b;
}

/** A temple's main hall on a stone platform, with a double-eaved hip roof. */
function templeHall(): MeshBuilder {
  const b = new MeshBuilder();
  box(b, [-0.055, 0, -0.035], [0.055, 0.01, 0.035], C.stone);
  box(b, [-0.045, 0.01, -0.026], [0.045, 0.035, 0.026], C.red);
  // Lattice doors along the front.
  for (let x = -0.036; x < 0.04; x += 0.015) b.face([x, 0.012, 0.0265], [x + 0.01, 0.012, 0.0265], [x + 0.01, 0.03, 0.0265], [x, 0.03, 0.0265], C.gold);
  hipRoof(b, -0.058, -0.038, 0.058, 0.038, 0.035, 0.045, 0.02, C.roofSong);
  box(b, [-0.036, 0.045, -0.02], [0.036, 0.052, 0.02], C.red);
  hipRoof(b, -0.044, -0.028, 0.044, 0.028, 0.052, 0.07, 0.02, C.roofSong);
  return b;
}

function templeGate(): MeshBuilder {
  const b = new MeshBuilder();
  box(b, [-0.028, 0, -0.012], [0.028, 0.006, 0.012], C.stone);
  box(b, [-0.022, 0.006, -0.008], [0.022, 0.026, 0.008], C.red);
  b.face([-0.007, 0.006, 0.0085], [0.007, 0.006, 0.0085], [0.007, 0.02, 0.0085], [-0.007, 0.02, 0.0085], C.door);
  hipRoof(b, -0.03, -0.014, 0.03, 0.014, 0.026, 0.037, 0.012, C.roofSong);
  return b;
}

/** A memorial archway (paifang): four posts, a lintel and three small roofs. */
function memorialArch(): MeshBuilder {
  const b = new MeshBuilder();
  for (const x of [-0.022, -0.008, 0.008, 0.022]) box(b, [x - 0.002, 0, -0.002], [x + 0.002, 0.034, 0.002], C.stone);
  box(b, [-0.026, 0.026, -0.003], [0.026, 0.032, 0.003], C.stone);
  hipRoof(b, -0.013, -0.006, 0.013, 0.006, 0.034, 0.042, 0.006, C.roof);
  hipRoof(b, -0.03, -0.005, -0.012, 0.005, 0.03, 0.036, 0.004, C.roof);
  hipRoof(b, 0.012, -0.005, 0.03, 0.005, 0.03, 0.036, 0.004, C.roof);
  return b;
}

/** A humpback stone bridge along local z (the river runs along x): stepped deck over an arch, piers at the banks. */
function bridge(): MeshBuilder {
  const b = new MeshBuilder();
  const half = 0.058, w = 0.011, rise = 0.016, steps = 12;
  for (let k = 0; k < steps; k++) {
    const z0 = -half + (k / steps) * 2 * half, z1 = -half + ((k + 1) / steps) * 2 * half;
    const zm = (z0 + z1) / 2;
    const y = rise * Math.cos((zm / half) * (Math.PI / 2));
    const under = rise * 0.55 * Math.cos((zm / (half * 0.62)) * (Math.PI / 2));
    box(b, [-w, Math.max(-0.012, y - 0.006 - Math.max(0, under)), z0], [w, y + 0.003, z1], C.stone);
    // Parapets.
    for (const s of [-1, 1]) box(b, [s * w - 0.0015, y + 0.003, z0], [s * w + 0.0015, y + 0.008, z1], C.stone);
  }
  return b;
}

/** A block of Jiangnan houses: white walls, dark tiled gable roofs, a few stepped horse-head gables. */
function houses(width: number, depth: number, seed: number, avoid: (x: number, z: number) => boolean = () => false): MeshBuilder {
  const b = new MeshBuilder();
  const rand = (k: number) => Math.abs(Math.sin(seed * 97.1 + k * 12.9898) * 43758.5453) % 1;
  let k = 0;
  for (let z = -depth / 2 + 0.012; z < depth / 2 - 0.01; z += 0.03)
    for (let x = -width / 2 + 0.014; x < width / 2 - 0.012; x += 0.032) {
      k++;
      if (rand(k) < 0.18) continue; // a courtyard or garden
      const hx = 0.011 + rand(k + 100) * 0.004, hz = 0.008 + rand(k + 200) * 0.003;
      const cx = x + (rand(k + 300) - 0.5) * 0.004, cz = z + (rand(k + 400) - 0.5) * 0.004;
      if (avoid(cx, cz)) continue;
      const h = 0.012 + (rand(k + 500) < 0.3 ? 0.008 : 0);
      // Sunk a little: the ground outside the walls rolls by a millimetre or two.
      box(b, [cx - hx, -0.004, cz - hz], [cx + hx, h, cz + hz], C.white);
      gableRoof(b, cx - hx - 0.0015, cz - hz - 0.002, cx + hx + 0.0015, cz + hz + 0.002, h, h + 0.008, C.roof, C.white);
      if (rand(k + 600) < 0.35)
        // Horse-head gable wall: a stepped firewall above the roof ends.
        for (const s of [-1, 1]) box(b, [cx + s * hx - 0.0015, h, cz - hz * 0.7], [cx + s * hx + 0.0015, h + 0.011, cz + hz * 0.7], C.white);
    }
  return b;
}

// ------------------------------------------------------------------ assembly

/** One era's group of named buildings. */
interface EraDef {
  id: string;
  year: number;
  label: string;
  labelZh: string;
  nodes: string[];
}

export const SAND_TABLE_ERAS: EraDef[] = [
  { id: 'tang', year: 780, label: 'Tang (8th century): rammed-earth walls, four gates and the drum tower', labelZh: '唐（8世纪）：夯土城墙、四门与鼓楼', nodes: [] },
  { id: 'song', year: 1100, label: 'Song (c. 1100): the pagoda and the temple', labelZh: '宋（约1100年）：佛塔与寺院', nodes: [] },
  { id: 'ming', year: 1550, label: 'Ming (16th century): houses, the memorial arch and the stone bridge', labelZh: '明（16世纪）：民居、牌坊与石拱桥', nodes: [] },
];

export async function buildSandTable(): Promise<{ doc: Document; infoPoints: DemoInfoPoint[]; eras: EraDef[] }> {
  const doc = new Document();
  doc.createBuffer();
  const painted = doc.createMaterial('painted').setRoughnessFactor(0.85).setMetallicFactor(0);
  const water = doc.createMaterial('water').setRoughnessFactor(0.12).setMetallicFactor(0);
  const root = doc.createNode('sand-table');
  doc.createScene('sand-table').addChild(root);
  root.addChild(addMeshNode(doc, 'terrain', buildTerrain(), painted));
  root.addChild(addMeshNode(doc, 'river', buildRiver(), water));

  const eras = SAND_TABLE_ERAS.map((e) => ({ ...e, nodes: [] as string[] }));
  const groups = new Map(eras.map((e) => [e.id, doc.createNode(`era-${e.id}`)] as const));
  for (const g of groups.values()) root.addChild(g);
  const add = (era: string, name: string, b: MeshBuilder, material: Material, x: number, z: number, rotY = 0): Node => {
    const node = addMeshNode(doc, name, b, material, { translation: [x, GROUND, z] });
    if (rotY) node.setRotation([0, Math.sin(rotY / 2), 0, Math.cos(rotY / 2)]);
    groups.get(era)!.addChild(node);
    eras.find((e) => e.id === era)!.nodes.push(name);
    return node;
  };

  const cx = (WALL.x0 + WALL.x1) / 2, cz = (WALL.z0 + WALL.z1) / 2;
  const lx = WALL.x1 - WALL.x0, lz = WALL.z1 - WALL.z0;
  add('tang', 'tang-wall-north', wallSide(lx, C.rammed), painted, cx, WALL.z0);
  add('tang', 'tang-wall-south', wallSide(lx, C.rammed), painted, cx, WALL.z1);
  add('tang', 'tang-wall-east', wallSide(lz, C.rammed), painted, WALL.x1, cz, Math.PI / 2);
  add('tang', 'tang-wall-west', wallSide(lz, C.rammed), painted, WALL.x0, cz, Math.PI / 2);
  add('tang', 'tang-gate-north', gate(C.roof), painted, 0, WALL.z0);
  add('tang', 'tang-gate-south', gate(C.roof), painted, 0, WALL.z1);
  add('tang', 'tang-gate-east', gate(C.roof), painted, WALL.x1, -0.045, Math.PI / 2);
  add('tang', 'tang-gate-west', gate(C.roof), painted, WALL.x0, -0.045, Math.PI / 2);
  add('tang', 'tang-drum-tower', drumTower(), painted, 0, -0.045);

  add('song', 'song-pagoda', pagoda(), painted, 0.19, -0.14);
  add('song', 'song-temple-hall', templeHall(), painted, -0.16, -0.15);
  add('song', 'song-temple-gate', templeGate(), painted, -0.16, -0.085);

  const streets = (ox: number, oz: number) => (x: number, z: number) => Math.abs(x + ox) < 0.016 || Math.abs(z + oz + 0.045) < 0.015;
  add('ming', 'ming-houses-southwest', houses(0.22, 0.12, 1, streets(-0.145, 0.045)), painted, -0.145, 0.045);
  add('ming', 'ming-houses-southeast', houses(0.22, 0.12, 2, streets(0.145, 0.045)), painted, 0.145, 0.045);
  add('ming', 'ming-houses-northeast', houses(0.1, 0.09, 3), painted, 0.06, -0.12);
  add('ming', 'ming-houses-riverside', houses(0.26, 0.06, 4), painted, 0.2, 0.16);
  add('ming', 'ming-memorial-arch', memorialArch(), painted, 0, 0.085);
  add('ming', 'ming-bridge', bridge(), painted, 0, riverZ(0), -Math.atan(riverSlope(0)));
  doc.getRoot().getAsset().generator = 'Vantage assets/scripts/build-demo-museum.ts';

  const r4 = (n: number) => Math.round(n * 1e4) / 1e4;
  const infoPoints: DemoInfoPoint[] = [
    {
      id: 'city-walls',
      position: [0, r4(GROUND + 0.02), r4(WALL.z1 + WALL.thick / 2 + 0.0045)],
      normal: [0, 0, 1],
      title: 'Tang walls and the south gate',
      titleZh: '唐代城墙与南门',
      text: 'The town was walled in the 8th century with rammed earth: layers of damp soil pounded hard between timber boards. Four gates on the main axes opened onto a grid of walled wards, closed by drum at dusk. The south gate faces the river and the road to the bridge.',
      textZh: '8世纪时，城墙以夯土筑成：在木板之间逐层填入湿土，反复夯实。四座城门位于两条主轴线上，城内是坊墙围合的里坊，黄昏击鼓闭坊。南门面河，门外大道通向石桥。',
    },
    {
      id: 'pagoda',
      position: [0.19, r4(GROUND + 0.09), r4(-0.14 + 0.0175)],
      normal: [0, 0, 1],
      title: 'The Song pagoda',
      titleZh: '宋塔',
      text: 'A nine-storey octagonal brick pagoda was raised around 1100 beside the northern hills. Octagonal plans replaced the square Tang pagodas in the Song; from the river the tower served boatmen as a landmark for the town.',
      textZh: '约1100年，城北山前建起一座九层八角砖塔。宋代佛塔多由唐代的方形改为八角形；在河上行船的人以此塔为望，辨认城的方位。',
    },
    {
      id: 'stone-bridge',
      position: [0, r4(GROUND + 0.0195), r4(riverZ(0))],
      normal: [0, 1, 0],
      title: 'The humpback stone bridge',
      titleZh: '石拱桥',
      text: 'In the Ming a single-arch stone bridge replaced the ferry below the south gate. Its high arch let loaded boats pass under without lowering their masts; steps lead up and over the crown.',
      textZh: '明代，南门外的渡口改建为单孔石拱桥。高耸的拱券让满载的船只无须放倒桅杆即可通过，桥面以石阶登顶。',
    },
    {
      id: 'river',
      position: [-0.33, r4(GROUND - 0.005), r4(riverZ(-0.33))],
      normal: [0, 1, 0],
      title: 'The river and the rice fields',
      titleZh: '河流与稻田',
      text: 'The river carried rice, silk and salt to the canal network and made the town a market. Its floods built up the fertile plain on the far bank, laid out here as paddy fields.',
      textZh: '这条河将稻米、丝绸和盐运往运河水网，使古城成为集市。河水泛滥淤积出对岸肥沃的平原，图中表现为成片的水田。',
    },
  ];
  return { doc, infoPoints, eras };
}
