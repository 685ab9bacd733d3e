import { Document } from '@gltf-transform/core';
import sharp from 'sharp';
import { addMeshNode } from './addMeshNode.ts';
import { MeshBuilder, lathe, smoothProfile } from './MeshBuilder.ts';
import type { DemoInfoPoint } from './DemoInfoPoint.ts';
import { surfacePoint } from './surfacePoint.ts';

/** Height of the vase in metres (a meiping is typically 35–45 cm). */
const H = 0.362;

// Outer profile of a meiping ("plum vase"): narrow foot, broad high shoulder, small mouth.
const OUTER: Array<[number, number]> = [
  [0.058, 0.0],
  [0.06, 0.012],
  [0.062, 0.04],
  [0.075, 0.1],
  [0.098, 0.17],
  [0.113, 0.23],
  [0.116, 0.255],
  [0.105, 0.285],
  [0.075, 0.31],
  [0.04, 0.328],
  [0.03, 0.336],
  [0.032, 0.348],
  [0.038, 0.356],
  [0.036, H],
];

const TEX_W = 1024;
const TEX_H = 512;

const smooth = (e0: number, e1: number, x: number) => {
  const t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};
/** Ink coverage (0–1) of a stroke `w` mm wide at distance `d` mm, antialiased over ~1 px. */
const stroke = (d: number, w: number) => 1 - smooth(w / 2 - 0.4, w / 2 + 0.4, Math.abs(d));

/**
 * The glaze decoration as cobalt coverage at (u around, y up in metres): a blue lip, ruyi
 * cloud-collar lappets on the shoulder, a peony scroll on the body, lotus panels below, the
 * unglazed foot. Returns [cobalt 0–1, unglazed 0/1].
 */
