import { Document } from '@gltf-transform/core';
import sharp from 'sharp';
import { addMeshNode } from './addMeshNode.ts';
import type { DemoInfoPoint } from './DemoInfoPoint.ts';
import { MeshBuilder, box, hex, lathe, mix, noise2, placeAt, smoothProfile, withTransform, type Rgb } from './MeshBuilder.ts';
import { surfacePoint } from './surfacePoint.ts';

// Body outside, bottom to rim (r, y in metres): a deep round bowl on three legs, ~0.42 m tall overall.
const OUTER: Array<[number, number]> = [
  [0.0, 0.13],
  [0.06, 0.132],
  [0.11, 0.145],
  [0.145, 0.17],
  [0.165, 0.205],
  [0.172, 0.245],
  [0.172, 0.285],
  [0.168, 0.315],
  [0.17, 0.325],
];
// Over the rim and down the inside.
const RIM: Array<[number, number]> = [
  [0.182, 0.332],
  [0.182, 0.34],
  [0.172, 0.342],
  [0.163, 0.335],
];
const INNER: Array<[number, number]> = [
  [0.162, 0.3],
  [0.16, 0.25],
  [0.15, 0.2],
  [0.125, 0.165],
  [0.08, 0.148],
  [0.0, 0.143],
];
const BAND = { y0: 0.245, y1: 0.315 };
/** The band's height in millimetres: the masks are drawn in millimetres. */
const BAND_MM = (BAND.y1 - BAND.y0) * 1000;
const LEG_TURNS = [0.25, 0.25 + 1 / 3, 0.25 + 2 / 3];
const TEX_W = 1024;
const TEX_H = 512;

const PATINA = hex('#4d7a64');
const MALACHITE = hex('#6fa88a');
const CUPRITE = hex('#6b4a32');
const EARTH = hex('#8a7a5c');
const GROOVE = hex('#1f2e27');

/** Corrosion colour at a surface point: green patina, brown cuprite patches, pale burial earth in hollows. */
function patina(x: number, y: number, z: number): Rgb {
  const n = noise2(x * 40 + z * 17, y * 40) * 0.6 + noise2(x * 130 - z * 90, y * 120) * 0.4;
  let c = mix(PATINA, MALACHITE, smooth(0.45, 0.8, n));
  c = mix(c, CUPRITE, smooth(0.62, 0.75, noise2(x * 23 + 5, y * 21 - z * 19)) * 0.8);
  return mix(c, EARTH, smooth(0.7, 0.9, noise2(z * 60, x * 60 + y * 30)) * 0.5);
}

function smooth(e0: number, e1: number, x: number): number {
  const t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
}

/**
 * The cast decoration at turn u, height y on the outside: 0 ground, 1 raised line, −1 deep
 * groove. Three taotie masks (eyes, brows, a flange for the nose) over the legs, square
 * thunder spirals (leiwen) between them.
 */
function castPattern(u: number, y: number): number {
  if (y < BAND.y0 || y > BAND.y1) return 0;
  const yb = (y - BAND.y0) / (BAND.y1 - BAND.y0);
  const edge = Math.min(yb, 1 - yb);
  if (edge < 0.06) return 1;
  // Distance in turns to the nearest mask centre (over a leg).
  let d = 1;
  for (const c of LEG_TURNS) {
    const dd = ((u - c + 1.5) % 1) - 0.5;
    if (Math.abs(dd) < Math.abs(d)) d = dd;
  }
  if (Math.abs(d) < 0.1) {
    const mx = (d * 1080) / 1.6; // millimetres around the body, drawn 1.6× wide
    const my = (yb - 0.5) * BAND_MM;
    if (Math.abs(mx) < 2) return 1; // nose flange
    const ex = Math.abs(mx) - 20;
    const eye = Math.hypot(ex * 1.3, my + 3);
    if (eye < 6) return eye < 3 ? -1 : 1;
    if (eye < 8) return -1;
    // Brow: a curl over each eye; horns sweep out to the mask's edge.
    const brow = Math.hypot(ex + 4, my - 12);
    if (Math.abs(brow - 10) < 2 && my > 6) return 1;
    const horn = my - 22 + 0.006 * (Math.abs(mx) - 40) ** 2;
    if (Math.abs(horn) < 2 && Math.abs(mx) > 28) return 1;
    // Jaw: a curl below each eye.
    const jaw = Math.hypot(ex - 4, my + 18);
    if (Math.abs(jaw - 8) < 1.8 && my < -12) return 1;
    return (Math.floor(mx / 4) + Math.floor(my / 4)) % 2 === 0 ? -0.5 : 0.1;
  }
  // Leiwen: square spirals in a 9 mm grid.
  const gx = (u * 1080) / 10, gy = (yb * BAND_MM) / 10;
  const fx = gx - Math.floor(gx) - 0.5, fy = gy - Math.floor(gy) - 0.5;
  const ring = Math.max(Math.abs(fx), Math.abs(fy));
  const turn = Math.atan2(fy, fx) / (Math.PI * 2);
  return Math.abs(((ring * 4 + turn * 0.5 + 10) % 1) - 0.5) < 0.16 ? 1 : -0.6;
}

