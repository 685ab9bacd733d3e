import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FACE_IDS, facePoint, faceOfDirection, type FaceId } from '../../../server/protocol/index.ts';
import { tileEquirect, type TileResult } from '../../../server/ingest/tileEquirect.ts';
import { IngestError } from '../../../server/ingest/IngestError.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const JFK = resolve(repoRoot, 'tests/fixtures/jfk-terminal.jpg');

type Rgb = [number, number, number];

/** Direction through the centre of equirect pixel (x, y), per the convention in cubeFaces.ts. */
function pixelDirection(x: number, y: number, width: number, height: number): [number, number, number] {
  const lon = ((x + 0.5) / width - 0.5) * 2 * Math.PI;
  const lat = (0.5 - (y + 0.5) / height) * Math.PI;
  return [Math.sin(lon) * Math.cos(lat), Math.sin(lat), -Math.cos(lon) * Math.cos(lat)];
}

/** A lossless PNG equirect painted by a function of the unit direction through each pixel. */
async function paintEquirect(width: number, height: number, paint: (d: [number, number, number], y: number) => Rgb) {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = paint(pixelDirection(x, y, width, height), y);
      raw.set(c.map((v) => Math.max(0, Math.min(255, Math.round(v)))), (y * width + x) * 3);
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
}

interface Img {
  data: Buffer;
  width: number;
  height: number;
  at(x: number, y: number): Rgb;
}

async function readImage(file: string): Promise<Img> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return {
    data,
    width: info.width,
    height: info.height,
    at: (x, y) => {
      const o = (y * info.width + x) * 3;
      return [data[o], data[o + 1], data[o + 2]];
    },
  };
}

