import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../../../server/ingest/IngestError.ts';
import { ingestModel } from '../../../../server/ingest/model/ingestModel.ts';
import { validateModel } from '../../../../server/ingest/model/validateModel.ts';
import { JET, PIRATE, jsonBytes, packGlb, readFixture, triangleGltf, unpackGlb } from './modelFixtures.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'vantage-model-refuse-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/**
 * Runs the whole ingest on a hostile file and checks what the uploader would see: an
 * IngestError of the expected kind whose message is one line, one sentence, names the file and
 * carries no stack — and that nothing was written.
 */
async function expectRefused(bytes: Uint8Array, fileName: string, code: IngestError['code'], mentions: RegExp, shown = fileName): Promise<string> {
  const outDir = join(root, fileName.replace(/[^a-z0-9]/gi, '_'));
  const err = await ingestModel(bytes, fileName, outDir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IngestError);
  const { message, code: actual } = err as IngestError;
  expect(actual).toBe(code);
  expect(message).not.toMatch(/[\r\n]/);
  expect(message).toContain(`"${shown}"`);
  if (process.env.SHOW_MESSAGES) console.log(message);
  expect(message).not.toMatch(/\bat \S+:\d+|node_modules|Error:/);
  // One sentence: it ends once, and no second sentence starts inside it.
  expect(message).toMatch(/\.$/);
  expect(message.slice(0, -1)).not.toMatch(/[.!?]\s+[A-Z]/);
  expect(message).toMatch(mentions);
  expect(existsSync(outDir)).toBe(false);
  return message;
}

const gltfWith = (edit: (json: Record<string, any>) => void) => {
  const json = triangleGltf();
  edit(json);
  return jsonBytes(json);
};

describe('validateModel', () => {
  it('accepts the two real models (meshopt; Draco + KTX2) and reports what they declare', async () => {
    const pirate = await validateModel(readFixture(PIRATE), 'pirate.glb');
    expect(pirate).toMatchObject({ format: 'glb', vertices: 2887, triangles: 5010, images: [] });
    expect(pirate.extensionsUsed).toContain('EXT_meshopt_compression');
    const jet = await validateModel(readFixture(JET), 'jet.glb');
    expect(jet.images).toEqual([0, 1, 2].map(() => ({ format: 'ktx2', width: 4096, height: 4096 })));
    expect(jet.extensionsUsed).toEqual(expect.arrayContaining(['KHR_draco_mesh_compression', 'KHR_texture_basisu']));
  });

  it('accepts a self-contained .gltf with its buffer in a data: URI', async () => {
    const model = await validateModel(jsonBytes(triangleGltf()), 'triangle.gltf');
    expect(model).toMatchObject({ format: 'gltf', vertices: 3, triangles: 1 });
  });
});