/** An inscription cast inside the bowl: columns of small glyphs read top to bottom, right to left. */
function inscription(u: number, y: number): boolean {
  const mx = (((u - 0.5 + 1.5) % 1) - 0.5) * 1010;
  const my = (0.29 - y) * 1000;
  if (Math.abs(mx) > 22 || my < 0 || my > 46) return false;
  const col = Math.floor((mx + 22) / 11), row = Math.floor(my / 11.5);
  const gx = ((mx + 22) % 11) / 11, gy = (my % 11.5) / 11.5;
  if (gx < 0.15 || gx > 0.85 || gy < 0.12 || gy > 0.88) return false;
  // Each glyph: a few strokes chosen by hashing its cell.
  const h = Math.abs(Math.sin(col * 91.7 + row * 47.3) * 1e4) % 1;
  const h2 = Math.abs(Math.sin(col * 13.1 + row * 71.9) * 1e4) % 1;
  const hStroke = [0.25, 0.5, 0.75].some((s, i) => (h * 8) & (1 << i) && Math.abs(gy - s) < 0.06);
  const vStroke = [0.3, 0.5, 0.7].some((s, i) => (h2 * 8) & (1 << i) && Math.abs(gx - s) < 0.06);
  return hStroke || vStroke || (Math.abs(gx - 0.5) < 0.06 && gy > 0.3 && gy < 0.7);
}

/** Arc-length fraction of each profile point (the lathe's t). */
function fractions(profile: Array<[number, number]>): number[] {
  const l = [0];
  for (let i = 1; i < profile.length; i++) l.push(l[i - 1] + Math.hypot(profile[i][0] - profile[i - 1][0], profile[i][1] - profile[i - 1][1]));
  return l.map((v) => v / l[l.length - 1]);
}

/** The body's texture, laid out by the lathe's (u, t): outside, rim and inside each get their own rows. */
async function bodyTexture(profile: Array<[number, number]>, rimT: number): Promise<Uint8Array> {
  const ts = fractions(profile);
  const px = Buffer.alloc(TEX_W * TEX_H * 3);
  let seg = 0;
  for (let j = 0; j < TEX_H; j++) {
    const t = (j + 0.5) / TEX_H;
    while (seg < ts.length - 2 && ts[seg + 1] < t) seg++;
    const k = (t - ts[seg]) / (ts[seg + 1] - ts[seg] || 1);
    const r = profile[seg][0] + (profile[seg + 1][0] - profile[seg][0]) * k;
    const y = profile[seg][1] + (profile[seg + 1][1] - profile[seg][1]) * k;
    const outside = t < rimT;
    for (let i = 0; i < TEX_W; i++) {
      const u = (i + 0.5) / TEX_W;
      const a = u * Math.PI * 2;
      let c = patina(Math.sin(a) * r, y, Math.cos(a) * r);
      if (outside) {
        const p = castPattern(u, y);
        // Raised lines are rubbed brighter; grooves keep dark corrosion and burial earth.
        if (p > 0) c = mix(c, hex('#8fc4a4'), 0.55 * p);
        if (p < 0) c = mix(c, GROOVE, -0.85 * p);
      } else if (inscription(u, y)) c = mix(c, GROOVE, 0.8);
      const o = (j * TEX_W + i) * 3;
      for (let ch = 0; ch < 3; ch++) px[o + ch] = Math.round(255 * Math.min(1, c[ch]) ** (1 / 2.2));
    }
  }
  return new Uint8Array(await sharp(px, { raw: { width: TEX_W, height: TEX_H, channels: 3 } }).jpeg({ quality: 80, mozjpeg: true }).toBuffer());
}

export function dingRadius(y: number): number {
  const p = smoothProfile(OUTER, 6);
  for (let i = 1; i < p.length; i++) if (p[i][1] >= y) return p[i - 1][0] + ((p[i][0] - p[i - 1][0]) * (y - p[i - 1][1])) / (p[i][1] - p[i - 1][1] || 1);
  return p[p.length - 1][0];
}