const dist = (a: readonly number[], b: readonly number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

const FACE_COLOURS: Record<FaceId, Rgb> = {
  f: [220, 30, 30],
  r: [30, 200, 30],
  b: [30, 30, 220],
  l: [230, 220, 30],
  u: [220, 30, 220],
  d: [30, 210, 220],
};

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'vantage-ingest-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('tileEquirect on synthetic panoramas (2048×1024: levels 328 and 648)', () => {
  let faces: Buffer; // each pixel coloured by the cube face its direction hits
  let field: Buffer; // colour = 128 + 100·direction: smooth everywhere, different in every direction
  let waves: Buffer; // grey ripples, ~10 levels per pixel at the top level: seams show
  let latitude: Buffer; // colour depends on latitude only
  let facesOut: string;
  let facesResult: TileResult;
  const progress: [number, number][] = [];

  const TOP_ROW: Rgb = [240, 40, 40];
  const BOTTOM_ROW: Rgb = [40, 40, 240];
  const wave = (d: readonly number[]) => 128 + 90 * Math.sin(90 * (0.62 * d[0] + 0.55 * d[1] + 0.56 * d[2]));

  beforeAll(async () => {
    [faces, field, waves, latitude] = await Promise.all([
      paintEquirect(2048, 1024, (d) => FACE_COLOURS[faceOfDirection(...d).face]),
      paintEquirect(2048, 1024, (d) => [128 + 100 * d[0], 128 + 100 * d[1], 128 + 100 * d[2]]),
      paintEquirect(2048, 1024, (d) => {
        const g = wave(d);
        return [g, g, g];
      }),
      paintEquirect(2048, 1024, (_d, y) => {
        const t = (y + 0.5) / 1024;
        return TOP_ROW.map((v, i) => v + (BOTTOM_ROW[i] - v) * t) as Rgb;
      }),
    ]);
    facesOut = join(work, 'faces');
    facesResult = await tileEquirect(faces, facesOut, { onProgress: (done, total) => progress.push([done, total]) });
  });

  it('plans the levels and writes exactly the expected tiles, edge tiles at content + 2', async () => {
    expect(facesResult).toEqual({
      levels: [
        { size: 328, tileSize: 512 },
        { size: 648, tileSize: 512 },
      ],
      previewFaceSize: 128,
      tileFormat: 'jpg',
      sourceWidth: 2048,
      sourceHeight: 1024,
      tileCount: 6 * (1 + 4),
    });
    expect((await readdir(facesOut)).sort()).toEqual(['0', '1', 'preview.jpg']);
    for (const face of FACE_IDS) {
      expect(await readdir(join(facesOut, '0', face))).toEqual(['0_0.jpg']);
      expect((await readdir(join(facesOut, '1', face))).sort()).toEqual(['0_0.jpg', '0_1.jpg', '1_0.jpg', '1_1.jpg']);
    }
    const dims = async (file: string) => {
      const m = await sharp(join(facesOut, file)).metadata();
      return [m.width, m.height];
    };
    expect(await dims('0/u/0_0.jpg')).toEqual([330, 330]);
    expect(await dims('1/f/0_0.jpg')).toEqual([514, 514]);
    expect(await dims('1/f/0_1.jpg')).toEqual([138, 514]); // x = 1: columns 512…647
    expect(await dims('1/f/1_0.jpg')).toEqual([514, 138]);
    expect(await dims('1/d/1_1.jpg')).toEqual([138, 138]);
    expect(await dims('preview.jpg')).toEqual([6 * 130, 130]);
  });

  it('reports progress up to every tile plus the preview', () => {
    const total = facesResult.tileCount + 1;
    expect(progress[0]).toEqual([0, total]);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.every(([done], i) => i === 0 || done === progress[i - 1][0] + 1)).toBe(true);
  });

  it('puts every face where the layout says: tile centres show their face colour on all levels', async () => {
    for (const [level, { size }] of facesResult.levels.entries()) {
      const n = Math.ceil(size / 512);
      for (const face of FACE_IDS) {
        for (let ty = 0; ty < n; ty++) {
          for (let tx = 0; tx < n; tx++) {
            const img = await readImage(join(facesOut, String(level), face, `${ty}_${tx}.jpg`));
            const c = img.at(img.width >> 1, img.height >> 1);
            expect(dist(c, FACE_COLOURS[face]), `${level}/${face}/${ty}_${tx}`).toBeLessThan(16);
          }
        }
      }
    }
  });

  it('lays the preview strip out as f r b l u d, each face 128 px plus a 1 px border', async () => {
    const img = await readImage(join(facesOut, 'preview.jpg'));
    expect([img.width, img.height]).toEqual([6 * 130, 130]);
    FACE_IDS.forEach((face, i) => {
      expect(dist(img.at(i * 130 + 65, 65), FACE_COLOURS[face]), face).toBeLessThan(16);
    });
  });

  it('orients every face, u and d included: each pixel shows the direction facePoint gives it', async () => {
    const out = join(work, 'field');
    await tileEquirect(field, out, { quality: 95 });
    const S = 648;
    let worst = 0;
    for (const face of FACE_IDS) {
      for (const [ty, tx] of [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ]) {
        const img = await readImage(join(out, '1', face, `${ty}_${tx}.jpg`));
        for (let y = 0; y < img.height; y += 7) {
          for (let x = 0; x < img.width; x += 7) {
            // Image pixel (x, y) is face pixel (tx·512 + x − 1, ty·512 + y − 1): the border is 1 px.
            const a = (2 * (tx * 512 + x - 1 + 0.5)) / S - 1;
            const b = 1 - (2 * (ty * 512 + y - 1 + 0.5)) / S;
            const p = facePoint(face, a, b);
            const len = Math.hypot(...p);
            const want = p.map((v) => 128 + (100 * v) / len);
            worst = Math.max(worst, dist(img.at(x, y), want));
          }
        }
      }
    }
    expect(worst).toBeLessThan(10);

    // The preview's borders continue onto the neighbouring face too: f r b l wrap around,
    // so each face's right border column is the next face's first content column.
    const preview = await readImage(join(out, 'preview.jpg'));
    for (let i = 0; i < 4; i++) {
      const next = (i + 1) % 4;
      for (let y = 1; y < 129; y += 4) {
        expect(dist(preview.at(i * 130 + 129, y), preview.at(next * 130 + 1, y)), `${FACE_IDS[i]} → ${FACE_IDS[next]}`).toBeLessThan(5);
      }
    }
  });

  it('has no seams: a border pixel equals the neighbouring tile’s or face’s edge pixel', async () => {
    const out = join(work, 'waves');
    await tileEquirect(waves, out, { quality: 95 });
    const tile = (face: FaceId, ty: number, tx: number) => readImage(join(out, '1', face, `${ty}_${tx}.jpg`));
    const column = (img: Img, x: number) => Array.from({ length: img.height - 2 }, (_, i) => img.at(x, i + 1)[0]);
    const row = (img: Img, y: number) => Array.from({ length: img.width - 2 }, (_, i) => img.at(i + 1, y)[0]);
    const gap = (a: number[], b: number[]) => mean(a.map((v, i) => Math.abs(v - b[i])));

    // Tile seam inside f: tile (0,0)'s right border is face column 512, tile (0,1)'s first column.
    const f00 = await tile('f', 0, 0);
    const f01 = await tile('f', 0, 1);
    expect(gap(column(f00, 513), column(f01, 1))).toBeLessThan(2);
    // …and it really is the next column, not a copy of the edge (the ripples move ~10 levels a pixel; measured 0.6 vs 8.6).
    expect(gap(column(f00, 513), column(f00, 512))).toBeGreaterThan(4);

    // Face seam f → r: f's right border is just past a = 1, r's first column just past a = −1.
    const r00 = await tile('r', 0, 0);
    expect(gap(column(f01, f01.width - 1), column(r00, 1))).toBeLessThan(2.5);
    expect(gap(column(f01, f01.width - 1), column(f01, f01.width - 2))).toBeGreaterThan(4);

    // Face seam l → f across f's left edge.
    const l01 = await tile('l', 0, 1);
    expect(gap(column(f00, 0), column(l01, l01.width - 2))).toBeLessThan(2.5);

    // Face seam u ↔ f: u's bottom border row continues into f's top row (u's image bottom faces f).
    const u10 = await tile('u', 1, 0);
    expect(gap(row(u10, u10.height - 1), row(f00, 1))).toBeLessThan(2.5);
    // Face seam d ↔ f: d's top border row continues into f's bottom row.
    const d00 = await tile('d', 0, 0);
    const f10 = await tile('f', 1, 0);
    expect(gap(row(d00, 0), row(f10, f10.height - 2))).toBeLessThan(2.5);

    // The border really is the sphere beyond the edge: compare with the pattern itself.
    const S = 648;
    const beyond = column(f01, f01.width - 1).map((v, i) => {
      const p = facePoint('f', (2 * (S + 0.5)) / S - 1, 1 - (2 * (i + 0.5)) / S);
      const len = Math.hypot(...p);
      return Math.abs(v - wave(p.map((c) => c / len)));
    });
    expect(mean(beyond)).toBeLessThan(2.5);
  });

  it('keeps the poles clean: u and d centres are the top and bottom rows, rings are even', async () => {
    const out = join(work, 'latitude');
    await tileEquirect(latitude, out, { quality: 95 });
    for (const [face, want] of [
      ['u', TOP_ROW],
      ['d', BOTTOM_ROW],
    ] as const) {
      // Level 0 is one 328 px tile per face: face pixel 163.5 (the pole) is image 164.5.
      const img = await readImage(join(out, '0', face, '0_0.jpg'));
      expect(dist(img.at(164, 164), want), face).toBeLessThan(6);
      expect(dist(img.at(165, 165), want), face).toBeLessThan(6);
      // Colour depends on latitude only, so on the cap it depends on the distance from the
      // centre only: points on a ring agree, with no seam along any meridian.
      for (const r of [3, 20, 80, 150]) {
        const ring = [img.at(164 + r, 164), img.at(164 - r, 164), img.at(164, 164 + r), img.at(164, 164 - r)];
        for (const c of ring) expect(dist(c, ring[0]), `${face} r=${r}`).toBeLessThan(5);
      }
      // No pinch or seam anywhere: neighbouring pixels never jump.
      let jump = 0;
      for (let y = 1; y < img.height - 1; y++) {
        for (let x = 1; x < img.width - 1; x++) jump = Math.max(jump, dist(img.at(x, y), img.at(x + 1, y)), dist(img.at(x, y), img.at(x, y + 1)));
      }
      expect(jump, face).toBeLessThan(8);
    }
  });

  it('writes WebP tiles when asked, and names a Buffer input by opts.name', async () => {
    const out = join(work, 'webp');
    const result = await tileEquirect(faces, out, { format: 'webp', tileSize: 256 });
    expect(result.tileFormat).toBe('webp');
    expect(result.levels).toEqual([
      { size: 168, tileSize: 256 },
      { size: 328, tileSize: 256 },
      { size: 648, tileSize: 256 },
    ]);
    expect(result.tileCount).toBe(6 * (1 + 4 + 9));
    expect((await sharp(join(out, '2', 'r', '2_2.webp')).metadata()).width).toBe(648 - 512 + 2);
    expect((await sharp(join(out, 'preview.webp')).metadata()).format).toBe('webp');
    await expect(tileEquirect(Buffer.from('nope'), join(work, 'named'), { name: 'hall.jpg' })).rejects.toThrow(
      'Vantage: "hall.jpg" is not an image',
    );
  });

  it('writes AVIF tiles with JPEG copies of every file when asked; both show the same picture', async () => {
    const out = join(work, 'avif');
    const result = await tileEquirect(field, out, { format: 'avif', fallback: 'jpg' });
    expect(result).toMatchObject({ tileFormat: 'avif', fallbackFormat: 'jpg' });
    expect((await readdir(out)).sort()).toEqual(['0', '1', 'preview.avif', 'preview.jpg']);
    for (const level of ['0', '1'])
      for (const face of FACE_IDS) {
        const files = (await readdir(join(out, level, face))).sort();
        expect(files.filter((f) => f.endsWith('.avif')).map((f) => f.replace('.avif', '.jpg'))).toEqual(files.filter((f) => f.endsWith('.jpg')));
      }
    expect((await sharp(join(out, '1', 'f', '0_0.avif')).metadata()).format).toBe('heif');
    // The same pixels within coding noise, and the AVIF is the smaller file.
    const a = await readImage(join(out, '1', 'f', '0_0.avif'));
    const j = await readImage(join(out, '1', 'f', '0_0.jpg'));
    expect([a.width, a.height]).toEqual([j.width, j.height]);
    let se = 0;
    for (let i = 0; i < a.data.length; i++) se += (a.data[i] - j.data[i]) ** 2;
    expect(10 * Math.log10((255 * 255) / (se / a.data.length))).toBeGreaterThan(38);
    expect((await stat(join(out, '1', 'f', '0_0.avif'))).size).toBeLessThan((await stat(join(out, '1', 'f', '0_0.jpg'))).size);
  });

  it('replaces an existing output directory as a whole', async () => {
    const out = join(work, 'replace');
    await mkdir(join(out, '7', 'f'), { recursive: true });
    await writeFile(join(out, 'stale.txt'), 'old');
    await tileEquirect(faces, out, { tileSize: 1024 });
    expect((await readdir(out)).sort()).toEqual(['0', 'preview.jpg']);
    expect((await stat(out)).mode & 0o755).toBe(0o755); // readable by a static file server, unlike mkdtemp's 0700
    expect((await readdir(work)).filter((n) => n.includes('.tmp-') || n.includes('.old-'))).toEqual([]);
  });
});

