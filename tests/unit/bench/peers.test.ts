import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { rawImage, type RawImage } from '../../../server/ingest/decodeEquirect.ts';
import { powerOfTwoLadder } from '../../bench/peers/powerOfTwoLadder.ts';
import { psnrRgb } from '../../bench/peers/psnrRgb.ts';
import { renderReference } from '../../bench/peers/renderReference.ts';
import { tileMarzipano } from '../../bench/peers/tileMarzipano.ts';
import { tilePannellum } from '../../bench/peers/tilePannellum.ts';
import { tilePsv } from '../../bench/peers/tilePsv.ts';

type Rgb = [number, number, number];
const RED: Rgb = [220, 30, 30], GREEN: Rgb = [30, 200, 40], BLUE: Rgb = [30, 40, 220], YELLOW: Rgb = [230, 220, 30];
const WHITE: Rgb = [250, 250, 250], BLACK: Rgb = [5, 5, 5];

/**
 * Synthetic equirect in Vantage's conventions (u = 0.5 + lon/2π, v = 0.5 − lat/π): front
 * (|lon| < 45°) red, right green, back blue, left yellow; above 55° white, below −55° black.
 */
function compass(W: number, H: number): RawImage {
  const data = Buffer.alloc(W * H * 4);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const lon = ((x + 0.5) / W - 0.5) * 360;
      const lat = (0.5 - (y + 0.5) / H) * 180;
      const c = lat > 55 ? WHITE : lat < -55 ? BLACK : Math.abs(lon) < 45 ? RED : lon >= 45 && lon < 135 ? GREEN : lon <= -45 && lon > -135 ? YELLOW : BLUE;
      data.set([...c, 255], (y * W + x) * 4);
    }
  return rawImage(data, W, H);
}

const near = (got: ArrayLike<number>, want: Rgb, tol = 24) => want.every((v, i) => Math.abs(got[i] - v) <= tol);
const px = (rgb: Buffer, width: number, x: number, y: number) => [...rgb.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)];
async function jpegPixel(file: string, x: number, y: number) {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { rgb: px(data, info.width, x, y), width: info.width, height: info.height };
}

describe('psnrRgb', () => {
  const img = Buffer.from(Array.from({ length: 3 * 64 * 64 }, (_, i) => (i * 37) % 256));
  it('is infinite for identical images', () => expect(psnrRgb(img, Buffer.from(img))).toBe(Infinity));
  it('is 10·log10(255²/MSE): every value off by 4 gives 36.1 dB', () => {
    const off = Buffer.from(img.map((v) => (v < 128 ? v + 4 : v - 4)));
    expect(psnrRgb(img, off)).toBeCloseTo(10 * Math.log10((255 * 255) / 16), 6);
  });
  it('drops when the picture is shifted by a pixel', () => {
    const shifted = Buffer.concat([img.subarray(3), img.subarray(0, 3)]);
    expect(psnrRgb(img, shifted)).toBeLessThan(20);
  });
  it('refuses images of different sizes', () => expect(() => psnrRgb(img, img.subarray(3))).toThrow(/differ in size/));
});

describe('renderReference', () => {
  const src = compass(720, 360);
  it('looks where yaw points: front red, yaw 90 green (right), yaw −90 yellow, yaw 180 blue', () => {
    for (const [yaw, c] of [[0, RED], [90, GREEN], [-90, YELLOW], [180, BLUE]] as const) {
      const ref = renderReference(src, { yaw, pitch: 0, hfov: 60 }, 64, 36);
      expect(near(px(ref, 64, 32, 18), c, 0)).toBe(true);
    }
  });
  it('horizontal FOV: at yaw 20, hfov 100 the left edge (lon −30) is front and the right edge (lon 70) is right', () => {
    const ref = renderReference(src, { yaw: 20, pitch: 0, hfov: 100 }, 100, 50);
    expect(near(px(ref, 100, 0, 25), RED, 0)).toBe(true);
    expect(near(px(ref, 100, 99, 25), GREEN, 0)).toBe(true);
    // Edge rays at ±50° from yaw 20: −30° and 70°; 45° lies at x where atan((2(x+½)/100−1)·tan 50°) = 25°.
    const x45 = Math.round(((Math.tan((25 * Math.PI) / 180) / Math.tan((50 * Math.PI) / 180) + 1) * 100) / 2 - 0.5);
    expect(near(px(ref, 100, x45 - 2, 25), RED, 0)).toBe(true);
    expect(near(px(ref, 100, x45 + 2, 25), GREEN, 0)).toBe(true);
  });
  it('pitch up shows the sky at the top, pitch down the ground at the bottom, horizon colours opposite', () => {
    const up = renderReference(src, { yaw: 0, pitch: 45, hfov: 80 }, 80, 60);
    expect(near(px(up, 80, 40, 0), WHITE, 0)).toBe(true);
    expect(near(px(up, 80, 40, 59), RED, 0)).toBe(true);
    const down = renderReference(src, { yaw: 0, pitch: -45, hfov: 80 }, 80, 60);
    expect(near(px(down, 80, 40, 59), BLACK, 0)).toBe(true);
    expect(near(px(down, 80, 40, 0), RED, 0)).toBe(true);
  });
  it('is not mirrored: looking straight up from yaw 0, the back (blue) is at the top and the front (red) at the bottom', () => {
    const zenithish = renderReference(src, { yaw: 0, pitch: 90, hfov: 120 }, 90, 90);
    expect(near(px(zenithish, 90, 45, 0), BLUE, 0)).toBe(true);
    expect(near(px(zenithish, 90, 45, 89), RED, 0)).toBe(true);
    expect(near(px(zenithish, 90, 0, 45), YELLOW, 0)).toBe(true);
  });
});

