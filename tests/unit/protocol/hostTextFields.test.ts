import { expect, it } from 'vitest';
import { placeCreateSchema, placePatchSchema, scenePatchSchema } from '@protocol';

// Every free-text field a host types goes through the one text rule (protocol/text.ts): text
// Postgres cannot store is refused with the field named, before anything is written.
const place = { kind: 'home', title: 'Flat', city: 'Hangzhou', address: '1 River Rd', description: 'Bright.\nQuiet.' };
const info = { id: 'hs-1', kind: 'info', yaw: 10, pitch: 0, title: 'Window', text: 'South light' };

const cases: [string, { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, Record<string, unknown>, string][] = [
  ['title', placeCreateSchema, { ...place, title: 'Flat\ud800' }, 'title'],
  ['city', placeCreateSchema, { ...place, city: 'Hang\u0000zhou' }, 'city'],
  ['address', placePatchSchema, { address: '1 River\udc00 Rd' }, 'address'],
  ['description', placePatchSchema, { description: 'Bright\u0000' }, 'description'],
  ['room name', scenePatchSchema, { name: 'Kitchen\ud83d' }, 'name'],
  ['room name (Chinese)', scenePatchSchema, { nameZh: '厨房\u0007' }, 'nameZh'],
  ['hotspot title', scenePatchSchema, { hotspots: [{ ...info, title: 'Win\udc00dow' }] }, 'hotspots.0.title'],
  ['hotspot text', scenePatchSchema, { hotspots: [{ ...info, text: 'South\u0000light' }] }, 'hotspots.0.text'],
  ['title (Chinese)', placeCreateSchema, { ...place, titleZh: '滨江\ud800' }, 'titleZh'],
  ['city (Chinese)', placePatchSchema, { cityZh: '杭\u0000州' }, 'cityZh'],
  ['address (Chinese)', placePatchSchema, { addressZh: '钱江路\n1号' }, 'addressZh'],
  ['description (Chinese)', placePatchSchema, { descriptionZh: '明亮\u202e' }, 'descriptionZh'],
  ['hotspot title (Chinese)', scenePatchSchema, { hotspots: [{ ...info, titleZh: '窗\udc00' }] }, 'hotspots.0.titleZh'],
  ['hotspot text (Chinese)', scenePatchSchema, { hotspots: [{ ...info, textZh: '南\u0000光' }] }, 'hotspots.0.textZh'],
  ['hotspot id', scenePatchSchema, { hotspots: [{ ...info, id: 'hs\u0000' }] }, 'hotspots.0.id'],
  ['start room', placePatchSchema, { startScene: 'living\u0000' }, 'startScene'],
  ['floor-plan room', placePatchSchema, { floorPlan: { width: 10, height: 8, rooms: [{ sceneId: 'li\ud800', polygon: [] }] } }, 'floorPlan.rooms.0.sceneId'],
];

it.each(cases)('a %s that cannot be stored is refused, naming the field', (_what, schema, body, field) => {
  const r = schema.safeParse(body);
  expect(r.success).toBe(false);
  expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual([field]);
});

it('well-formed text passes, stored in its normal form', () => {
  expect(placeCreateSchema.parse({ ...place, title: '  Cafe\u0301 flat ', description: 'one\r\ntwo' })).toMatchObject({ title: 'Café flat', description: 'one\ntwo' });
  expect(scenePatchSchema.parse({ name: '厨房', hotspots: [info] })).toEqual({ name: '厨房', hotspots: [info] });
});
