import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { loadConfig } from '../../../server/config.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';
import { samplePlace } from '../db/samplePlace.ts';

let deps: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
let liWei: string;
let liWeiId: string;
let portrait: Buffer;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const put = (token: string, body: unknown) => ({ method: 'PUT', headers: { ...auth(token), 'content-type': 'application/json' }, body: JSON.stringify(body) });
const image = (token: string, bytes: Buffer) => ({ method: 'PUT', headers: { ...auth(token), 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes) });

beforeAll(async () => {
  deps = await createTestDeps();
  app = createApp({ places: deps.places, hosts: deps.hosts, signer: deps.signer, tilesDir: deps.tilesDir, assetBaseUrl: '', mapTileUrl: 'https://tiles.example.com/{z}/{x}/{y}.png' });
  const host = await deps.hosts.create({ email: 'li@agency.test', name: 'Li Wei', password: 'li-wei-pass-1' });
  liWeiId = host.id;
  liWei = deps.signer.sign(host.id, 3600).token;
  // A camera JPEG with EXIF (GPS-like metadata the upload must not keep).
  portrait = await sharp({ create: { width: 800, height: 1000, channels: 3, background: { r: 200, g: 150, b: 120 } } })
    .jpeg()
    .withMetadata({ exif: { IFD0: { Copyright: 'secret-camera-owner' } } })
    .toBuffer();
  await deps.places.put(samplePlace('li-flat', { hostId: host.id, published: true, lat: 30.2455, lng: 120.2146, facts: { bedrooms: 2, livingRooms: 1, bathrooms: 1, floor: 12, totalFloors: 18, orientation: ['s', 'n'], yearBuilt: 2008 } }));
  await deps.places.put(samplePlace('nowhere-flat', { hostId: host.id, published: true, lat: 0, lng: 0 }));
});
afterAll(() => deps.cleanup());

