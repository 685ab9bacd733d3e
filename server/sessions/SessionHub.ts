import type { RecordedMoment } from '../show/ShowMomentStore.ts';
import { randomBytes } from 'node:crypto';
import { createRateLimiter } from '../auth/createRateLimiter.ts';
import { SESSION_NAME_MAX, sessionIdSchema, type HelloFrame, type SessionCloseReason, type SessionExhibit, type SessionSnapshot, type SessionView } from '../protocol/session.ts';
import { textProblem } from '../protocol/text.ts';
import type { SessionBus } from './bus/SessionBus.ts';
import { hostKeyMatches, newHostKey } from './hostKey.ts';
import { newJoinCode } from './newJoinCode.ts';
import { createVoiceService, type VoiceSeat, type VoiceService } from './livekitTokens.ts';
import { LiveSession, type HubContext } from './LiveSession.ts';
import type { Member } from './Member.ts';
import type { Peer } from './Peer.ts';
import { emptySessionStats, type SessionStats } from './PoseLane.ts';
import type { SeatTokens } from './seatTokens.ts';
import { SessionConnection } from './SessionConnection.ts';
import type { Refusal, SessionGate } from './SessionGate.ts';
import { sessionLimits, type SessionLimits } from './SessionLimits.ts';
import { SessionRoom, createRoomState, fromStored, toStored, type SessionExhibitEntry } from './SessionRoom.ts';
import type { SessionRecord, SessionStore } from './store/SessionStore.ts';
import { serverLog } from '../log/serverLog.ts';
import type { FindSessionBooking } from './findSessionBooking.ts';

export interface SessionHubOptions {
  bus: SessionBus;
  store: SessionStore;
  seats: SeatTokens;
  voice?: VoiceService;
  limits?: Partial<SessionLimits>;
  log?: (line: string) => void;
  now?: () => number;
  /**
   * Whether the session's place is still published: checked at every lookup, seat and viewer
   * hello, so withdrawing a listing closes its sessions to viewers. Absent: always open (tests).
   */
  placeOpen?: (placeId: string) => Promise<boolean>;
  /**
   * Whether the account that started a session (its record's ownerId) may still host it: checked
   * at every host hello and voice seat, and for each live session loaded here at every sweep, so
   * an agent disabled through another instance loses their sessions there too. Absent: always (tests).
   */
  hostActive?: (ownerId: string) => Promise<boolean>;
  /** The place's exhibits as a session keeps them (sessionExhibits), for a `goto` to one added mid-session; absent: none (tests). */
  placeExhibits?: (placeId: string) => Promise<Record<string, SessionExhibitEntry> | null>;
  /** Keeps a show party's chat and reactions for the replay (once, by the instance that took it). */
  onMoment?: (m: RecordedMoment) => Promise<void>;
  /** Looks a booking up before a `booked` intent is announced; absent: none is. */
  findBooking?: FindSessionBooking;
}

/** What a viewer is told when the place of a session was withdrawn (unpublished or deleted). */
export const PLACE_WITHDRAWN = 'This place is no longer published, so its session is closed to viewers.';
/** What a host link of a disabled (or deleted) account is told. */
export const HOST_DISABLED = "This host account has been disabled by your agency's owner, so its sessions have ended.";

export interface NewSession {
  placeId: string;
  ownerId: string;
  hostName: string;
  hostPhotoUrl?: string;
  sceneIds: string[];
  /** A museum's exhibits (sessionExhibits); none for a home. */
  exhibits?: Record<string, SessionExhibitEntry>;
  startScene: string;
  startView: SessionView;
  /** A museum without halls: the exhibit it opens on (startScene is then NO_HALL_ROOM). */
  startExhibit?: SessionExhibit;
  /** A show: the angle it opens on (startScene is then SESSION_SHOW_ROOM) and its angles. */
  startShow?: { angleId: string; view?: SessionView };
  angleIds?: string[];
}

const refusal = (reason: SessionCloseReason, message: string): Refusal => ({ ok: false, reason, message });

/**
 * Every session on this server instance: creates them, loads them on demand (from the
 * store, then the bus log), seats sockets, and unloads them when nobody here needs them.
 * Plain TypeScript: sockets come in as `Peer`s, so tests need no network.
 */
