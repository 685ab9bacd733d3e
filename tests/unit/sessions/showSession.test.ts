import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_SHOW_ROOM, applySessionDelta, clientFrameSchema, sessionSnapshotSchema, sharedViewOf, type Intent, type SessionSnapshot } from '../../../server/protocol/session.ts';
import type { PlaceRecord } from '../../../server/places/placeRecord.ts';
import type { SessionEvent } from '../../../server/sessions/SessionEvent.ts';
import { SessionRoom, createRoomState, fromStored, toStored } from '../../../server/sessions/SessionRoom.ts';
import { samplePlace } from '../db/samplePlace.ts';
import { REDIS_URL, useRedisPrefix } from './helpers/redis.ts';
import { memoryBacking, startSessionServer, type Backing, type SessionServer } from './helpers/sessionServer.ts';
import { WsClient, hostKeyOf, joinAs, startSession } from './helpers/wsClient.ts';

const T0 = 1_700_000_000_000;
const LOOP = { kind: 'loop' as const, segmentSeconds: 2, segments: 10 };

function showRoom() {
  return new SessionRoom(
    createRoomState({
      id: 's1',
      placeId: 'show',
      hostId: 'host',
      hostName: 'Director',
      sceneIds: [],
      startScene: SESSION_SHOW_ROOM,
      startView: { yaw: 0, pitch: 0, fov: 75 },
      startShow: { angleId: 'stage' },
      angleIds: ['stage', 'left', 'pano'],
      maxViewers: 10,
      at: T0,
    }),
    0,
  );
}

function drive(room: SessionRoom) {
  let seq = room.seq;
  let at = T0;
  const apply = (e: Record<string, unknown>) => room.apply(++seq, { at: (at += 10), origin: 'i1', ...e } as SessionEvent)?.frame ?? null;
  return {
    attach: (pid: string, role: 'host' | 'viewer' = 'viewer') => apply({ type: 'attach', pid, name: pid, role, conn: `i1~${pid}` }),
    intent: (by: string, intent: Intent) => apply({ type: 'intent', by, intent }),
  };
}