describe('agent profile', () => {
  it('validates the phone and the WeChat ID, naming the field', async () => {
    for (const [body, field] of [
      [{ phone: 'call me maybe' }, 'phone'],
      [{ phone: '12' }, 'phone'],
      [{ phone: '+86 138 0013 8000 0000 00' }, 'phone'],
      [{ wechatId: '1abcdef' }, 'wechatId'],
      [{ wechatId: 'ab' }, 'wechatId'],
      [{ agency: 'Bad\u0000agency' }, 'agency'],
      [{ name: '' }, 'name'],
    ] as const) {
      const res = await app.request('/api/host/profile', put(liWei, body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_body', field });
    }
    expect((await app.request('/api/host/profile', put('v1.nope', { phone: '123456' }))).status).toBe(401);
  });

  it('saves the profile; an empty string clears a field', async () => {
    const res = await app.request('/api/host/profile', put(liWei, { name: 'Li Wei', phone: '+86 138-0013-8000', wechatId: 'liwei_homes', agency: 'Riverside Homes' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name: 'Li Wei', phone: '+86 138-0013-8000', wechatId: 'liwei_homes', agency: 'Riverside Homes' });
    const cleared = await (await app.request('/api/host/profile', put(liWei, { agency: '' }))).json();
    expect(cleared).toEqual({ name: 'Li Wei', phone: '+86 138-0013-8000', wechatId: 'liwei_homes' });
    await app.request('/api/host/profile', put(liWei, { agency: 'Riverside Homes' }));
  });

  it('re-encodes the photo without its metadata, serves it, and refuses what is not an image', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const refused = await app.request('/api/host/profile/photo', image(liWei, svg));
    expect(refused.status).toBe(415);
    expect((await refused.json()).message).toBe('The photo must be a JPEG, PNG or WebP image.');
    const res = await app.request('/api/host/profile/photo', image(liWei, portrait));
    expect(res.status).toBe(200);
    const profile = (await res.json()) as { photoUrl: string };
    expect(profile.photoUrl).toMatch(new RegExp(`^/agents/${liWeiId}/photo-[0-9a-f]{12}\\.webp$`));
    const file = await app.request(profile.photoUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/webp');
    const bytes = Buffer.from(await file.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([480, 480, undefined]);
    expect(bytes.includes('secret-camera-owner')).toBe(false);
    // A second upload replaces the first, whose file goes.
    const again = (await (await app.request('/api/host/profile/photo', image(liWei, portrait))).json()) as { photoUrl: string };
    expect(again.photoUrl).not.toBe(profile.photoUrl);
    expect(await readdir(path.join(path.dirname(deps.tilesDir), 'agents', liWeiId))).toEqual([path.basename(again.photoUrl)]);
    // Nothing outside the names the upload writes is served.
    expect((await app.request(`/agents/${liWeiId}/..%2F..%2Fdb`)).status).toBe(404);
    expect((await app.request(`/agents/../tiles/x.jpg`)).status).toBe(404);
  });

  it('the public listing carries the public profile, never the email or the host id', async () => {
    const res = await app.request('/api/places/li-flat');
    const place = await res.json();
    expect(place.agent).toMatchObject({ name: 'Li Wei', phone: '+86 138-0013-8000', wechatId: 'liwei_homes', agency: 'Riverside Homes' });
    expect(place.agent.photoUrl).toMatch(/^\/agents\//);
    expect(JSON.stringify(place)).not.toContain('li@agency.test');
    expect(place).not.toHaveProperty('hostId');
  });
});

describe('listing facts and the map', () => {
  it('sends the facts and the map tiles only for a place with coordinates', async () => {
    const place = await (await app.request('/api/places/li-flat')).json();
    expect(place.facts).toEqual({ bedrooms: 2, livingRooms: 1, bathrooms: 1, floor: 12, totalFloors: 18, orientation: ['s', 'n'], yearBuilt: 2008 });
    expect(place.mapTileUrl).toBe('https://tiles.example.com/{z}/{x}/{y}.png');
    const nowhere = await (await app.request('/api/places/nowhere-flat')).json();
    expect(nowhere.mapTileUrl).toBeUndefined();
    expect(nowhere.facts).toBeUndefined();
    const list = (await (await app.request('/api/places')).json()) as { id: string; facts?: unknown; areaM2: number | null }[];
    expect(list.find((p) => p.id === 'li-flat')?.facts).toMatchObject({ bedrooms: 2 });
  });

  it('lets the tile server in through the CSP img-src, and only there', async () => {
    const withClient = createApp({ places: deps.places, hosts: deps.hosts, signer: deps.signer, tilesDir: deps.tilesDir, assetBaseUrl: '', mapTileUrl: 'https://tiles.example.com/{z}/{x}/{y}.png' });
    const csp = (await withClient.request('/api/health')).headers.get('content-security-policy');
    expect(csp).toBe("default-src 'none'; frame-ancestors 'none'");
    await mkdir(path.join(deps.dir, 'client'), { recursive: true });
    await writeFile(path.join(deps.dir, 'client', 'index.html'), '<!doctype html><title>Vantage</title>');
    const html = createApp({ places: deps.places, hosts: deps.hosts, signer: deps.signer, tilesDir: deps.tilesDir, assetBaseUrl: '', mapTileUrl: 'https://tiles.example.com/{z}/{x}/{y}.png', clientDir: path.join(deps.dir, 'client') });
    const page = (await html.request('/')).headers.get('content-security-policy') ?? '';
    expect(page).toMatch(/img-src 'self' data: blob: https:\/\/tiles\.example\.com;/);
    expect(page).toMatch(/connect-src (?!.*tiles\.example\.com)/);
  });

  it('validates facts from the host console', async () => {
    const created = await app.request('/api/host/places', { method: 'POST', headers: { ...auth(liWei), 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'home', title: 'Facts flat', facts: { bedrooms: 3, floor: 20, totalFloors: 18 } }) });
    expect(created.status).toBe(400);
    expect(await created.json()).toMatchObject({ error: 'invalid_body', field: 'facts.floor' });
    const twice = await app.request('/api/host/places', { method: 'POST', headers: { ...auth(liWei), 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'home', title: 'Facts flat', facts: { orientation: ['s', 's'] } }) });
    expect(twice.status).toBe(400);
    const ok = await app.request('/api/host/places', { method: 'POST', headers: { ...auth(liWei), 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'home', title: 'Facts flat', facts: { bedrooms: 3, orientation: ['se'], yearBuilt: 2015 } }) });
    expect(ok.status).toBe(201);
    const body = await ok.json();
    expect(body.facts).toEqual({ bedrooms: 3, orientation: ['se'], yearBuilt: 2015 });
    // Stored and read back from the database.
    expect((await deps.places.get(body.id))?.facts).toEqual({ bedrooms: 3, orientation: ['se'], yearBuilt: 2015 });
  });

  it('MAP_TILE_URL must be an http(s) template with {z} {x} {y}', () => {
    expect(loadConfig({ MAP_TILE_URL: 'https://tile.example.com/{z}/{x}/{y}.png' }, '/srv').mapTileUrl).toBe('https://tile.example.com/{z}/{x}/{y}.png');
    expect(loadConfig({}, '/srv').mapTileUrl).toBeUndefined();
    for (const bad of ['https://tile.example.com/tile.png', 'https://{s}.tile.example.com/{z}/{x}/{y}.png', 'javascript:{z}{x}{y}'])
      expect(() => loadConfig({ MAP_TILE_URL: bad }, '/srv')).toThrow(/MAP_TILE_URL is invalid \(use an http\(s\) URL/);
  });
});