export class SessionHub implements SessionGate {
  readonly limits: SessionLimits;
  readonly bus: SessionBus;
  readonly store: SessionStore;
  readonly seats: SeatTokens;
  readonly voice: VoiceService;
  readonly log: (line: string) => void;
  readonly now: () => number;
  private readonly lives = new Map<string, Promise<LiveSession | null>>();
  private readonly loaded = new Map<string, LiveSession>();
  private readonly connections = new Set<SessionConnection>();
  private readonly hellos: ReturnType<typeof createRateLimiter> | null;
  private readonly timers: NodeJS.Timeout[] = [];
  private connCounter = 0;
  private closing?: Promise<void>;
  private readonly ctx: HubContext;
  private readonly placeOpen: (placeId: string) => Promise<boolean>;
  private readonly hostActive: (ownerId: string) => Promise<boolean>;

  private constructor(o: SessionHubOptions) {
    this.placeOpen = o.placeOpen ?? (async () => true);
    this.hostActive = o.hostActive ?? (async () => true);
    this.bus = o.bus;
    this.store = o.store;
    this.seats = o.seats;
    this.voice = o.voice ?? createVoiceService(null);
    this.limits = sessionLimits(o.limits);
    this.log = o.log ?? ((l) => serverLog.warn(l));
    this.now = o.now ?? Date.now;
    this.hellos = this.limits.hellosPerIp ? createRateLimiter(this.limits.hellosPerIp) : null;
    this.ctx = {
      bus: this.bus,
      store: this.store,
      seats: this.seats,
      voice: this.voice,
      limits: this.limits,
      log: this.log,
      now: this.now,
      placeExhibits: o.placeExhibits,
      onMoment: o.onMoment,
      findBooking: o.findBooking,
      nextConnId: () => `${this.bus.instanceId}~${++this.connCounter}`,
      forget: (live) => {
        if (this.loaded.get(live.id) === live) {
          this.loaded.delete(live.id);
          this.lives.delete(live.id);
        }
      },
    };
  }