describe('powerOfTwoLadder', () => {
  it('goes 512·2^k up to the first face that keeps W/π', () => {
    expect(powerOfTwoLadder(4096)).toEqual([512, 1024, 2048]);
    expect(powerOfTwoLadder(8192)).toEqual([512, 1024, 2048, 4096]);
    expect(powerOfTwoLadder(1600)).toEqual([512]);
  });
});

describe('peer tilers on a tiny synthetic source', () => {
  const src = compass(256, 128); // W/π ≈ 81.5
  const dirs: string[] = [];
  const tmp = async () => {
    const d = await mkdtemp(path.join(os.tmpdir(), 'peers-tiler-'));
    dirs.push(d);
    return d;
  };
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('Pannellum: generate.py levels, %l/%s%y_%x names, partial edge tiles, faces where Pannellum looks for them', async () => {
    const out = await tmp();
    const cfg = await tilePannellum(src, out, 16);
    // cubeSize 8·⌊81.5/8⌋ = 80, levels ⌈log2(80/16)⌉ + 1 = 4: 80, 40, 20, 10.
    expect(cfg).toEqual({ path: '/%l/%s%y_%x', extension: 'jpg', tileResolution: 16, maxLevel: 4, cubeResolution: 80 });
    expect((await readdir(path.join(out, '4'))).length).toBe(6 * 25);
    expect((await readdir(path.join(out, '3'))).sort()).toContain('f2_2.jpg');
    const edge = await jpegPixel(path.join(out, '3', 'f2_1.jpg'), 0, 0);
    expect([edge.width, edge.height]).toEqual([16, 8]); // 40 = 16 + 16 + 8
    const one = await jpegPixel(path.join(out, '1', 'u0_0.jpg'), 5, 5);
    expect([one.width, one.height]).toEqual([10, 10]);
    for (const [face, c] of [['f', RED], ['r', GREEN], ['b', BLUE], ['l', YELLOW], ['u', WHITE], ['d', BLACK]] as const)
      expect(near((await jpegPixel(path.join(out, '4', `${face}2_2.jpg`), 8, 8)).rgb, c)).toBe(true);
    // u's top edge borders the back face, d's top edge the front one (nona's cube).
    expect(near((await jpegPixel(path.join(out, '4', 'u0_2.jpg'), 8, 0)).rgb, BLUE, 40)).toBe(true);
    expect(near((await jpegPixel(path.join(out, '4', 'u4_2.jpg'), 8, 15)).rgb, RED, 40)).toBe(true);
    expect(near((await jpegPixel(path.join(out, '4', 'd0_2.jpg'), 8, 0)).rgb, RED, 40)).toBe(true);
  });

  it('Marzipano: {z}/{f}/{y}/{x}.jpg from z = 1, a vertical bdflru preview strip as level 0', async () => {
    const out = await tmp();
    const cfg = await tileMarzipano(src, out, 16);
    expect(cfg.levels).toEqual([{ tileSize: 128, size: 128, fallbackOnly: true }, ...[16, 32, 64, 128].map((size) => ({ tileSize: 16, size }))]);
    expect(cfg.faceSize).toBe(128);
    expect((await readdir(path.join(out, '4', 'f'))).length).toBe(8);
    expect((await readdir(path.join(out, '4', 'f', '7'))).length).toBe(8);
    expect(near((await jpegPixel(path.join(out, '4', 'r', '4', '4.jpg'), 0, 0)).rgb, GREEN)).toBe(true);
    expect(near((await jpegPixel(path.join(out, '4', 'u', '0', '4.jpg'), 0, 0)).rgb, BLUE, 40)).toBe(true);
    const strip = await jpegPixel(path.join(out, 'preview.jpg'), 64, 2 * 128 + 64);
    expect([strip.width, strip.height]).toEqual([128, 768]);
    expect(near(strip.rgb, RED)).toBe(true); // b d [f] l r u
    expect(near((await jpegPixel(path.join(out, 'preview.jpg'), 64, 64)).rgb, BLUE)).toBe(true);
    expect(near((await jpegPixel(path.join(out, 'preview.jpg'), 64, 128 + 64)).rgb, BLACK)).toBe(true);
  });

  it('PSV: power-of-two nbTiles, <level>/<face>/<row>_<col>.jpg with PSV face names, a horizontal base stripe, flipTopBottom', async () => {
    const out = await tmp();
    const cfg = await tilePsv(src, out, 16);
    expect(cfg).toEqual({ levels: [16, 32, 64, 128].map((faceSize) => ({ faceSize, nbTiles: faceSize / 16 })), flipTopBottom: true });
    expect((await readdir(path.join(out, '3', 'front'))).length).toBe(64);
    expect((await readdir(path.join(out, '0'))).sort()).toEqual(['back', 'bottom', 'front', 'left', 'right', 'top']);
    for (const [face, c] of [['front', RED], ['right', GREEN], ['back', BLUE], ['left', YELLOW], ['top', WHITE], ['bottom', BLACK]] as const)
      expect(near((await jpegPixel(path.join(out, '3', face, '4_4.jpg'), 0, 0)).rgb, c)).toBe(true);
    const base = await jpegPixel(path.join(out, 'base.jpg'), 64, 64);
    expect([base.width, base.height]).toEqual([768, 128]);
    expect(near(base.rgb, YELLOW)).toBe(true); // [left] front right back top bottom
    expect(near((await jpegPixel(path.join(out, 'base.jpg'), 128 + 64, 64)).rgb, RED)).toBe(true);
  });
});