/** A Western Zhou-style bronze ding: a lathe-turned bowl, two upright handles, three columnar legs with hoof feet. */
export async function buildDing(): Promise<{ doc: Document; infoPoints: DemoInfoPoint[] }> {
  const doc = new Document();
  doc.createBuffer();
  const outer = smoothProfile(OUTER, 6);
  const profile = [...outer, ...RIM, ...smoothProfile(INNER, 4)];
  const rimT = fractions(profile)[outer.length + 1];
  const texture = doc.createTexture('patina').setMimeType('image/jpeg').setImage(await bodyTexture(profile, rimT));
  const bodyMaterial = doc.createMaterial('bronze-body').setBaseColorTexture(texture).setRoughnessFactor(0.72).setMetallicFactor(0.25);
  const castMaterial = doc.createMaterial('bronze').setRoughnessFactor(0.75).setMetallicFactor(0.25);

  const body = new MeshBuilder();
  // Texture rows run with t (bodyTexture draws row j at t = j / height), not the lathe's default 1 − t.
  lathe(body, profile, 128, () => [1, 1, 1], { v: (t) => t });
  const scene = doc.createScene('ding');
  const root = doc.createNode('ding');
  scene.addChild(root);
  root.addChild(addMeshNode(doc, 'body', body, bodyMaterial, { uv: true, colors: false }));

  const legs = new MeshBuilder();
  const legProfile: Array<[number, number]> = [[0, 0], [0.03, 0], [0.032, 0.008], [0.026, 0.028], [0.021, 0.07], [0.02, 0.12], [0.022, 0.155], [0.026, 0.17], [0, 0.17]];
  for (const turn of LEG_TURNS) {
    const a = turn * Math.PI * 2;
    const [lx, lz] = [Math.sin(a) * 0.105, Math.cos(a) * 0.105];
    withTransform(legs, placeAt(lx, 0, lz), () => lathe(legs, legProfile, 24, (u, _t, y) => patina(lx + Math.sin(u * 6.28) * 0.02, y, lz + Math.cos(u * 6.28) * 0.02)));
  }
  root.addChild(addMeshNode(doc, 'legs', legs, castMaterial));

  const handles = new MeshBuilder();
  for (const side of [1, -1]) {
    const x0 = side * 0.161, x1 = side * 0.175;
    const [xa, xb] = side > 0 ? [x0, x1] : [x1, x0];
    const tint = (z: number) => patina(xa, 0.38, z);
    box(handles, [xa, 0.335, -0.058], [xb, 0.418, -0.038], tint(-0.05));
    box(handles, [xa, 0.335, 0.038], [xb, 0.418, 0.058], tint(0.05));
    box(handles, [xa, 0.404, -0.038], [xb, 0.418, 0.038], tint(0));
  }
  root.addChild(addMeshNode(doc, 'handles', handles, castMaterial));
  doc.getRoot().getAsset().generator = 'Vantage assets/scripts/build-demo-museum.ts';

  const on = (turn: number, y: number) => surfacePoint(turn, y, dingRadius);
  const infoPoints: DemoInfoPoint[] = [
    {
      id: 'taotie-band',
      ...on(LEG_TURNS[2] - 1 + 0.0, 0.284),
      title: 'Taotie mask band',
      titleZh: '饕餮纹带',
      text: 'Below the rim runs a band of three taotie masks, each centred over a leg: a pair of bulging eyes, curled brows and horns, with a raised flange for the nose. Between them the ground is filled with square thunder spirals (leiwen). The design was carved into clay moulds and cast with the vessel.',
      textZh: '口沿下饰三组饕餮纹，各对一足：凸起的双目、卷曲的眉与角，中间以扉棱为鼻。纹饰之间以云雷纹填地。纹样刻于陶范之上，与器身一次浇铸而成。',
    },
    {
      id: 'handles',
      position: [0.168, 0.418, 0],
      normal: [0, 1, 0],
      title: 'Upright handles',
      titleZh: '立耳',
      text: 'Two loop handles stand on the rim. A pole passed through them let the ding be lifted off the fire; the phrase "to lift the ding" (举鼎) became a byword for great strength.',
      textZh: '口沿上立两只环形耳。以杠穿耳，可将鼎从火上抬起；“举鼎”一词因此成为力大无比的代称。',
    },
    {
      id: 'legs',
      position: [Math.round(Math.sin(LEG_TURNS[2] * Math.PI * 2) * 0.125 * 1e4) / 1e4, 0.06, Math.round(Math.cos(LEG_TURNS[2] * Math.PI * 2) * 0.125 * 1e4) / 1e4],
      normal: [Math.round(Math.sin(LEG_TURNS[2] * Math.PI * 2) * 1e3) / 1e3, 0, Math.round(Math.cos(LEG_TURNS[2] * Math.PI * 2) * 1e3) / 1e3],
      title: 'Three legs with hoof feet',
      titleZh: '三足与蹄形足',
      text: 'Three columnar legs end in slightly flared hoof feet, leaving room for a fire beneath the bowl. Over the Western Zhou period ding legs grew slimmer and the feet more clearly hoof-shaped, which helps date a vessel.',
      textZh: '三条柱足下端略向外撇，呈蹄形，鼎腹下可以生火。西周时期鼎足逐渐变细、蹄足特征愈加明显，是断代的依据之一。',
    },
    {
      id: 'inscription',
      position: [0, 0.27, -0.16],
      normal: [0, 0.3, 0.954],
      title: 'Inscription inside the bowl',
      titleZh: '腹内铭文',
      text: 'Inside, on the wall facing you, four columns of characters were cast. Inscriptions on ritual bronzes record why a vessel was made: an honour from the king, a victory, a gift of land, ending with the wish that sons and grandsons treasure and use it forever.',
      textZh: '腹内壁铸有四行铭文。青铜礼器上的铭文记载作器缘由：或受王赏赐，或记战功，或记土地赏赐，末尾常以“子子孙孙永宝用”作结。',
    },
  ];
  return { doc, infoPoints };
}