function decoration(u: number, y: number): [number, number] {
  const mm = y * 1000;
  const x = u * 700; // ~ circumference at the body in mm, so strokes keep their width around
  if (mm < 10) return [0, 1];
  let ink = 0;
  const line = (at: number, w: number) => (ink = Math.max(ink, stroke(mm - at, w)));
  // Lip and neck.
  if (mm > 346) return [0.95, 0];
  line(338, 1.6);
  // Shoulder: four ruyi lappets hanging from the neck, outlined, with a washed ground.
  if (mm > 262 && mm < 335) {
    const k = (u * 4) % 1;
    const lobe = 1 - Math.abs(2 * k - 1);
    // The lappet's lower edge: a pointed arch with a small ruyi curl at the tip.
    const edge = 330 - 58 * Math.pow(lobe, 0.7) - 5 * Math.sin(lobe * Math.PI * 3) * lobe;
    const d = mm - edge;
    ink = Math.max(ink, stroke(d, 2.2), stroke(d - 5, 1.2));
    if (d > 7) ink = Math.max(ink, 0.55 + 0.25 * Math.sin(x * 0.9 + mm * 0.6) * Math.sin(mm * 0.9));
  }
  line(264, 1.8);
  line(259, 1.0);
  // Body: peony scroll — a wavy stem, leaves along it, a flower in every crest and trough.
  if (mm > 108 && mm < 256) {
    const mid = 182, amp = 36, waves = 4;
    const phase = u * waves * Math.PI * 2;
    const stem = mid + amp * Math.sin(phase);
    ink = Math.max(ink, stroke(mm - stem, 2.4));
    const slope = (amp * Math.cos(phase) * waves * Math.PI * 2) / 700;
    // Leaves: pointed ellipses either side of the stem every ~22 mm.
    const along = x / 22;
    const li = Math.round(along);
    const lx = li * 22;
    const side = li % 2 === 0 ? 1 : -1;
    const ly = mid + amp * Math.sin((lx / 700) * waves * Math.PI * 2) + side * 9;
    const dx = x - lx, dy = mm - ly;
    const ang = Math.atan(slope) + side * 0.7;
    const ax = dx * Math.cos(ang) + dy * Math.sin(ang);
    const ay = -dx * Math.sin(ang) + dy * Math.cos(ang);
    const leaf = (ax / 10) ** 2 + (ay / 4) ** 2;
    if (leaf < 1) ink = Math.max(ink, 0.85 - 0.4 * stroke(ay, 0.8));
    // Flowers at crests (above the stem) and troughs (below): layered petals with white edges.
    const fi = Math.round(u * waves * 2 - 0.5);
    const fu = (fi + 0.5) / (waves * 2);
    const fy = mid + (fi % 2 === 0 ? 1 : -1) * (amp + 4);
    const fx = (x - fu * 700), fz = mm - fy;
    const r = Math.hypot(fx, fz);
    const a = Math.atan2(fz, fx);
    const petal = 19 + 3.5 * Math.cos(a * 8);
    if (r < petal) {
      const ring = stroke(r - petal * 0.62, 1.2) + stroke(r - petal * 0.3, 1.0);
      ink = Math.max(ink, Math.max(0, 0.9 - ring * 0.85));
    }
  }
  line(104, 1.8);
  line(99, 1.0);
  // Lower band: eight upright lotus petals, double-outlined, each with a flaming pearl.
  if (mm > 16 && mm < 96) {
    const k = (u * 8) % 1;
    const px = (k - 0.5) * (700 / 8);
    const halfW = 700 / 16 - 3;
    // The petal's outline: straight sides rising into a pointed arch at ~90 mm.
    const q = Math.min(1, Math.abs(px) / halfW);
    const top = 62 + 28 * (1 - q * q) ** 0.6 - 6 * q;
    const inside = Math.abs(px) < halfW && mm < top;
    const dSide = halfW - Math.abs(px);
    const dTop = top - mm;
    const d = inside ? Math.min(dSide, dTop) : -1;
    if (inside) ink = Math.max(ink, stroke(d - 1.2, 2.0), stroke(d - 5.5, 1.1));
    const pearl = Math.hypot(px, mm - 50);
    if (inside && pearl < 7) ink = Math.max(ink, 0.85 - 0.7 * stroke(pearl - 3.5, 1.2));
    // Flames: three short strokes above the pearl.
    for (const f of [-3, 0, 3]) if (inside && Math.abs(px - f - 0.3 * Math.sin(mm * 0.6)) < 0.7 && mm > 58 && mm < 67 - Math.abs(f)) ink = Math.max(ink, 0.9);
  }
  line(14, 2.5);
  return [Math.min(1, ink), 0];
}

/** The glaze texture (sRGB JPEG): porcelain white, cobalt that pools darker in places ("heaped and piled"). */
async function vaseTexture(): Promise<Uint8Array> {
  const px = Buffer.alloc(TEX_W * TEX_H * 3);
  for (let j = 0; j < TEX_H; j++) {
    const y = H * (1 - (j + 0.5) / TEX_H);
    for (let i = 0; i < TEX_W; i++) {
      const u = (i + 0.5) / TEX_W;
      const [ink, bare] = decoration(u, y);
      const k = (j * TEX_W + i) * 3;
      if (bare) {
        // Unglazed foot: the fired body shows orange-buff.
        px[k] = 222;
        px[k + 1] = 190;
        px[k + 2] = 150;
        continue;
      }
      // Imported cobalt fires blackish where it pooled: darken with a little hash-noise.
      const pool = 0.75 + 0.25 * Math.sin(i * 12.9898 + j * 78.233) * Math.sin(i * 0.37 + j * 0.21);
      const blue: [number, number, number] = [26 * pool, 48 * pool, 128 * pool + 10];
      const white: [number, number, number] = [238, 243, 240];
      for (let c = 0; c < 3; c++) px[k + c] = Math.round(white[c] + (blue[c] - white[c]) * ink);
    }
  }
  return new Uint8Array(await sharp(px, { raw: { width: TEX_W, height: TEX_H, channels: 3 } }).jpeg({ quality: 82, mozjpeg: true }).toBuffer());
}

/** The vase's profile, base and inside of the mouth, for the lathe: [radius, y] from the foot's underside round to inside the neck. */
function fullProfile(): Array<[number, number]> {
  return [[0, 0.005], [0.05, 0.005], [0.056, 0.0], ...smoothProfile(OUTER, 5), [0.03, H], [0.024, 0.345], [0.0, 0.338]];
}