describe('ingestModel refuses hostile input with one sentence and writes nothing', () => {
  it('wrong magic', async () => {
    await expectRefused(new TextEncoder().encode('<html><body>not a model</body></html>'), 'exhibit.glb', 'not-gltf', /not a glTF 2\.0 model/);
  });

  it('a ZIP archive renamed .glb', async () => {
    const zip = zipSync({ 'model.glb': readFixture(PIRATE) });
    await expectRefused(zip, 'archive.glb', 'not-gltf', /ZIP archive/);
  });

  it('a truncated GLB', async () => {
    const pirate = readFixture(PIRATE);
    await expectRefused(pirate.slice(0, Math.floor(pirate.length / 2)), 'half.glb', 'corrupt', /cut short/);
  });

  it('a glTF 1.0 GLB', async () => {
    const glb = packGlb(triangleGltf());
    new DataView(glb.buffer).setUint32(4, 1, true);
    await expectRefused(glb, 'old.glb', 'not-gltf', /glTF 1\.0/);
  });

  for (const uri of ['http://evil.example/x.bin', 'file:///etc/passwd', '../x.bin']) {
    it(`a buffer at ${uri}`, async () => {
      const bytes = gltfWith((json) => {
        json.buffers[0].uri = uri;
      });
      await expectRefused(bytes, 'outside.gltf', 'not-gltf', new RegExp(`${uri.replace(/[./]/g, '\\$&')}.*self-contained`));
    });
  }

  it('an image at an https: URI inside a GLB', async () => {
    const json = triangleGltf();
    json.images = [{ uri: 'https://evil.example/t.png' }];
    json.textures = [{ source: 0 }];
    await expectRefused(packGlb(json), 'remote-texture.glb', 'not-gltf', /a file on the internet/);
  });

  it('an absurd vertex count (a tiny buffer declaring a billion vertices)', async () => {
    const bytes = gltfWith((json) => {
      json.accessors[0].count = 1_000_000_000;
    });
    await expectRefused(bytes, 'billion.gltf', 'too-large', /1,000,000,000 vertices/);
  });

  it('a meshopt stream declaring a gigabyte of output', async () => {
    const { json, bin } = unpackGlb(readFixture(PIRATE));
    json.bufferViews[0].extensions.EXT_meshopt_compression.count = 200_000_000;
    await expectRefused(packGlb(json, bin), 'meshopt-bomb.glb', 'too-large', /unpacks to more than/);
  });

  it('a Draco stream whose header declares 50 million faces', async () => {
    const json = triangleGltf();
    // Header: DRACO 2.2, triangular mesh, edgebreaker, no flags; traversal 0; then varint vertex and face counts.
    const varint = (n: number) => {
      const out: number[] = [];
      do {
        out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
        n = Math.floor(n / 128);
      } while (n > 0);
      return out;
    };
    const draco = Uint8Array.from([...'DRACO'].map((c) => c.charCodeAt(0)).concat([2, 2, 1, 1, 0, 0, 0], varint(3), varint(50_000_000), [0, 0, 0, 0]));
    const bin = new Uint8Array(Math.ceil(draco.length / 4) * 4);
    bin.set(draco);
    json.buffers = [{ byteLength: bin.length }];
    json.bufferViews = [{ buffer: 0, byteOffset: 0, byteLength: draco.length }];
    json.accessors = [
      { componentType: 5126, count: 3, type: 'VEC3', min: [0, 0, 0], max: [1, 1, 0] },
      { componentType: 5123, count: 3, type: 'SCALAR' },
    ];
    json.meshes[0].primitives[0].extensions = { KHR_draco_mesh_compression: { bufferView: 0, attributes: { POSITION: 0 } } };
    json.extensionsUsed = json.extensionsRequired = ['KHR_draco_mesh_compression'];
    await expectRefused(packGlb(json, bin), 'draco-bomb.glb', 'too-large', /triangles in one compressed mesh/);
  });

  it('a PNG texture whose header declares 60000×60000 (a decompression bomb)', async () => {
    const png = new Uint8Array(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer());
    const view = new DataView(png.buffer);
    view.setUint32(16, 60000);
    view.setUint32(20, 60000);
    const json = triangleGltf();
    json.images = [{ uri: `data:image/png;base64,${Buffer.from(png).toString('base64')}` }];
    json.textures = [{ source: 0 }];
    json.materials[0].pbrMetallicRoughness.baseColorTexture = { index: 0 };
    await expectRefused(jsonBytes(json), 'bomb.gltf', 'too-large', /60000×60000/);
  });

  it('a JPEG in the GLB\'s binary chunk whose frame header declares 60000×50000', async () => {
    const jpeg = new Uint8Array(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).jpeg().toBuffer());
    const sof = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xc0);
    new DataView(jpeg.buffer).setUint16(sof + 5, 50000);
    new DataView(jpeg.buffer).setUint16(sof + 7, 60000);
    const json = triangleGltf();
    const geometry = Buffer.from(json.buffers[0].uri.split(',')[1], 'base64');
    const bin = new Uint8Array(Math.ceil((geometry.length + jpeg.length) / 4) * 4);
    bin.set(geometry);
    bin.set(jpeg, geometry.length);
    json.buffers = [{ byteLength: bin.length }];
    json.bufferViews.push({ buffer: 0, byteOffset: geometry.length, byteLength: jpeg.length });
    json.images = [{ bufferView: json.bufferViews.length - 1, mimeType: 'image/jpeg' }];
    json.textures = [{ source: 0 }];
    await expectRefused(packGlb(json, bin), 'jpeg-bomb.glb', 'too-large', /60000×50000 texture/);
  });

  it('more than 64 textures', async () => {
    const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer();
    const json = triangleGltf();
    json.images = [{ uri: `data:image/png;base64,${png.toString('base64')}` }];
    json.textures = Array.from({ length: 65 }, () => ({ source: 0 }));
    await expectRefused(jsonBytes(json), 'many-textures.gltf', 'too-large', /65 textures/);
  });

  it('a .gltf with a huge number of nodes', async () => {
    const bytes = gltfWith((json) => {
      json.nodes = Array.from({ length: 200_000 }, () => ({}));
      json.scenes[0].nodes = [0];
    });
    await expectRefused(bytes, 'nodes.gltf', 'too-large', /200,000 nodes/);
  });

  it('nodes nested thousands deep', async () => {
    const bytes = gltfWith((json) => {
      json.nodes = Array.from({ length: 5000 }, (_, i) => (i < 4999 ? { children: [i + 1] } : { mesh: 0 }));
    });
    await expectRefused(bytes, 'deep.gltf', 'too-large', /more than 256 levels deep/);
  });

  it('JSON nested 200,000 deep in extras (it overflowed the validator\'s stack and left its promise hanging)', async () => {
    const text = JSON.stringify(triangleGltf()).replace('"generator":"vantage test"', `"extras":${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    await expectRefused(new TextEncoder().encode(text), 'nested.gltf', 'too-large', /more than 64 levels deep/);
  });

  it('a model the Khronos validator finds errors in', async () => {
    const bytes = gltfWith((json) => {
      json.accessors[1].bufferView = 7;
    });
    await expectRefused(bytes, 'broken.gltf', 'corrupt', /Khronos validator found/);
  });

  it('a PNG texture whose header is sound but whose pixels are garbage (caught when decoding, still nothing written)', async () => {
    const png = new Uint8Array(await sharp({ create: { width: 64, height: 64, channels: 3, background: '#a33' } }).png().toBuffer());
    // Chunks stay well-formed (the validator walks them); only the compressed pixels inside IDAT are scrambled.
    const view = new DataView(png.buffer);
    for (let at = 8; at + 8 <= png.length; at += 12 + view.getUint32(at)) {
      if (String.fromCharCode(...png.subarray(at + 4, at + 8)) !== 'IDAT') continue;
      for (let i = at + 8; i < at + 8 + view.getUint32(at); i++) png[i] = (png[i] * 31 + 7) & 0xff;
    }
    const json = triangleGltf({ uvs: true });
    json.images = [{ uri: `data:image/png;base64,${Buffer.from(png).toString('base64')}` }];
    json.textures = [{ source: 0 }];
    json.materials[0].pbrMetallicRoughness.baseColorTexture = { index: 0 };
    await expectRefused(jsonBytes(json), 'garbled.gltf', 'corrupt', /texture that cannot be decoded/);
  });

  it('a model with nothing to draw', async () => {
    const bytes = gltfWith((json) => {
      json.nodes = [{ name: 'empty' }];
      delete json.meshes;
      delete json.materials;
      delete json.accessors;
      delete json.bufferViews;
      delete json.buffers;
    });
    await expectRefused(bytes, 'empty.gltf', 'corrupt', /no geometry to show/);
  });

  it('a file name with control characters and a path is quoted clean', async () => {
    await expectRefused(new Uint8Array([1, 2, 3]), 'C:\\uploads\\evil\u0007name.glb', 'not-gltf', /not a glTF/, 'evilname.glb');
  });
});
