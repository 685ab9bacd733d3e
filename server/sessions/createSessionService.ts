import type { Redis } from 'ioredis';
import type { Db } from '../db/Db.ts';
import type { HostStore } from '../db/createHostStore.ts';
import type { PlaceStore } from '../places/PlaceStore.ts';
import { sessionExhibits } from './sessionExhibits.ts';
import { findSessionBooking, type FindSessionBooking } from './findSessionBooking.ts';
import { createMemoryBus } from './bus/memory.ts';
import { connectRedis, createRedisBus } from './bus/redis.ts';
import type { SessionBus } from './bus/SessionBus.ts';
import { createVoiceService, type LiveKitConfig, type VoiceService } from './livekitTokens.ts';
import type { P2pVoiceConfig } from './p2pVoice.ts';
import { createSeatTokens } from './seatTokens.ts';
import { SessionHub } from './SessionHub.ts';
import type { SessionLimits } from './SessionLimits.ts';
import { createDbSessionStore } from './store/db.ts';
import { createMemorySessionStore } from './store/memory.ts';
import { createRedisSessionStore } from './store/redis.ts';
import type { SessionStore } from './store/SessionStore.ts';
import { createDbShowMomentStore } from '../show/createDbShowMomentStore.ts';
import type { RecordedMoment, ShowMomentStore } from '../show/ShowMomentStore.ts';
import { serverLog } from '../log/serverLog.ts';

export interface SessionServiceOptions {
  places: PlaceStore;
  /** Host accounts: a session's host link works only while the account that started it is enabled. Absent (tests): always. */
  hosts?: Pick<HostStore, 'get'>;
  /** AUTH_SECRET: seat tokens are signed with a key derived from it (share it across instances). */
  secret: Buffer;
  /** Where sessions persist without Redis. Without it (tests) they live in memory. */
  db?: Db;
  /** With Redis: the bus and the store both live there, so sessions span instances. */
  redisUrl?: string;
  redisPrefix?: string;
  livekit?: LiveKitConfig | null;
  /** Built-in voice when LiveKit is not configured; null turns voice off. Default: on, no ICE servers (one network). */
  p2pVoice?: P2pVoiceConfig | null;
  limits?: Partial<SessionLimits>;
  /** Where a show party's chat and reactions are kept for the replay; the database's table by default (none without a database). */
  moments?: ShowMomentStore;
  /** Looks a ticket code up before a session announces the booking; the database's bookings by default (none without a database: nothing is announced). */
  findBooking?: FindSessionBooking;
  /** Parts to use as they are (tests); they are not closed by close(). */
  bus?: SessionBus;
  store?: SessionStore;
  voice?: VoiceService;
  log?: (line: string) => void;
}

/** What the session routes and sockets need. */
export interface SessionService {
  hub: SessionHub;
  places: PlaceStore;
  voice: VoiceService;
  /** One phrase for the start-up log: where sessions live. */
  describe: string;
  /** Tells sockets to reconnect, saves every snapshot, closes what it opened. */
  close(): Promise<void>;
}

/** Builds the guided-session runtime: Redis bus + store when `redisUrl` is set, else the in-process bus + the database. */
export async function createSessionService(o: SessionServiceOptions): Promise<SessionService> {
  const log = o.log ?? ((l: string) => serverLog.warn(l));
  const owned: (() => Promise<unknown>)[] = [];
  try {
    let bus = o.bus;
    let store = o.store;
    if (o.redisUrl && (!bus || !store)) {
      if (!bus) {
        const b = await createRedisBus({ url: o.redisUrl, prefix: o.redisPrefix });
        owned.push(() => b.close());
        bus = b;
      }
      if (!store) {
        const conn: Redis = await connectRedis(o.redisUrl, 'vantage-session-store');
        owned.push(() => conn.quit());
        store = createRedisSessionStore(conn, { prefix: o.redisPrefix });
      }
    }
    if (!bus) {
      const b = createMemoryBus();
      owned.push(() => b.close());
      bus = b;
    }
    store ??= o.db ? createDbSessionStore(o.db) : createMemorySessionStore();
    const voice = o.voice ?? createVoiceService(o.livekit ?? null, { log, p2p: o.p2pVoice === undefined ? { iceServers: [] } : o.p2pVoice });
    const places = o.places;
    const placeOpen = async (placeId: string) => (await places.get(placeId))?.published === true;
    const hosts = o.hosts;
    const hostActive = hosts
      ? async (ownerId: string) => {
          const h = await hosts.get(ownerId);
          return h !== null && !h.disabledAt;
        }
      : undefined;
    const placeExhibits = async (placeId: string) => {
      const p = await places.get(placeId);
      return p ? sessionExhibits(p.exhibits ?? []) : null;
    };
    const moments = o.moments ?? (o.db ? createDbShowMomentStore(o.db) : undefined);
    const onMoment = moments && ((m: RecordedMoment) => moments.add(m));
    const findBooking = o.findBooking ?? (o.db ? findSessionBooking(o.db) : undefined);
    const hub = await SessionHub.start({ bus, store, seats: createSeatTokens(o.secret), voice, limits: o.limits, log, placeOpen, hostActive, placeExhibits, onMoment, findBooking });
    const describe = `sessions on ${bus.kind === 'redis' ? 'Redis' : 'the in-process bus'} (stored in ${store.kind === 'db' ? 'the database' : store.kind}), voice ${voice.mode === 'livekit' ? 'on (LiveKit)' : voice.mode === 'p2p' ? 'built in (peer to peer)' : 'off'}`;
    let closed: Promise<void> | undefined;
    return {
      hub,
      places: o.places,
      voice,
      describe,
      close: () =>
        (closed ??= (async () => {
          await hub.close();
          for (const c of owned.reverse()) await c().catch(() => {});
        })()),
    };
  } catch (e) {
    for (const c of owned.reverse()) await c().catch(() => {});
    throw e;
  }
}