describe('the director’s cut (room)', () => {
  it('the host switches the angle with its stream time; every copy follows; a 360° view is kept for the same angle', () => {
    const room = showRoom();
    const d = drive(room);
    d.attach('host', 'host');
    d.attach('anna');
    let anna: SessionSnapshot = room.snapshotFor('anna');
    expect(sharedViewOf(anna)).toEqual({ kind: 'show', sceneId: SESSION_SHOW_ROOM, angleId: 'stage', streamTime: null, at: T0 });

    const cut = d.intent('host', { type: 'goto', show: { angleId: 'pano', streamTime: T0 - 5000, view: { yaw: 370, pitch: 10, fov: 80 } } })!;
    expect(cut.changes).toEqual([{ type: 'show', show: { angleId: 'pano', streamTime: T0 - 5000, at: cut.at, view: { yaw: 10, pitch: 10, fov: 80 } }, by: 'host' }]);
    anna = applySessionDelta(anna, cut, 'anna');
    expect(sharedViewOf(anna)).toEqual(sharedViewOf(room.snapshot()));
    // A seek on the same angle keeps the view; another angle drops it.
    d.intent('host', { type: 'goto', show: { angleId: 'pano', streamTime: T0 - 2000 } });
    expect(room.state.show).toMatchObject({ angleId: 'pano', streamTime: T0 - 2000, view: { yaw: 10 } });
    d.intent('host', { type: 'goto', show: { angleId: 'left', streamTime: T0 - 1000 } });
    expect(room.state.show!.view).toBeUndefined();
    // The stored state (a restart) and a late joiner's snapshot keep it.
    expect(fromStored(JSON.parse(JSON.stringify(toStored(room.state)))).show).toEqual(room.state.show);
  });

  it('refuses: a viewer switching for everyone, an angle the show lacks, a room or an exhibit on a show, and a show angle elsewhere', () => {
    const room = showRoom();
    const d = drive(room);
    d.attach('host', 'host');
    d.attach('anna');
    expect(d.intent('anna', { type: 'goto', show: { angleId: 'left' } })).toBeNull();
    expect(d.intent('host', { type: 'goto', show: { angleId: 'balcony' } })).toBeNull();
    expect(d.intent('host', { type: 'goto', sceneId: 'living' })).toBeNull();
    expect(d.intent('host', { type: 'goto', exhibit: { exhibitId: 'ding' } })).toBeNull();
    expect(room.state.show!.angleId).toBe('stage');
    const home = new SessionRoom(
      createRoomState({ id: 's2', placeId: 'flat', hostId: 'host', hostName: 'H', sceneIds: ['living'], startScene: 'living', startView: { yaw: 0, pitch: 0, fov: 75 }, maxViewers: 10, at: T0 }),
      0,
    );
    const h = drive(home);
    h.attach('host', 'host');
    expect(h.intent('host', { type: 'goto', show: { angleId: 'stage' } })).toBeNull();
    // The wire refuses a goto that names a show and a room at once.
    expect(clientFrameSchema.safeParse({ type: 'goto', sceneId: 'living', show: { angleId: 'stage' } }).success).toBe(false);
  });

  it('chat and reactions carry the sender’s stream time; reactions are the fixed set, not text; a muted viewer can’t react', () => {
    const room = showRoom();
    const d = drive(room);
    d.attach('host', 'host');
    d.attach('anna');
    const chat = d.intent('anna', { type: 'chat', text: 'what a goal', streamTime: T0 - 3000 })!;
    expect(chat.changes[0]).toMatchObject({ type: 'chat', message: { text: 'what a goal', streamTime: T0 - 3000 } });
    const r = d.intent('anna', { type: 'react', reaction: 'clap', streamTime: T0 - 2500 })!;
    expect(r.changes).toEqual([{ type: 'reaction', reaction: { id: 1, from: 'anna', reaction: 'clap', streamTime: T0 - 2500, at: r.at } }]);
    expect(room.snapshotFor('anna').reactions).toHaveLength(1);
    expect(clientFrameSchema.safeParse({ type: 'react', reaction: '<b>boo</b>' }).success).toBe(false);
    expect(clientFrameSchema.safeParse({ type: 'react', reaction: 'clap', streamTime: Number.POSITIVE_INFINITY }).success).toBe(false);
    d.intent('host', { type: 'mute', id: 'anna', muted: true });
    expect(d.intent('anna', { type: 'react', reaction: 'heart' })).toBeNull();
  });

  it('a version-1 peer: a snapshot from before shows reads as no show and no reactions; a chat without streamTime stays valid', () => {
    const old = { ...showRoom().snapshot() } as Record<string, unknown>;
    delete old.show;
    delete old.reactions;
    const parsed = sessionSnapshotSchema.parse(old);
    expect(parsed.show).toBeNull();
    expect(parsed.reactions).toEqual([]);
    expect(sharedViewOf(parsed).kind).toBe('panorama');
    const stored = toStored(showRoom().state) as Record<string, unknown>;
    for (const k of ['show', 'angleIds', 'reactions', 'nextReactionId']) delete stored[k];
    expect(fromStored(stored).show).toBeNull();
    expect(clientFrameSchema.safeParse({ type: 'chat', text: 'hi' }).success).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------
// One suite on the in-memory bus and on Redis (two instances)

function showPlace(id: string): PlaceRecord {
  return {
    ...samplePlace(id, { hostId: 'host-agent' }),
    kind: 'show',
    scenes: [],
    floorPlan: undefined,
    coverScene: undefined,
    startScene: '',
    show: {
      status: 'live',
      startsAt: null,
      endsAt: null,
      slowLive: false,
      mainAngle: 'left',
      angles: [
        { id: 'stage', label: 'Stage', projection: 'flat', offsetMs: 0, source: LOOP },
        { id: 'left', label: 'Left', projection: 'flat', offsetMs: 0, source: LOOP },
        { id: 'pano', label: '360°', projection: '360-mono', offsetMs: 0, yaw: 30, source: LOOP },
      ],
    },
  } as PlaceRecord;
}

const { admin, prefix } = useRedisPrefix();
let backing: Backing;
const servers: SessionServer[] = [];
const clients: WsClient[] = [];
const track = (c: WsClient) => (clients.push(c), c);

beforeAll(async () => {
  backing = memoryBacking();
  await backing.places.put(showPlace('gig'));
  await backing.places.put({ ...showPlace('silent-gig'), show: { ...showPlace('x').show!, angles: [] } } as PlaceRecord);
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.close().catch(() => {})));
});

const backends: [string, () => Promise<[SessionServer, SessionServer]>][] = [
  [
    'in-memory bus',
    async () => {
      const s = await startSessionServer(backing);
      servers.push(s);
      return [s, s];
    },
  ],
  [
    'Redis, host on A and viewer on B',
    async () => {
      await admin;
      const opts = { redisUrl: REDIS_URL, redisPrefix: prefix, limits: { graceMs: 5000, gazeFlushMs: 30 } };
      const a = await startSessionServer(backing, opts);
      const b = await startSessionServer(backing, opts);
      servers.push(a, b);
      return [a, b];
    },
  ],
];

describe.each(backends)('the director’s cut (server, %s)', (_name, start) => {
  it('a show session opens on the main angle; the viewer follows the cut and its stream time; chat and reactions carry stream time; a late joiner gets them', async () => {
    const [a, b] = await start();
    const s = await startSession(a.url, backing.hostToken, 'gig');
    const host = track(await WsClient.connect(a.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const viewer = track(await joinAs(b.url, b.wsUrl, s.id, 'Mei'));
    const first = viewer.welcome!.sync.kind === 'snapshot' ? viewer.welcome!.sync.state : null;
    expect(sharedViewOf(first!)).toMatchObject({ kind: 'show', sceneId: SESSION_SHOW_ROOM, angleId: 'left', streamTime: null });

    host.send({ type: 'goto', show: { angleId: 'pano', streamTime: 1_765_000_000_000, view: { yaw: 45, pitch: 0, fov: 90 } } });
    const cut = await viewer.next('delta', (d) => d.changes.some((c) => c.type === 'show'));
    expect(cut.changes.find((c) => c.type === 'show')).toMatchObject({ show: { angleId: 'pano', streamTime: 1_765_000_000_000, view: { yaw: 45 } } });
    // The host's live 360° view rides the pose lane in the show's room.
    host.send({ type: 'pose', sceneId: SESSION_SHOW_ROOM, yaw: 60, pitch: 5, fov: 90 });
    expect(await viewer.next('pose', (p) => p.yaw === 60)).toMatchObject({ sceneId: SESSION_SHOW_ROOM, pitch: 5 });

    viewer.send({ type: 'goto', show: { angleId: 'stage' }, ref: 'v1' });
    expect(await viewer.next('error', (e) => e.ref === 'v1')).toMatchObject({ code: 'not_allowed' });
    host.send({ type: 'goto', show: { angleId: 'balcony' }, ref: 'h1' });
    expect(await host.next('error', (e) => e.ref === 'h1')).toMatchObject({ code: 'unknown_room' });

    viewer.send({ type: 'chat', text: 'Goal!', streamTime: 1_765_000_001_000 });
    viewer.send({ type: 'react', reaction: 'fire', streamTime: 1_765_000_001_500 });
    await host.next('delta', (d) => d.changes.some((c) => c.type === 'reaction'));
    expect(host.of('delta').flatMap((d) => d.changes).find((c) => c.type === 'chat')).toMatchObject({ message: { text: 'Goal!', streamTime: 1_765_000_001_000 } });

    const late = track(await joinAs(b.url, b.wsUrl, s.id, 'Late'));
    const state = late.welcome!.sync.kind === 'snapshot' ? late.welcome!.sync.state : null;
    expect(state!.show).toMatchObject({ angleId: 'pano', streamTime: 1_765_000_000_000 });
    expect(state!.reactions).toMatchObject([{ reaction: 'fire', streamTime: 1_765_000_001_500 }]);
    expect(state!.chat.at(-1)).toMatchObject({ streamTime: 1_765_000_001_000 });
  }, 30_000);

  it('reactions are rate-limited per socket; a show without angles is refused as nothing_to_show', async () => {
    const [a] = await start();
    const s = await startSession(a.url, backing.hostToken, 'gig');
    track(await WsClient.connect(a.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const viewer = track(await joinAs(a.url, a.wsUrl, s.id, 'Fast'));
    for (let i = 0; i < 12; i++) viewer.send({ type: 'react', reaction: 'clap', ref: `r${i}` });
    expect(await viewer.next('error', (e) => e.code === 'rate_limited')).toMatchObject({ message: expect.stringMatching(/react/i) });
    const res = await fetch(`${a.url}/api/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${backing.hostToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ placeId: 'silent-gig' }),
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'nothing_to_show', message: expect.stringMatching(/no angles/) });
  }, 30_000);
});
