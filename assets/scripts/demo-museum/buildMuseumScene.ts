/**
 * The demo museum as a three.js scene (browser only): three halls with their finishes, signs,
 * light boxes, wall cases, benches, and the exhibits' own GLBs on their plinths and table.
 * Each hall's lights sit on the hall's layer, so a hall is lit only by its own fittings.
 */
import * as THREE from 'three';
import { RectAreaLightUniformsLib } from 'three/examples/jsm/lights/RectAreaLightUniformsLib.js';
import { CEILING, DOORS, HALLS, PLACEMENTS, STREET_DOOR, type HallDef } from './museumLayout.ts';

export interface BuiltMuseum {
  scene: THREE.Scene;
  hallLayer: Record<string, number>;
}

const WALL_HALF = 0.12;

interface Finish {
  floor: THREE.Material;
  wall: THREE.Material;
  accent: THREE.Material;
  light: number;
  ceiling: THREE.Material;
}

function std(color: number, roughness = 0.8, metalness = 0, extra: THREE.MeshStandardMaterialParameters = {}): THREE.MeshStandardMaterial {
  return new THREE.MeshStandardMaterial({ color, roughness, metalness, ...extra });
}

/** A canvas texture: polished stone slabs or oak boards, drawn so floors are not flat colour. */
function floorTexture(kind: 'stone' | 'wood' | 'terrazzo'): THREE.CanvasTexture {
  const c = document.createElement('canvas');
  c.width = c.height = 1024;
  const g = c.getContext('2d')!;
  let seed = kind.length * 9973;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  if (kind === 'wood') {
    for (let y = 0; y < 1024; y += 64)
      for (let x = -((y / 64) % 3) * 170; x < 1024; x += 512) {
        const l = 30 + rnd() * 10;
        g.fillStyle = `hsl(26, 32%, ${l}%)`;
        g.fillRect(x, y, 510, 62);
        g.strokeStyle = 'rgba(30,18,10,0.25)';
        for (let k = 0; k < 7; k++) {
          g.beginPath();
          const yy = y + 6 + rnd() * 50;
          g.moveTo(x, yy);
          g.bezierCurveTo(x + 170, yy + rnd() * 6 - 3, x + 340, yy + rnd() * 6 - 3, x + 510, yy);
          g.stroke();
        }
      }
  } else {
    g.fillStyle = kind === 'stone' ? '#d6d1c8' : '#a9a59c';
    g.fillRect(0, 0, 1024, 1024);
    for (let k = 0; k < (kind === 'stone' ? 2500 : 9000); k++) {
      const l = kind === 'stone' ? 70 + rnd() * 20 : 40 + rnd() * 45;
      g.fillStyle = `hsla(${30 + rnd() * 20}, 10%, ${l}%, 0.5)`;
      const s = kind === 'stone' ? 2 + rnd() * 8 : 1 + rnd() * 3;
      g.fillRect(rnd() * 1024, rnd() * 1024, s, s);
    }
    // Slab joints every 1 m (the texture repeats over 2 m).
    g.strokeStyle = 'rgba(80,75,70,0.35)';
    g.lineWidth = 2;
    for (let k = 0; k <= 1024; k += 512) {
      g.beginPath();
      g.moveTo(k, 0);
      g.lineTo(k, 1024);
      g.moveTo(0, k);
      g.lineTo(1024, k);
      g.stroke();
    }
  }
  const t = new THREE.CanvasTexture(c);
  t.colorSpace = THREE.SRGBColorSpace;
  t.wrapS = t.wrapT = THREE.RepeatWrapping;
  t.anisotropy = 8;
  return t;
}

function finishes(): Record<HallDef['style'], Finish> {
  const floor = (kind: 'stone' | 'wood' | 'terrazzo', roughness: number) => {
    const map = floorTexture(kind);
    map.repeat.set(0.5, 0.5);
    return new THREE.MeshStandardMaterial({ map, roughness, metalness: 0 });
  };
  return {
    entrance: { floor: floor('stone', 0.25), wall: std(0xece6dc, 0.9), accent: std(0x7a2e26, 0.85), light: 0xfff3e2, ceiling: std(0xf4f2ee, 0.95) },
    bronze: { floor: floor('wood', 0.45), wall: std(0x5a6773, 0.92), accent: std(0x1f262d, 0.9), light: 0xffe8cc, ceiling: std(0x3a3a3d, 0.95) },
    town: { floor: floor('terrazzo', 0.35), wall: std(0x7d8878, 0.92), accent: std(0x4c5a4f, 0.9), light: 0xfff1de, ceiling: std(0xf4f2ee, 0.95) },
  };
}

