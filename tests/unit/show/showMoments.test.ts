import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import type { PlaceRecord } from '../../../server/places/placeRecord.ts';
import { showMomentsSchema, type ShowMoment } from '../../../server/protocol/index.ts';
import { createBookingStore } from '../../../server/bookings/createBookingStore.ts';
import { createSlotStore } from '../../../server/bookings/createSlotStore.ts';
import { createBacking, startSessionServer, type Backing, type SessionServer } from '../sessions/helpers/sessionServer.ts';
import { WsClient, hostKeyOf, joinAs, startSession } from '../sessions/helpers/wsClient.ts';

/**
 * A show's watch parties leave their chat and reactions for the replay: kept at the stream
 * time they were sent (in the database, past the snapshot's latest few), every party's
 * reactions for everyone, a party's chat for that party alone.
 */
const LOOP = { kind: 'loop' as const, segmentSeconds: 2, segments: 10 };
const T = 1_765_000_000_000;

let backing: Backing & { db: NonNullable<Backing['db']> };
let server: SessionServer;
let app: ReturnType<typeof createApp>;
const clients: WsClient[] = [];
const track = (c: WsClient) => (clients.push(c), c);

beforeAll(async () => {
  backing = await createBacking();
  const flat = (await backing.places.get('flat'))!;
  const show: PlaceRecord = {
    ...flat,
    id: 'gig',
    kind: 'show',
    scenes: [],
    floorPlan: undefined,
    coverScene: undefined,
    startScene: '',
    show: { status: 'live', startsAt: null, endsAt: null, slowLive: false, angles: [{ id: 'stage', label: 'Stage', projection: 'flat', offsetMs: 0, source: LOOP }] },
  } as PlaceRecord;
  await backing.places.put(show);
  await backing.places.put({ ...show, id: 'draft-gig', published: false });
  server = await startSessionServer(backing);
  app = createApp({ ...backing, assetBaseUrl: '', bookings: createBookingStore(backing.db), slots: createSlotStore(backing.db) });
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server?.close();
  await backing?.cleanup();
});

async function party(placeId: string) {
  const s = await startSession(server.url, backing.hostToken, placeId);
  const host = track(await WsClient.connect(server.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
  return { s, host, code: s.code };
}

async function moments(query = '', placeId = 'gig'): Promise<ShowMoment[]> {
  const res = await app.request(`/api/places/${placeId}/moments${query}`);
  expect(res.status).toBe(200);
  return showMomentsSchema.parse(await res.json()).moments;
}

describe('show moments for the replay', () => {
  it('keeps every party’s stamped chat and reactions past the snapshot’s history; a party reads its own chat, everyone the reactions', async () => {
    const a = await party('gig');
    const mei = track(await joinAs(server.url, server.wsUrl, a.s.id, 'Mei'));
    const b = await party('gig');
    const home = await party('flat');

    mei.send({ type: 'chat', text: 'What a jump!', streamTime: T + 3000 });
    mei.send({ type: 'react', reaction: 'fire', streamTime: T + 3100 });
    a.host.send({ type: 'chat', text: 'Watch the left wing', streamTime: T + 1000 });
    b.host.send({ type: 'chat', text: 'Party B only', streamTime: T + 2000 });
    b.host.send({ type: 'react', reaction: 'clap', streamTime: T + 500 });
    // Not a show: a stamp sent anyway is not a replay moment.
    home.host.send({ type: 'chat', text: 'In the kitchen', streamTime: T + 4000 });
    await mei.next('delta', (d) => d.changes.some((c) => c.type === 'reaction'));
    await b.host.next('delta', (d) => d.changes.some((c) => c.type === 'reaction'));
    await home.host.next('delta', (d) => d.changes.some((c) => c.type === 'chat'));

    let all: ShowMoment[] = [];
    for (let i = 0; i < 50 && all.length < 4; i++) {
      all = await moments(`?party=${a.code}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(all).toEqual([
      { kind: 'reaction', t: T + 500, reaction: 'clap' },
      { kind: 'chat', t: T + 1000, name: expect.any(String), text: 'Watch the left wing' },
      { kind: 'chat', t: T + 3000, name: 'Mei', text: 'What a jump!' },
      { kind: 'reaction', t: T + 3100, reaction: 'fire' },
    ]);
    // No code: reactions only (nobody's words). Party B's code: its own chat. A code typed with a dash and lower case works.
    expect((await moments()).map((m) => m.kind)).toEqual(['reaction', 'reaction']);
    const dashed = `${b.code.slice(0, 5)}-${b.code.slice(5)}`.toLowerCase();
    expect((await moments(`?party=${dashed}`)).filter((m) => m.kind === 'chat').map((m) => m.kind === 'chat' && m.text)).toEqual(['Party B only']);
  }, 30_000);

  it('refuses a malformed party code in one sentence; an unpublished show, a home or no place is not found', async () => {
    const bad = await app.request('/api/places/gig/moments?party=%3Cscript%3E');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_query', field: 'party', message: expect.stringMatching(/^party: that is not a session code/) });
    for (const id of ['draft-gig', 'flat', 'nowhere']) {
      const res = await app.request(`/api/places/${id}/moments`);
      expect(res.status, id).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'place_not_found' });
    }
  });
});