/** Radius of the outer surface at height y (for placing info points on it). */
export function vaseRadius(y: number): number {
  const p = smoothProfile(OUTER, 5);
  for (let i = 1; i < p.length; i++) if (p[i][1] >= y) return p[i - 1][0] + ((p[i][0] - p[i - 1][0]) * (y - p[i - 1][1])) / (p[i][1] - p[i - 1][1] || 1);
  return p[p.length - 1][0];
}

/** A Yuan-style blue-and-white meiping: one lathe mesh, its glaze as a generated texture. */
export async function buildVase(): Promise<{ doc: Document; infoPoints: DemoInfoPoint[] }> {
  const doc = new Document();
  doc.createBuffer();
  const texture = doc.createTexture('glaze').setMimeType('image/jpeg').setImage(await vaseTexture());
  const material = doc.createMaterial('porcelain').setBaseColorTexture(texture).setRoughnessFactor(0.18).setMetallicFactor(0);
  const b = new MeshBuilder();
  lathe(b, fullProfile(), 96, () => [1, 1, 1], { v: (_t, y) => 1 - y / H });
  const node = addMeshNode(doc, 'vase', b, material, { uv: true, colors: false });
  doc.createScene('meiping').addChild(node);
  doc.getRoot().getAsset().generator = 'Vantage assets/scripts/build-demo-museum.ts';

  const on = (turn: number, y: number) => surfacePoint(turn, y, vaseRadius);
  const infoPoints: DemoInfoPoint[] = [
    {
      id: 'peony-scroll',
      ...on(0, 0.19),
      title: 'Peony scroll in cobalt blue',
      titleZh: '青花缠枝牡丹纹',
      text: 'The main band is a continuous peony scroll: one stem winds around the body, with a full bloom in every crest and trough. The blue is cobalt painted on the raw clay under a clear glaze and fired once at about 1,300 °C; where the brush laid it thick it fired almost black.',
      textZh: '腹部主题纹饰为缠枝牡丹：一条枝蔓环绕器身，波峰波谷各开一朵盛放的牡丹。青花是以钴料在素坯上绘画，罩透明釉后经约1300 °C一次烧成；笔触厚重处钴料聚集，呈现近乎黑色的斑点。',
    },
    {
      id: 'cloud-collar',
      ...on(0.1, 0.3),
      title: 'Cloud-collar lappets on the shoulder',
      titleZh: '肩部云肩纹',
      text: 'Four pointed ruyi lappets hang from the neck like a cloud collar, a motif borrowed from the capes of Yuan court dress. The filled ground inside each lappet shows the painter working with a loaded brush.',
      textZh: '颈下垂饰四个如意形云肩，纹样源自元代服饰的披肩。云肩内满绘纹地，可见画工饱蘸钴料的运笔。',
    },
    {
      id: 'lotus-panels',
      ...on(-0.08, 0.055),
      title: 'Lotus-petal panels',
      titleZh: '莲瓣纹',
      text: 'Eight upright lotus panels ring the lower body, each framing a flaming pearl. Lotus panels close the decoration of many Yuan and early Ming pieces and echo Buddhist imagery of purity.',
      textZh: '胫部环绕八个仰莲瓣，每瓣内绘火珠。莲瓣纹常见于元及明初瓷器的下部边饰，寓意佛教中的清净。',
    },
    {
      id: 'small-mouth',
      position: [0, H, 0.034],
      normal: [0, 1, 0],
      title: 'The small mouth',
      titleZh: '小口',
      text: 'A meiping has a small mouth and a short neck, originally closed with a cap: the form held wine. Its later name, "plum vase", comes from the single branch of plum blossom it was thought to suit.',
      textZh: '梅瓶小口、短颈，原配有瓶盖，是盛酒之器。后世称“梅瓶”，据说是因其口小仅容梅枝一支。',
    },
  ];
  return { doc, infoPoints };
}
