/** Procedural canvas textures for the demo flat (runs in the browser). */
import * as THREE from 'three';

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

function canvas(w: number, h = w): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  const ctx = c.getContext('2d')!;
  return [c, ctx];
}

let maxAniso = 8;
export function setMaxAnisotropy(n: number): void {
  maxAniso = n;
}

/** Texture tiled in world metres (geometry UVs are world metres; repeat = 1 / size). */
function tex(c: HTMLCanvasElement, sizeM: number | null, color = true): THREE.CanvasTexture {
  const t = new THREE.CanvasTexture(c);
  if (color) t.colorSpace = THREE.SRGBColorSpace;
  t.anisotropy = maxAniso;
  if (sizeM !== null) {
    t.wrapS = t.wrapT = THREE.RepeatWrapping;
    t.repeat.set(1 / sizeM, 1 / sizeM);
  }
  t.needsUpdate = true;
  return t;
}

/** Smooth value noise field in [0,1], tileable, w×h cells of `cell` px. */
function valueNoise(w: number, h: number, cell: number, r: () => number): Float32Array {
  const gw = Math.ceil(w / cell), gh = Math.ceil(h / cell);
  const g = new Float32Array(gw * gh).map(() => r());
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const fy = y / cell, iy = Math.floor(fy), ty = fy - iy, sy = ty * ty * (3 - 2 * ty);
    for (let x = 0; x < w; x++) {
      const fx = x / cell, ix = Math.floor(fx), tx = fx - ix, sx = tx * tx * (3 - 2 * tx);
      const a = g[(iy % gh) * gw + (ix % gw)], b = g[(iy % gh) * gw + ((ix + 1) % gw)];
      const c = g[((iy + 1) % gh) * gw + (ix % gw)], d = g[((iy + 1) % gh) * gw + ((ix + 1) % gw)];
      out[y * w + x] = (a * (1 - sx) + b * sx) * (1 - sy) + (c * (1 - sx) + d * sx) * sy;
    }
  }
  return out;
}

function fbm(w: number, h: number, r: () => number, cells: number[], weights: number[]): Float32Array {
  const out = new Float32Array(w * h);
  let total = 0;
  cells.forEach((cell, i) => {
    const n = valueNoise(w, h, cell, r);
    for (let k = 0; k < out.length; k++) out[k] += n[k] * weights[i];
    total += weights[i];
  });
  for (let k = 0; k < out.length; k++) out[k] /= total;
  return out;
}

function hsl(h: number, s: number, l: number): string {
  return `hsl(${h.toFixed(1)},${(s * 100).toFixed(1)}%,${(l * 100).toFixed(1)}%)`;
}

/** Oak plank floor, 2.4 m square tile. */
export function oakFloor(): THREE.CanvasTexture {
  const S = 2048, M = 2.4, px = S / M;
  const [c, ctx] = canvas(S);
  const r = rng(11);
  const plankW = 0.2 * px;
  const rows = Math.round(S / plankW);
  const pw = S / rows;
  for (let row = 0; row < rows; row++) {
    const y0 = row * pw;
    let x = -r() * 1.2 * px;
    while (x < S) {
      const len = (0.9 + r() * 0.9) * px;
      const hue = 33 + r() * 5, light = 0.6 + r() * 0.1, sat = 0.24 + r() * 0.1;
      const draw = (ox: number) => {
        ctx.fillStyle = hsl(hue, sat, light);
        ctx.fillRect(x + ox, y0, len, pw);
        // grain
        for (let g = 0; g < 38; g++) {
          const gy = y0 + r() * pw;
          ctx.strokeStyle = `rgba(${r() < 0.5 ? '90,55,25' : '255,235,200'},${0.05 + r() * 0.12})`;
          ctx.lineWidth = 0.6 + r() * 2.2;
          ctx.beginPath();
          ctx.moveTo(x + ox, gy);
          const amp = r() * 4, freq = 0.002 + r() * 0.01, ph = r() * 6;
          for (let t = 0; t <= len; t += 24) ctx.lineTo(x + ox + t, gy + Math.sin(t * freq + ph) * amp);
          ctx.stroke();
        }
        // a knot now and then
        if (r() < 0.25) {
          const kx = x + ox + r() * len, ky = y0 + pw * (0.3 + r() * 0.4);
          ctx.fillStyle = 'rgba(80,45,20,0.35)';
          ctx.beginPath();
          ctx.ellipse(kx, ky, 6 + r() * 8, 3 + r() * 3, 0, 0, Math.PI * 2);
          ctx.fill();
        }
        ctx.fillStyle = 'rgba(60,35,15,0.55)';
        ctx.fillRect(x + ox, y0, 2, pw);
      };
      draw(0);
      if (x + len > S) draw(-S);
      if (x < 0) draw(S);
      x += len;
    }
    ctx.fillStyle = 'rgba(60,35,15,0.5)';
    ctx.fillRect(0, y0, S, 2);
  }
  return tex(c, M);
}