describe('tileEquirect rejects bad input with one clear sentence and writes nothing', () => {
  let inputs: string;
  beforeAll(async () => {
    inputs = join(work, 'inputs');
    await mkdir(inputs, { recursive: true });
  });

  async function expectRejected(input: string, message: string | RegExp, code: IngestError['code']) {
    const parent = join(work, `out-${code}`);
    await mkdir(parent, { recursive: true });
    const out = join(parent, 'tiles');
    const err = await tileEquirect(input, out).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe(code);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message.split(/[.!?](\s|$)/).filter((s) => s?.trim()).length).toBe(1); // one sentence
    expect(await readdir(parent)).toEqual([]); // no outDir, no temp dir
  }

  it('a photo that is not 2:1', async () => {
    const file = join(inputs, 'kitchen.jpg');
    await sharp({ create: { width: 300, height: 200, channels: 3, background: '#888' } }).jpeg().toFile(file);
    await expectRejected(
      file,
      'Vantage: "kitchen.jpg" is 300×200, not a 2:1 equirectangular panorama — export it from your 360° camera app as equirectangular.',
      'not-equirect',
    );
  });

  it('accepts 2:1 within 1 % and rejects just outside it', async () => {
    const near = join(inputs, 'near.jpg');
    const off = join(inputs, 'off.jpg');
    await sharp({ create: { width: 1010, height: 500, channels: 3, background: '#888' } }).jpeg().toFile(near);
    await sharp({ create: { width: 1030, height: 500, channels: 3, background: '#888' } }).jpeg().toFile(off);
    const result = await tileEquirect(near, join(work, 'near'));
    expect(result.sourceWidth).toBe(1010);
    await expectRejected(off, /"off\.jpg" is 1030×500, not a 2:1/, 'not-equirect');
  });

  it('a thumbnail far too small to be a panorama', async () => {
    const file = join(inputs, 'thumb.png');
    await sharp({ create: { width: 40, height: 20, channels: 3, background: '#888' } }).png().toFile(file);
    await expectRejected(file, /^Vantage: "thumb\.png" is only 40×20, too small for a 360° panorama/, 'not-equirect');
  });

  it('an HTML page saved with a .jpg name', async () => {
    const file = join(inputs, 'tour.jpg');
    await writeFile(file, '<!doctype html><html><head><title>Tour</title></head><body>Not found</body></html>');
    await expectRejected(
      file,
      'Vantage: "tour.jpg" is not an image — upload the panorama as a JPEG, PNG or WebP file.',
      'not-image',
    );
  });

  it('a truncated JPEG', async () => {
    const file = join(inputs, 'cut.jpg');
    const jpeg = await sharp({ create: { width: 1024, height: 512, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .jpeg()
      .toBuffer();
    await writeFile(file, jpeg.subarray(0, jpeg.length >> 1));
    await expectRejected(
      file,
      'Vantage: "cut.jpg" is corrupt or truncated — copy the original file from your camera again and re-upload it.',
      'corrupt',
    );
  });

  it('a file that does not exist', async () => {
    await expectRejected(join(inputs, 'gone.jpg'), /^Vantage: "gone\.jpg" was not found/, 'missing');
  });

  it('leaves a previous output untouched when the new input is bad', async () => {
    const out = join(work, 'keep');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'preview.jpg'), 'previous');
    await expect(tileEquirect(Buffer.from('<html>'), out)).rejects.toThrow(/^Vantage: the uploaded file is not an image/);
    expect(await readdir(out)).toEqual(['preview.jpg']);
  });
});

