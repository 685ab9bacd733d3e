import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';
import { samplePlace } from '../db/samplePlace.ts';
import { addressText, infoText, placeText, textIn } from '../../../client/i18n/placeText.ts';

let deps: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
let token: string;

const send = (method: string, body: unknown) => ({ method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  deps = await createTestDeps();
  app = createApp({ places: deps.places, hosts: deps.hosts, signer: deps.signer, tilesDir: deps.tilesDir, assetBaseUrl: '' });
  const host = await deps.hosts.create({ email: 'zh@agency.test', name: 'Wang Fang', password: 'wang-fang-pass-1' });
  token = deps.signer.sign(host.id, 3600).token;
  await deps.places.put(samplePlace('zh-flat', { hostId: host.id, published: true }));
});
afterAll(() => deps.cleanup());

describe("a place's texts in Chinese", () => {
  it('are saved with the listing and returned by the public API; an empty one is left out', async () => {
    const patch = { titleZh: '滨江两居室', cityZh: '杭州', addressZh: '上城区钱江路1号', descriptionZh: '明亮的两居室。\n第二段。' };
    expect((await app.request('/api/host/places/zh-flat', send('PATCH', patch))).status).toBe(200);
    const place = await (await app.request('/api/places/zh-flat')).json();
    expect(place).toMatchObject({ title: 'Flat zh-flat', ...patch });
    const card = ((await (await app.request('/api/places')).json()) as { id: string }[]).find((p) => p.id === 'zh-flat');
    expect(card).toMatchObject({ titleZh: '滨江两居室', cityZh: '杭州', addressZh: '上城区钱江路1号' });
    // The host clears the Chinese title: readers of the Chinese interface get the English one.
    expect((await app.request('/api/host/places/zh-flat', send('PATCH', { titleZh: '' }))).status).toBe(200);
    const after = await (await app.request('/api/places/zh-flat')).json();
    expect(after).not.toHaveProperty('titleZh');
    expect(after).toMatchObject({ descriptionZh: '明亮的两居室。\n第二段。' });
  });

  it('pass the text rule, the field named', async () => {
    for (const [body, field] of [
      [{ titleZh: '标题\n换行' }, 'titleZh'],
      [{ addressZh: 'a\u0000b' }, 'addressZh'],
      [{ descriptionZh: '坏\ud800' }, 'descriptionZh'],
      [{ cityZh: '长'.repeat(81) }, 'cityZh'],
    ] as const) {
      const res = await app.request('/api/host/places/zh-flat', send('PATCH', body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_body', field });
    }
    const created = await app.request('/api/host/places', send('POST', { kind: 'home', title: 'New flat', titleZh: '新房', descriptionZh: '好' }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ title: 'New flat', titleZh: '新房', descriptionZh: '好' });
  });

  it("an info point's Chinese title and text are saved and checked like the English", async () => {
    const info = { id: 'win', kind: 'info', yaw: 10, pitch: 0, title: 'South-facing window', text: 'Sun all day.', titleZh: '朝南窗户', textZh: '全天有阳光。' };
    const bad = await app.request('/api/host/places/zh-flat/scenes/living', send('PATCH', { hotspots: [{ ...info, titleZh: 'x\u202ey' }] }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'hotspots.0.titleZh' });
    expect((await app.request('/api/host/places/zh-flat/scenes/living', send('PATCH', { hotspots: [info] }))).status).toBe(200);
    const place = (await (await app.request('/api/places/zh-flat')).json()) as { tour: { scenes: { id: string; hotspots: unknown[] }[] } };
    expect(place.tour.scenes.find((s) => s.id === 'living')?.hotspots).toEqual([info]);
  });
});

describe('placeText', () => {
  const flat = { title: 'Sunny flat', titleZh: '阳光公寓', city: 'Hangzhou', address: 'Unit 1502, Hangzhou', addressZh: '杭州市1502室', description: 'Bright.', descriptionZh: '  ' };
  it("gives the reader's language, and marks the other language when it falls back", () => {
    expect(placeText('zh-CN', flat, 'title')).toEqual({ text: '阳光公寓' });
    expect(placeText('en', flat, 'title')).toEqual({ text: 'Sunny flat' });
    // A blank Chinese text counts as none.
    expect(placeText('zh-CN', flat, 'description')).toEqual({ text: 'Bright.', lang: 'en' });
    expect(textIn('en', '', '只有中文')).toEqual({ text: '只有中文', lang: 'zh-CN' });
    expect(textIn('zh-CN', '', '')).toEqual({ text: '' });
    expect(infoText('zh-CN', { title: 'Window', text: 'Sun.', textZh: '阳光。' }, 'title')).toEqual({ text: 'Window', lang: 'en' });
  });
  it('says the address once, in one language', () => {
    // A Chinese address names its city; the English city is not added to it.
    expect(addressText('zh-CN', flat)).toEqual({ text: '杭州市1502室' });
    expect(addressText('en', flat)).toEqual({ text: 'Unit 1502, Hangzhou' });
    expect(addressText('zh-CN', { ...flat, addressZh: undefined })).toEqual({ text: 'Unit 1502, Hangzhou', lang: 'en' });
    expect(addressText('zh-CN', { ...flat, address: 'Rua da Rosa 12', addressZh: undefined, city: 'Lisbon', cityZh: '里斯本' })).toEqual({ text: 'Rua da Rosa 12', lang: 'en' });
  });
});