/** Walnut-ish furniture wood, 1 m square. */
export function furnitureWood(hue = 28, light = 0.42, seed = 5): THREE.CanvasTexture {
  const S = 1024;
  const [c, ctx] = canvas(S);
  const r = rng(seed);
  ctx.fillStyle = hsl(hue, 0.42, light);
  ctx.fillRect(0, 0, S, S);
  for (let g = 0; g < 420; g++) {
    const gy = r() * S;
    ctx.strokeStyle = `rgba(${r() < 0.55 ? '60,35,15' : '255,230,190'},${0.04 + r() * 0.1})`;
    ctx.lineWidth = 0.5 + r() * 2.5;
    ctx.beginPath();
    const amp = 2 + r() * 8, freq = 0.004 + r() * 0.01, ph = r() * 6;
    for (let t = -10; t <= S + 10; t += 16) {
      const yy = gy + Math.sin(t * freq + ph) * amp;
      if (t < 0) ctx.moveTo(t, yy);
      else ctx.lineTo(t, yy);
    }
    ctx.stroke();
  }
  return tex(c, 1);
}

/** Square floor tiles with grout. */
export function tiles(opts: { tileW: number; tileH: number; sizeM: number; base: [number, number, number]; vary: number; grout: string; groutPx: number; seed: number; marble?: boolean; stagger?: boolean }): THREE.CanvasTexture {
  const S = 1024, px = S / opts.sizeM;
  const [c, ctx] = canvas(S);
  const r = rng(opts.seed);
  ctx.fillStyle = opts.grout;
  ctx.fillRect(0, 0, S, S);
  const tw = opts.tileW * px, th = opts.tileH * px;
  const noise = fbm(S, S, r, [128, 32, 8], [0.5, 0.3, 0.2]);
  const img = ctx.getImageData(0, 0, S, S);
  const [h, s, l] = opts.base;
  const rowsN = Math.round(S / th), colsN = Math.round(S / tw);
  const tileTint: number[] = [];
  for (let i = 0; i < rowsN * (colsN + 1); i++) tileTint.push((r() - 0.5) * opts.vary);
  const base = new THREE.Color().setHSL(h / 360, s, l);
  for (let y = 0; y < S; y++) {
    const row = Math.floor(y / th);
    const off = opts.stagger && row % 2 ? tw / 2 : 0;
    const ly = y - row * th;
    for (let x = 0; x < S; x++) {
      const xx = (x + off) % S;
      const col = Math.floor(xx / tw);
      const lx = xx - col * tw;
      const i = (y * S + x) * 4;
      const g = opts.groutPx;
      if (lx < g / 2 || lx > tw - g / 2 || ly < g / 2 || ly > th - g / 2) continue; // grout
      const n = noise[y * S + x];
      let v = 1 + tileTint[row * (colsN + 1) + col] + (n - 0.5) * 0.12;
      if (opts.marble) {
        const vein = Math.abs(Math.sin((x * 0.011 + y * 0.004 + n * 9) * 1.3));
        v -= Math.pow(1 - vein, 18) * 0.25;
      }
      // slight bevel
      const edge = Math.min(lx, tw - lx, ly, th - ly);
      if (edge < g * 1.5) v *= 0.96;
      img.data[i] = Math.min(255, base.r * 255 * v);
      img.data[i + 1] = Math.min(255, base.g * 255 * v);
      img.data[i + 2] = Math.min(255, base.b * 255 * v);
    }
  }
  ctx.putImageData(img, 0, 0);
  return tex(c, opts.sizeM);
}

/** Greyscale fabric weave (tinted by the material colour), 0.25 m square. */
export function fabric(seed = 3, coarse = 1): THREE.CanvasTexture {
  const S = 512;
  const [c, ctx] = canvas(S);
  const r = rng(seed);
  const n = fbm(S, S, r, [64, 16, 4], [0.3, 0.3, 0.4]);
  const img = ctx.createImageData(S, S);
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++) {
      const weave = (Math.sin((x * Math.PI) / (2 * coarse)) * Math.sin((y * Math.PI) / (2 * coarse)) + 1) * 0.5;
      const v = 215 + (n[y * S + x] - 0.5) * 60 + (weave - 0.5) * 40;
      const i = (y * S + x) * 4;
      img.data[i] = img.data[i + 1] = img.data[i + 2] = Math.max(0, Math.min(255, v));
      img.data[i + 3] = 255;
    }
  ctx.putImageData(img, 0, 0);
  return tex(c, 0.25);
}