describe('tileEquirect on a real panorama', () => {
  it('tiles jfk-terminal.jpg (4096×2048) into levels 328, 656, 1304 without seams', async () => {
    if (!existsSync(JFK)) {
      throw new Error(`the real test panorama is missing: expected ${JFK} (tests/fixtures, committed with the repo)`);
    }
    const out = join(work, 'jfk');
    const result = await tileEquirect(JFK, out);
    expect(result.sourceWidth).toBe(4096);
    expect(result.sourceHeight).toBe(2048);
    expect(result.levels.map((l) => l.size)).toEqual([328, 656, 1304]);
    expect(result.tileCount).toBe(6 * (1 + 4 + 9));
    let files = 0;
    for (const level of ['0', '1', '2']) {
      for (const face of FACE_IDS) files += (await readdir(join(out, level, face))).length;
    }
    expect(files).toBe(result.tileCount);
    expect((await sharp(join(out, '2', 'f', '1_1.jpg')).metadata()).width).toBe(514);
    expect((await sharp(join(out, '2', 'u', '2_2.jpg')).metadata()).width).toBe(1304 - 1024 + 2);
    expect((await sharp(join(out, 'preview.jpg')).metadata()).width).toBe(780);

    // Real content across the f → r seam: the border column matches r's first column far
    // better than it matches an unrelated column.
    const f = await readImage(join(out, '2', 'f', '1_2.jpg'));
    const r = await readImage(join(out, '2', 'r', '1_0.jpg'));
    const seam: number[] = [];
    const unrelated: number[] = [];
    for (let y = 1; y < f.height - 1; y++) {
      seam.push(dist(f.at(f.width - 1, y), r.at(1, y)));
      unrelated.push(dist(f.at(f.width - 1, y), r.at(200, y)));
    }
    expect(mean(seam)).toBeLessThan(6);
    expect(mean(seam)).toBeLessThan(mean(unrelated) / 3);
  });
});