  /** Starts the hub: announces this instance as alive and starts the background sweeps. */
  static async start(o: SessionHubOptions): Promise<SessionHub> {
    const hub = new SessionHub(o);
    await hub.bus.heartbeat();
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const t = setInterval(() => void fn().catch((e) => hub.log(`Vantage: session housekeeping failed (${(e as Error).message})`)), ms);
      t.unref();
      hub.timers.push(t);
    };
    every(hub.limits.heartbeatMs, () => hub.bus.heartbeat());
    every(hub.limits.sweepMs, () => Promise.all([...hub.loaded.values()].map((l) => l.sweep())));
    every(hub.limits.sweepMs, () => hub.endSessionsOfInactiveHosts());
    return hub;
  }

  // ---------------------------------------------------------------------------------------
  // REST side

  /** Creates a live session with the host's seat (not yet connected); returns the record and the host key (shown once). */
  async createSession(input: NewSession): Promise<{ record: SessionRecord; hostKey: string; snapshot: SessionSnapshot }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { key, hash } = newHostKey();
      const record: SessionRecord = {
        id: randomBytes(16).toString('base64url'),
        code: newJoinCode(),
        placeId: input.placeId,
        ownerId: input.ownerId,
        hostKeyHash: hash,
        createdAt: this.now(),
      };
      const state = createRoomState({
        id: record.id,
        placeId: input.placeId,
        hostId: `h${randomBytes(9).toString('base64url')}`,
        hostName: input.hostName,
        ...(input.hostPhotoUrl && { hostPhotoUrl: input.hostPhotoUrl }),
        sceneIds: input.sceneIds,
        exhibits: input.exhibits,
        startScene: input.startScene,
        startView: input.startView,
        startExhibit: input.startExhibit,
        startShow: input.startShow,
        angleIds: input.angleIds,
        maxViewers: this.limits.maxViewers,
        at: record.createdAt,
      });
      if (await this.store.create(record, { seq: 0, state: toStored(state) })) {
        return { record, hostKey: key, snapshot: new SessionRoom(state, 0).snapshot() };
      }
    }
    throw new Error('Vantage: could not draw an unused join code in 5 tries; the session store may be misbehaving');
  }

  /** A session by its join code (already normalised), as it stands now. */
  async lookup(code: string): Promise<{ record: SessionRecord; snapshot: SessionSnapshot } | null> {
    const record = await this.store.findByCode(code);
    if (!record) return null;
    const live = await this.open(record.id);
    if (!live) return null;
    await this.endIfTooOld(live);
    return { record, snapshot: live.room.snapshot() };
  }

  /** A seat for a viewer who gave their name: a server-assigned id inside a signed token. The roster changes when they connect. */
  async issueSeat(
    sessionId: string,
    name: string,
  ): Promise<{ ok: true; participantId: string; token: string; expiresAt: Date } | Refusal> {
    const live = await this.open(sessionId);
    if (!live) return refusal('session_not_found', 'There is no such session.');
    await this.endIfTooOld(live);
    if (live.state.status === 'ended') return refusal('session_ended', 'This session has ended.');
    if (!(await this.placeOpen(live.record.placeId))) return refusal('session_not_found', PLACE_WITHDRAWN);
    let viewers = 0;
    for (const p of live.state.participants.values()) if (p.role === 'viewer') viewers++;
    if (viewers >= live.state.maxViewers) return refusal('session_full', 'This session is full.');
    const participantId = `v${randomBytes(9).toString('base64url')}`;
    const { token, expiresAt } = this.seats.sign({ sid: sessionId, pid: participantId, name });
    return { ok: true, participantId, token, expiresAt };
  }

  /** Who holds `credential` (a seat token, or the host key) in the session now — for the voice token. */
  async voiceSeat(sessionId: string, credential: string): Promise<{ ok: true; seat: VoiceSeat } | Refusal> {
    const live = await this.open(sessionId);
    if (!live) return refusal('session_not_found', 'There is no such session.');
    const who = this.authenticate(live, credential.startsWith('v1.') ? { token: credential } : { hostKey: credential });
    if (!who.ok) return who;
    if (who.role === 'host' && !(await this.hostActive(live.record.ownerId))) return refusal('unauthorized', HOST_DISABLED);
    if (live.state.status === 'ended') return refusal('session_ended', 'This session has ended.');
    const p = live.state.participants.get(who.pid);
    if (!p) return refusal('unauthorized', 'Connect to the session first; then ask for voice.');
    return { ok: true, seat: { sessionId, participantId: p.id, name: p.name, role: p.role, speaker: p.speaker && !p.muted } };
  }

  /** Ends a session from the REST API (the owning host account). */
  async endByOwner(sessionId: string, ownerId: string): Promise<'ended' | 'not_found'> {
    const live = await this.open(sessionId);
    if (!live || live.record.ownerId !== ownerId) return 'not_found';
    if (live.state.status === 'live') await live.until(await live.append(this.endEvent(live)));
    return 'ended';
  }

  /**
   * Ends the live sessions loaded on this instance that `ownerId` started (their account was
   * just disabled). The end goes through the bus, so every instance's sockets hear it; sessions
   * loaded only elsewhere end at that instance's next sweep (hostActive).
   */
  async endSessionsOf(ownerId: string): Promise<number> {
    const mine = [...this.loaded.values()].filter((l) => l.record.ownerId === ownerId && l.state.status === 'live' && !l.released);
    await Promise.all(mine.map(async (l) => l.until(await l.append(this.endEvent(l)))));
    return mine.length;
  }

  /** The sweep's half of hostActive: one lookup per account hosting here. */
  private async endSessionsOfInactiveHosts() {
    const owners = new Set<string>();
    for (const l of this.loaded.values()) if (l.state.status === 'live' && !l.released) owners.add(l.record.ownerId);
    for (const ownerId of owners) if (!(await this.hostActive(ownerId))) await this.endSessionsOf(ownerId);
  }

  // ---------------------------------------------------------------------------------------
  // Socket side

  /** A new socket for /ws/sessions/:id; feed it frames and its close. */
  accept(sessionId: string, peer: Peer, ip: string): SessionConnection {
    const c = new SessionConnection(this, sessionId, peer, ip, () => this.connections.delete(c));
    if (this.closing) c.refuse('server_restart', 'The server is restarting; reconnecting…');
    else this.connections.add(c);
    return c;
  }

  /** Handshakes per address; false when this one is over its rate. */
  allowHello(ip: string): boolean {
    return this.hellos ? this.hellos.take(ip, this.now()) : true;
  }

  /** Seats the socket of a valid hello: authenticates, attaches, sends the welcome. */
  async attach(sessionId: string, peer: Peer, hello: HelloFrame): Promise<{ ok: true; live: LiveSession; member: Member } | Refusal> {
    if (!sessionIdSchema.safeParse(sessionId).success) return refusal('session_not_found', 'There is no such session.');
    for (let tries = 0; tries < 3; tries++) {
      if (this.closing) return refusal('server_restart', 'The server is restarting; reconnecting…');
      const live = await this.open(sessionId);
      if (!live) return refusal('session_not_found', 'There is no such session.');
      await this.endIfTooOld(live);
      const who = this.authenticate(live, hello);
      if (!who.ok) return who;
      // A host link outlives its account's sign-in: the account is checked, not just the key.
      if (who.role === 'host' && !(await this.hostActive(live.record.ownerId))) return refusal('unauthorized', HOST_DISABLED);
      if (who.role === 'viewer' && !(await this.placeOpen(live.record.placeId))) return refusal('session_not_found', PLACE_WITHDRAWN);
      const r = await live.attach(peer, who, hello.lastSeq);
      if (r.ok) return { ok: true, live, member: r.member };
      if (!r.retry) return r;
    }
    return refusal('server_restart', 'The session is reloading; reconnect in a moment.');
  }

  private authenticate(live: LiveSession, cred: { hostKey?: string; token?: string }): { ok: true; pid: string; name: string; role: 'host' | 'viewer' } | Refusal {
    const s = live.state;
    if (cred.hostKey !== undefined) {
      if (!hostKeyMatches(cred.hostKey, live.record.hostKeyHash)) return refusal('unauthorized', 'This host link is not valid for this session.');
      const host = s.participants.get(s.hostId)!;
      return { ok: true, pid: host.id, name: host.name, role: 'host' };
    }
    const claims = this.seats.verify(cred.token ?? '');
    if (!claims || claims.sid !== live.id) return refusal('unauthorized', 'Your seat in this session is not valid any more; join again with your name.');
    const p = s.participants.get(claims.pid);
    // A seat already in the roster keeps the name it has; a new one takes the token's, and
    // tokens signed before names met the text rule last hours: such a name could not be saved.
    if (!p && textProblem(claims.name, { max: SESSION_NAME_MAX })) {
      return refusal('unauthorized', 'Your name has characters this session cannot keep; join again with your name.');
    }
    const role = claims.pid === s.hostId ? 'host' : 'viewer';
    return { ok: true, pid: claims.pid, name: p?.name ?? claims.name, role };
  }

  private endEvent(live: LiveSession) {
    return { type: 'intent' as const, by: live.state.hostId, intent: { type: 'end' as const }, at: this.now(), origin: this.bus.instanceId };
  }

  private async endIfTooOld(live: LiveSession) {
    if (live.state.status === 'live' && this.now() - live.record.createdAt > this.limits.maxSessionAgeMs) {
      await live.until(await live.append(this.endEvent(live)));
    }
  }

  /** The session loaded on this instance, loading it (store snapshot + bus log) if needed; null when it doesn't exist. */
  async open(id: string): Promise<LiveSession | null> {
    if (!sessionIdSchema.safeParse(id).success) return null;
    for (;;) {
      if (this.closing) return null;
      let p = this.lives.get(id);
      if (!p) {
        p = this.load(id);
        this.lives.set(id, p);
        p.then(
          (l) => {
            if (!l && this.lives.get(id) === p) this.lives.delete(id);
          },
          () => {
            if (this.lives.get(id) === p) this.lives.delete(id);
          },
        );
      }
      const live = await p;
      if (!live || !live.released) return live;
      await live.releasing;
      if (this.lives.get(id) === p) this.lives.delete(id);
    }
  }

  private async load(id: string): Promise<LiveSession | null> {
    const record = await this.store.get(id);
    if (!record) return null;
    const snap = await this.store.loadSnapshot(id);
    if (!snap) return null;
    const live = new LiveSession(this.ctx, record, new SessionRoom(fromStored(snap.state), snap.seq));
    this.loaded.set(id, live);
    try {
      await live.start();
    } catch (e) {
      this.loaded.delete(id);
      throw e;
    }
    return live;
  }

  /** Counters summed over the sessions loaded here (benchmarks, health). */
  stats(): SessionStats & { sessions: number; sockets: number } {
    const out = { ...emptySessionStats(), sessions: this.loaded.size, sockets: 0 };
    for (const l of this.loaded.values()) {
      for (const k of Object.keys(l.stats) as (keyof SessionStats)[]) out[k] += l.stats[k];
      out.sockets += l.members.size;
    }
    return out;
  }

  /** Shutdown: sockets are told to reconnect (1012), disconnects recorded, snapshots saved. The bus and store stay open (their owner closes them). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const t of this.timers) clearInterval(t);
      for (const c of [...this.connections]) c.refuse('server_restart', 'The server is restarting; reconnecting…');
      await Promise.allSettled([...this.lives.values()]);
      await Promise.allSettled([...this.loaded.values()].map((l) => l.shutdown()));
    })();
    return this.closing;
  }
}