/** Marble / quartz countertop, 1.2 m square. */
export function marble(seed = 9): THREE.CanvasTexture {
  const S = 1024;
  const [c, ctx] = canvas(S);
  const r = rng(seed);
  const n = fbm(S, S, r, [256, 64, 16, 4], [0.4, 0.3, 0.2, 0.1]);
  const img = ctx.createImageData(S, S);
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++) {
      const t = n[y * S + x];
      const vein = Math.abs(Math.sin((x * 0.006 + y * 0.011) * 3 + t * 14));
      const d = Math.pow(1 - vein, 10) * 70 + (t - 0.5) * 18;
      const i = (y * S + x) * 4;
      img.data[i] = 238 - d;
      img.data[i + 1] = 236 - d;
      img.data[i + 2] = 232 - d * 0.9;
      img.data[i + 3] = 255;
    }
  ctx.putImageData(img, 0, 0);
  return tex(c, 1.2);
}

/** Subtle plaster noise for painted walls (greyscale, multiplied by paint colour). */
export function plaster(seed = 21): THREE.CanvasTexture {
  const S = 512;
  const [c, ctx] = canvas(S);
  const r = rng(seed);
  const n = fbm(S, S, r, [128, 32, 6], [0.5, 0.3, 0.2]);
  const img = ctx.createImageData(S, S);
  for (let k = 0; k < S * S; k++) {
    const v = 246 + (n[k] - 0.5) * 16;
    img.data[k * 4] = img.data[k * 4 + 1] = img.data[k * 4 + 2] = v;
    img.data[k * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return tex(c, 1.5);
}

/** Rug pattern (UV 0..1 over the whole rug). */
export function rug(kind: 'living' | 'bedroom' | 'runner', seed = 4): THREE.CanvasTexture {
  const W = 1024, H = kind === 'runner' ? 256 : 768;
  const [c, ctx] = canvas(W, H);
  const r = rng(seed);
  if (kind === 'living') {
    ctx.fillStyle = '#c9bda8';
    ctx.fillRect(0, 0, W, H);
    ctx.strokeStyle = '#3c4a5c';
    ctx.lineWidth = 14;
    ctx.strokeRect(40, 40, W - 80, H - 80);
    ctx.lineWidth = 4;
    ctx.strokeRect(70, 70, W - 140, H - 140);
    // abstract berber diamonds
    ctx.strokeStyle = 'rgba(70,60,50,0.55)';
    ctx.lineWidth = 5;
    for (let y = 120; y < H - 100; y += 90)
      for (let x = 120; x < W - 100; x += 110) {
        ctx.beginPath();
        ctx.moveTo(x, y - 30);
        ctx.lineTo(x + 30, y);
        ctx.lineTo(x, y + 30);
        ctx.lineTo(x - 30, y);
        ctx.closePath();
        ctx.stroke();
      }
    ctx.fillStyle = '#b8643c';
    for (let k = 0; k < 10; k++) ctx.fillRect(120 + r() * (W - 260), 120 + r() * (H - 260), 26, 26);
  } else if (kind === 'bedroom') {
    ctx.fillStyle = '#e8e1d6';
    ctx.fillRect(0, 0, W, H);
    for (let x = 0; x < W; x += 64) {
      ctx.fillStyle = x % 128 ? 'rgba(150,140,125,0.25)' : 'rgba(110,130,150,0.25)';
      ctx.fillRect(x, 0, 32, H);
    }
  } else {
    ctx.fillStyle = '#5a3f34';
    ctx.fillRect(0, 0, W, H);
    ctx.fillStyle = '#c9a66b';
    for (let x = 30; x < W - 30; x += 60) ctx.fillRect(x, 60, 30, H - 120);
    ctx.strokeStyle = '#2e211b';
    ctx.lineWidth = 10;
    ctx.strokeRect(20, 20, W - 40, H - 40);
  }
  // pile noise
  const img = ctx.getImageData(0, 0, W, H);
  for (let k = 0; k < W * H; k++) {
    const d = (r() - 0.5) * 26;
    img.data[k * 4] += d;
    img.data[k * 4 + 1] += d;
    img.data[k * 4 + 2] += d;
  }
  ctx.putImageData(img, 0, 0);
  return tex(c, null);
}

/** Abstract painting / print. */
export function artwork(style: number, seed: number, aspect = 0.75): THREE.CanvasTexture {
  const W = 512, H = Math.round(512 / aspect);
  const [c, ctx] = canvas(W, H);
  const r = rng(seed);
  const palettes = [
    ['#f2e8d5', '#d98c5f', '#2f4858', '#86a397', '#e9c46a'],
    ['#eae2d6', '#1d3557', '#e76f51', '#a8dadc', '#457b9d'],
    ['#f4f1ea', '#6b705c', '#cb997e', '#ddbea9', '#3f4238'],
    ['#fdf6ec', '#264653', '#2a9d8f', '#e9c46a', '#f4a261'],
  ];
  const p = palettes[style % palettes.length];
  ctx.fillStyle = p[0];
  ctx.fillRect(0, 0, W, H);
  if (style % 3 === 0) {
    for (let k = 0; k < 7; k++) {
      ctx.fillStyle = p[1 + (k % 4)];
      ctx.globalAlpha = 0.85;
      ctx.beginPath();
      ctx.arc(r() * W, r() * H, 40 + r() * 140, 0, Math.PI * 2);
      ctx.fill();
    }
  } else if (style % 3 === 1) {
    // landscape bands
    for (let k = 0; k < 5; k++) {
      ctx.fillStyle = p[1 + (k % 4)];
      ctx.beginPath();
      const base = H * (0.35 + k * 0.13);
      ctx.moveTo(0, H);
      for (let x = 0; x <= W; x += 16) ctx.lineTo(x, base + Math.sin(x * 0.01 + k * 2 + r()) * 30 - r() * 10);
      ctx.lineTo(W, H);
      ctx.fill();
    }
    ctx.fillStyle = p[4];
    ctx.beginPath();
    ctx.arc(W * 0.7, H * 0.22, 50, 0, Math.PI * 2);
    ctx.fill();
  } else {
    for (let k = 0; k < 9; k++) {
      ctx.fillStyle = p[1 + (k % 4)];
      ctx.globalAlpha = 0.9;
      ctx.fillRect(r() * W * 0.8, r() * H * 0.8, 60 + r() * 200, 20 + r() * 160);
    }
    ctx.globalAlpha = 1;
    ctx.strokeStyle = p[1];
    ctx.lineWidth = 6;
    ctx.beginPath();
    ctx.moveTo(W * 0.1, H * 0.9);
    ctx.bezierCurveTo(W * 0.4, H * 0.1, W * 0.6, H * 1.1, W * 0.9, H * 0.2);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  return tex(c, null);
}

/** Building facade with a grid of windows (UV 0..1 per texture repeat unit: 4 floors × 4 bays). */
export function facade(seed: number, tone: 'light' | 'dark' | 'warm' | 'glass'): THREE.CanvasTexture {
  const S = 256;
  const [c, ctx] = canvas(S);
  const r = rng(seed);
  const wall = { light: '#d6d2ca', dark: '#7d8289', warm: '#c9b39a', glass: '#6f8fa8' }[tone];
  ctx.fillStyle = wall;
  ctx.fillRect(0, 0, S, S);
  const bays = 4, floors = 4, bw = S / bays, fh = S / floors;
  for (let f = 0; f < floors; f++)
    for (let b = 0; b < bays; b++) {
      const lit = r();
      const sky = 0.55 + r() * 0.25;
      ctx.fillStyle = tone === 'glass' ? `rgba(${150 * sky},${180 * sky},${205 * sky},1)` : lit < 0.08 ? '#e8d9a8' : `rgb(${70 * sky},${88 * sky},${105 * sky})`;
      if (tone === 'glass') ctx.fillRect(b * bw + 2, f * fh + 4, bw - 4, fh - 8);
      else ctx.fillRect(b * bw + bw * 0.15, f * fh + fh * 0.25, bw * 0.7, fh * 0.55);
    }
  return tex(c, null);
}

/** Tiny noise texture used as a bump for fabrics/rugs etc. (not colour). */
export function noiseBump(seed = 7): THREE.CanvasTexture {
  const S = 256;
  const [c, ctx] = canvas(S);
  const r = rng(seed);
  const img = ctx.createImageData(S, S);
  for (let k = 0; k < S * S; k++) {
    const v = 128 + (r() - 0.5) * 120;
    img.data[k * 4] = img.data[k * 4 + 1] = img.data[k * 4 + 2] = v;
    img.data[k * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return tex(c, 0.1, false);
}