function boxAt(x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, material: THREE.Material): THREE.Mesh {
  const m = new THREE.Mesh(new THREE.BoxGeometry(x1 - x0, y1 - y0, z1 - z0), material);
  m.position.set((x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2);
  m.castShadow = m.receiveShadow = true;
  return m;
}

/** A sign: light letters on the hall's accent colour, drawn in a canvas (Latin letters only). */
function sign(text: string, width: number, height: number, bg: string, fg: string, sub?: string): THREE.Mesh {
  const c = document.createElement('canvas');
  c.width = 2048;
  c.height = Math.round((2048 * height) / width);
  const g = c.getContext('2d')!;
  g.fillStyle = bg;
  g.fillRect(0, 0, c.width, c.height);
  g.fillStyle = fg;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.font = `600 ${Math.round(c.height * (sub ? 0.34 : 0.5))}px "DejaVu Serif", serif`;
  g.fillText(text, c.width / 2, c.height * (sub ? 0.38 : 0.52), c.width * 0.92);
  if (sub) {
    g.font = `${Math.round(c.height * 0.16)}px "DejaVu Sans", sans-serif`;
    g.globalAlpha = 0.8;
    g.fillText(sub, c.width / 2, c.height * 0.74, c.width * 0.9);
  }
  const t = new THREE.CanvasTexture(c);
  t.colorSpace = THREE.SRGBColorSpace;
  return new THREE.Mesh(new THREE.PlaneGeometry(width, height), new THREE.MeshStandardMaterial({ map: t, roughness: 0.9 }));
}

/** A wall text panel: a title and grey lines of small print, as museum labels look from a few metres. */
function textPanel(title: string, lines: string[], width: number, height: number): THREE.Mesh {
  const c = document.createElement('canvas');
  c.width = 1024;
  c.height = Math.round((1024 * height) / width);
  const g = c.getContext('2d')!;
  g.fillStyle = '#f4f1ea';
  g.fillRect(0, 0, c.width, c.height);
  g.fillStyle = '#2a2622';
  g.font = '600 64px "DejaVu Serif", serif';
  g.fillText(title, 60, 120, c.width - 120);
  g.font = '30px "DejaVu Sans", sans-serif';
  g.fillStyle = '#55504a';
  lines.forEach((l, i) => g.fillText(l, 60, 200 + i * 46, c.width - 120));
  const t = new THREE.CanvasTexture(c);
  t.colorSpace = THREE.SRGBColorSpace;
  return new THREE.Mesh(new THREE.PlaneGeometry(width, height), new THREE.MeshStandardMaterial({ map: t, roughness: 0.9 }));
}

/** Openings in a wall line (door centres and widths) for the given hall. */
function openingsOn(orient: 'h' | 'v', line: number, hall: HallDef): Array<{ c: number; w: number; top: number }> {
  const out: Array<{ c: number; w: number; top: number }> = [];
  for (const d of DOORS) if (d.orient === orient && d.line === line && d.halls.includes(hall.id)) out.push({ c: d.center, w: d.width, top: d.top });
  return out;
}

/** A hall's four walls (each the hall's own half thickness) with door gaps and lintels, floor and ceiling. */
function buildShell(root: THREE.Group, hall: HallDef, f: Finish): void {
  const { x0, y0, x1, y1 } = hall.rect;
  const floor = new THREE.Mesh(new THREE.PlaneGeometry(x1 - x0, y1 - y0), f.floor);
  floor.rotation.x = -Math.PI / 2;
  floor.position.set((x0 + x1) / 2, 0, (y0 + y1) / 2);
  floor.receiveShadow = true;
  (floor.geometry.attributes.uv as THREE.BufferAttribute).array.forEach((_, i, a) => ((a as Float32Array)[i] *= i % 2 === 0 ? x1 - x0 : y1 - y0));
  root.add(floor);
  root.add(boxAt(x0, CEILING, y0, x1, CEILING + 0.2, y1, f.ceiling));
  const sides: Array<{ orient: 'h' | 'v'; line: number; from: number; to: number; inward: number }> = [
    { orient: 'h', line: y0, from: x0, to: x1, inward: 1 },
    { orient: 'h', line: y1, from: x0, to: x1, inward: -1 },
    { orient: 'v', line: x0, from: y0, to: y1, inward: 1 },
    { orient: 'v', line: x1, from: y0, to: y1, inward: -1 },
  ];
  for (const s of sides) {
    const gaps = openingsOn(s.orient, s.line, hall).sort((a, b) => a.c - b.c);
    if (hall.id === 'entrance' && s.orient === 'h' && s.line === STREET_DOOR.y) gaps.push({ c: STREET_DOOR.x, w: STREET_DOOR.width, top: STREET_DOOR.top });
    let at = s.from;
    const piece = (a: number, b: number, ya: number, yb: number) => {
      const inner = s.line + s.inward * WALL_HALF;
      const [p0, p1] = [Math.min(s.line, inner), Math.max(s.line, inner)];
      root.add(s.orient === 'h' ? boxAt(a, ya, p0, b, yb, p1, f.wall) : boxAt(p0, ya, a, p1, yb, b, f.wall));
    };
    for (const g of gaps) {
      piece(at, g.c - g.w / 2, 0, CEILING);
      piece(g.c - g.w / 2, g.c + g.w / 2, g.top, CEILING);
      at = g.c + g.w / 2;
    }
    piece(at, s.to, 0, CEILING);
    // Skirting: a dark line where wall meets floor.
    const inner = s.line + s.inward * (WALL_HALF + 0.01);
    const skirt = std(0x2b2724, 0.6);
    for (let k = 0, a = s.from; k <= gaps.length; k++) {
      const b = k < gaps.length ? gaps[k].c - gaps[k].w / 2 : s.to;
      if (b > a) root.add(s.orient === 'h' ? boxAt(a, 0, Math.min(s.line, inner), b, 0.1, Math.max(s.line, inner), skirt) : boxAt(Math.min(s.line, inner), 0, a, Math.max(s.line, inner), 0.1, b, skirt));
      if (k < gaps.length) a = gaps[k].c + gaps[k].w / 2;
    }
  }
}

/** Light boxes in the ceiling: emissive panels you can see, each with a rect area light under it. */
function ceilingLights(scene: THREE.Scene, root: THREE.Group, hall: HallDef, f: Finish, layer: number, intensity: number): void {
  const { x0, y0, x1, y1 } = hall.rect;
  const panel = new THREE.MeshBasicMaterial({ color: new THREE.Color(f.light).multiplyScalar(1.6) });
  for (let x = x0 + 2; x < x1 - 1; x += 4)
    for (let z = y0 + 2.5; z < y1 - 1; z += 5) {
      const m = new THREE.Mesh(new THREE.PlaneGeometry(2.4, 0.5), panel);
      m.rotation.x = Math.PI / 2;
      m.position.set(x, CEILING - 0.01, z);
      root.add(m);
      const l = new THREE.RectAreaLight(f.light, intensity, 2.4, 0.5);
      l.position.set(x, CEILING - 0.02, z);
      l.lookAt(x, 0, z);
      l.layers.set(layer);
      scene.add(l);
    }
}

/** A spotlight from the ceiling onto a point, casting shadows; on the hall's layer. */
function spot(scene: THREE.Scene, layer: number, from: THREE.Vector3, to: THREE.Vector3, intensity: number, angle = 0.35, color = 0xfff0dc): void {
  const s = new THREE.SpotLight(color, intensity, 0, angle, 0.5, 2);
  s.position.copy(from);
  s.target.position.copy(to);
  s.castShadow = true;
  s.shadow.mapSize.set(1024, 1024);
  s.shadow.bias = -0.0004;
  s.layers.set(layer);
  scene.add(s, s.target);
  // The fitting itself: a small dark can on the ceiling.
  const can = new THREE.Mesh(new THREE.CylinderGeometry(0.06, 0.08, 0.18, 16), std(0x1b1b1b, 0.5, 0.4));
  can.position.copy(from);
  scene.add(can);
}

/** A glass case on a plinth: the vitrine that protects small objects. */
function vitrine(root: THREE.Group, x: number, z: number, w: number, d: number, plinthTop: number, caseHeight: number, plinthMat: THREE.Material): void {
  root.add(boxAt(x - w / 2, 0, z - d / 2, x + w / 2, plinthTop, z + d / 2, plinthMat));
  // Faint: in a still panorama a strong reflection reads as a white box, not as glass.
  const glass = new THREE.MeshPhysicalMaterial({ color: 0xdfe8e6, roughness: 0.05, metalness: 0, transparent: true, opacity: 0.07, envMapIntensity: 0.25, depthWrite: false, side: THREE.DoubleSide });
  const g = new THREE.Mesh(new THREE.BoxGeometry(w - 0.02, caseHeight, d - 0.02), glass);
  g.position.set(x, plinthTop + caseHeight / 2, z);
  g.renderOrder = 2;
  root.add(g);
  // Thin bronze-coloured frame along the top edge.
  const frame = std(0x3a3026, 0.4, 0.6);
  root.add(boxAt(x - w / 2, plinthTop + caseHeight, z - d / 2, x + w / 2, plinthTop + caseHeight + 0.02, z + d / 2, frame));
}

/** A bench with a padded seat. */
function bench(root: THREE.Group, x: number, z: number, length: number, along: 'x' | 'z'): void {
  const [hx, hz] = along === 'x' ? [length / 2, 0.22] : [0.22, length / 2];
  root.add(boxAt(x - hx, 0.38, z - hz, x + hx, 0.46, z + hz, std(0x3b2e26, 0.7)));
  for (const s of [-1, 1]) {
    const [lx, lz] = along === 'x' ? [x + s * (hx - 0.1), z] : [x, z + s * (hz - 0.1)];
    root.add(boxAt(lx - 0.04, 0, lz - 0.18, lx + 0.04, 0.38, lz + 0.18, std(0x202020, 0.5, 0.5)));
  }
}

/** Places a clone of an exhibit's scene standing on `top`, its footprint centred at (x, z). */
function standModel(root: THREE.Group, model: THREE.Object3D, x: number, top: number, z: number, scale: number, rotY: number): THREE.Object3D {
  const m = model.clone(true);
  m.scale.setScalar(scale);
  m.rotation.y = rotY;
  m.updateMatrixWorld(true);
  const b = new THREE.Box3().setFromObject(m);
  m.position.set(x - (b.min.x + b.max.x) / 2, top - b.min.y, z - (b.min.z + b.max.z) / 2);
  m.traverse((o) => {
    if ((o as THREE.Mesh).isMesh) o.castShadow = o.receiveShadow = true;
  });
  root.add(m);
  return m;
}

export function buildMuseumScene(models: Record<string, THREE.Object3D>): BuiltMuseum {
  RectAreaLightUniformsLib.init();
  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0x111111);
  const root = new THREE.Group();
  scene.add(root);
  const f = finishes();
  const hallLayer: Record<string, number> = {};
  HALLS.forEach((h, i) => (hallLayer[h.id] = i + 1));
  for (const h of HALLS) buildShell(root, h, f[h.style]);
  scene.add(new THREE.HemisphereLight(0xf5f0e8, 0x8a7f72, 0.25));

  // ---- Entrance Hall: a red feature wall with the museum's name, reception, the vase in its case.
  {
    const h = HALLS.find((x) => x.id === 'entrance')!;
    const L = hallLayer.entrance;
    ceilingLights(scene, root, h, f.entrance, L, 9);
    root.add(boxAt(1, 0, 10.12, 4.6, CEILING - 0.4, 10.2, f.entrance.accent));
    root.add(boxAt(7.4, 0, 10.12, 11, CEILING - 0.4, 10.2, f.entrance.accent));
    const s1 = sign('QINGSHUI', 3.2, 0.9, '#7a2e26', '#f1e3c8', 'OLD TOWN MUSEUM');
    s1.position.set(2.8, 2.6, 10.21);
    root.add(s1);
    const s2 = textPanel('Welcome', ['Three halls tell the story of a river town', 'of the Jiangnan region, from its Tang walls', 'to its Ming bridge. Porcelain here, bronzes', 'to the east, the town model to the north.'], 2.6, 1.5);
    s2.position.set(9.2, 1.7, 10.21);
    root.add(s2);
    // Reception desk by the street door.
    root.add(boxAt(1.4, 0, 17.2, 3.8, 1.05, 18.0, std(0xd9d2c5, 0.5)));
    root.add(boxAt(1.35, 1.05, 17.15, 3.85, 1.1, 18.05, std(0x2b2724, 0.4)));
    // Street door: glass with a bright outside.
    const outside = new THREE.Mesh(new THREE.PlaneGeometry(STREET_DOOR.width, STREET_DOOR.top), new THREE.MeshBasicMaterial({ color: 0xdfe8ef }));
    outside.position.set(STREET_DOOR.x, STREET_DOOR.top / 2, STREET_DOOR.y + 0.05);
    outside.rotation.y = Math.PI;
    root.add(outside);
    for (const dx of [-STREET_DOOR.width / 2, 0, STREET_DOOR.width / 2]) root.add(boxAt(STREET_DOOR.x + dx - 0.04, 0, STREET_DOOR.y - 0.04, STREET_DOOR.x + dx + 0.04, STREET_DOOR.top, STREET_DOOR.y + 0.04, std(0x222222, 0.4, 0.6)));
    const p = PLACEMENTS.find((x) => x.exhibitId === 'meiping-vase')!;
    vitrine(root, p.x, p.y, 0.7, 0.7, p.standTop, 0.75, std(0xf0ede6, 0.6));
    standModel(root, models['meiping-vase'], p.x, p.standTop, p.y, p.scale, p.rotY);
    spot(scene, L, new THREE.Vector3(p.x + 0.6, CEILING - 0.1, p.y + 1.2), new THREE.Vector3(p.x, p.standTop + 0.2, p.y), 60);
    // Two more vases in wall cases along the west wall.
    for (const z of [12.2, 14.6]) {
      vitrine(root, 0.55, z, 0.6, 0.6, 0.95, 0.6, std(0xf0ede6, 0.6));
      standModel(root, models['meiping-vase'], 0.55, 0.95, z, 0.75, z);
      spot(scene, L, new THREE.Vector3(1.6, CEILING - 0.1, z), new THREE.Vector3(0.55, 1.1, z), 25);
    }
    bench(root, 6, 14.6, 2.2, 'x');
  }

  // ---- Bronze Gallery: dark walls, the ding spot-lit on a low plinth, smaller bronzes in wall cases.
  {
    const h = HALLS.find((x) => x.id === 'bronze')!;
    const L = hallLayer.bronze;
    ceilingLights(scene, root, h, f.bronze, L, 7);
    const p = PLACEMENTS.find((x) => x.exhibitId === 'bronze-ding')!;
    root.add(boxAt(p.x - 0.55, 0, p.y - 0.55, p.x + 0.55, p.standTop, p.y + 0.55, std(0x15191d, 0.6)));
    standModel(root, models['bronze-ding'], p.x, p.standTop, p.y, p.scale, p.rotY);
    spot(scene, L, new THREE.Vector3(p.x - 0.8, CEILING - 0.1, p.y + 1.6), new THREE.Vector3(p.x, p.standTop + 0.3, p.y), 110, 0.3);
    spot(scene, L, new THREE.Vector3(p.x + 1.4, CEILING - 0.1, p.y - 0.6), new THREE.Vector3(p.x, p.standTop + 0.3, p.y), 45, 0.3);
    const s = sign('RITUAL BRONZES', 3.6, 0.7, '#1f262d', '#c9a76b', 'SHANG AND ZHOU DYNASTIES');
    s.position.set(18, 3.0, 10.13);
    root.add(s);
    // Wall cases along the north and east walls, each with a smaller ding.
    for (const x of [14.2, 21.8]) {
      vitrine(root, x, 10.6, 1.2, 0.7, 0.8, 0.9, std(0x15191d, 0.6));
      standModel(root, models['bronze-ding'], x, 0.8, 10.6, 0.8, x);
      spot(scene, L, new THREE.Vector3(x, CEILING - 0.1, 11.8), new THREE.Vector3(x, 1.0, 10.6), 30);
    }
    for (const z of [13.5, 17]) {
      vitrine(root, 23.4, z, 0.7, 1.2, 0.8, 0.9, std(0x15191d, 0.6));
      standModel(root, models['bronze-ding'], 23.4, 0.8, z, 0.7, z);
      spot(scene, L, new THREE.Vector3(22.2, CEILING - 0.1, z), new THREE.Vector3(23.4, 1.0, z), 30);
      const t = textPanel(z < 15 ? 'Cast in clay moulds' : 'Food for the ancestors', ['Bronze was poured into carved clay moulds,', 'so decoration and inscription were cast', 'with the vessel.'], 1.0, 0.6);
      t.position.set(23.87, 1.5, z + (z < 15 ? 1.0 : -1.0));
      t.rotation.y = -Math.PI / 2;
      root.add(t);
    }
    bench(root, 20, 18.4, 2.2, 'x');
  }

  // ---- Town History Hall: the sand table at 2.6× on a wooden table, a river mural, a timeline.
  {
    const h = HALLS.find((x) => x.id === 'town')!;
    const L = hallLayer.town;
    ceilingLights(scene, root, h, f.town, L, 5);
    const p = PLACEMENTS.find((x) => x.exhibitId === 'sand-table')!;
    const w = 1.0 * p.scale + 0.3, d = 0.8 * p.scale + 0.3;
    root.add(boxAt(p.x - w / 2, 0, p.y - d / 2, p.x + w / 2, p.standTop, p.y + d / 2, std(0x3a2a1e, 0.6)));
    standModel(root, models['sand-table'], p.x, p.standTop, p.y, p.scale, p.rotY);
    // A low glass rail round the table.
    const rail = std(0x8a8a8a, 0.3, 0.8);
    root.add(boxAt(p.x - w / 2 - 0.3, 0.9, p.y - d / 2 - 0.3, p.x + w / 2 + 0.3, 0.94, p.y - d / 2 - 0.27, rail));
    root.add(boxAt(p.x - w / 2 - 0.3, 0.9, p.y + d / 2 + 0.27, p.x + w / 2 + 0.3, 0.94, p.y + d / 2 + 0.3, rail));
    root.add(boxAt(p.x - w / 2 - 0.3, 0.9, p.y - d / 2 - 0.3, p.x - w / 2 - 0.27, 0.94, p.y + d / 2 + 0.3, rail));
    root.add(boxAt(p.x + w / 2 + 0.27, 0.9, p.y - d / 2 - 0.3, p.x + w / 2 + 0.3, 0.94, p.y + d / 2 + 0.3, rail));
    for (const [sx, sz] of [[-1, -1], [1, -1], [-1, 1], [1, 1]]) spot(scene, L, new THREE.Vector3(p.x + sx * 1.6, CEILING - 0.1, p.y + sz * 1.4), new THREE.Vector3(p.x, p.standTop, p.y), 14, 0.5);
    const s = sign('A RIVER TOWN THROUGH THE AGES', 6, 0.6, '#4c5a4f', '#efe6d2');
    s.position.set(7, 3.5, 0.13);
    root.add(s);
    // Timeline along the north wall: three era panels.
    const eras: Array<[string, string[]]> = [
      ['Tang  618-907', ['Rammed-earth walls and four gates', 'enclose a grid of walled wards.']],
      ['Song  960-1279', ['A brick pagoda and a temple rise', 'by the northern hills.']],
      ['Ming  1368-1644', ['Houses fill the wards, a memorial', 'arch and a stone bridge are built.']],
    ];
    eras.forEach(([t, lines], i) => {
      const panel = textPanel(t, lines, 2.4, 1.2);
      panel.position.set(3 + i * 4, 1.8, 0.13);
      root.add(panel);
    });
    // A long mural of the river on the west wall: bands of hills and water.
    const c = document.createElement('canvas');
    c.width = 2048;
    c.height = 512;
    const g = c.getContext('2d')!;
    const sky = g.createLinearGradient(0, 0, 0, 512);
    sky.addColorStop(0, '#e9e4d6');
    sky.addColorStop(1, '#d6d0bf');
    g.fillStyle = sky;
    g.fillRect(0, 0, 2048, 512);
    for (let k = 0; k < 4; k++) {
      g.fillStyle = `rgba(${60 + k * 20}, ${80 + k * 18}, ${70 + k * 15}, ${0.35 + k * 0.15})`;
      g.beginPath();
      g.moveTo(0, 512);
      for (let x = 0; x <= 2048; x += 32) g.lineTo(x, 250 + k * 45 - 70 * Math.abs(Math.sin(x / (180 + k * 60) + k)));
      g.lineTo(2048, 512);
      g.fill();
    }
    g.fillStyle = 'rgba(70,110,140,0.6)';
    g.fillRect(0, 430, 2048, 40);
    const mt = new THREE.CanvasTexture(c);
    mt.colorSpace = THREE.SRGBColorSpace;
    const mural = new THREE.Mesh(new THREE.PlaneGeometry(7, 1.75), new THREE.MeshStandardMaterial({ map: mt, roughness: 0.95 }));
    mural.position.set(0.13, 2.1, 4.5);
    mural.rotation.y = Math.PI / 2;
    root.add(mural);
    bench(root, 11.6, 5, 2.2, 'z');
  }

  // Each hall's objects are seen from every hall (through doors); only lights are per hall.
  return { scene, hallLayer };
}
