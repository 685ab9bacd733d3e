import type { RecordedMoment } from '../show/ShowMomentStore.ts';
import {
  SESSION_CHAT_MAX,
  SESSION_CLOSE_CODES,
  SESSION_MAX_FRAME_BYTES,
  SESSION_PROTOCOL_VERSION,
  type Intent,
  type IntentType,
  type Pose,
  type PoseFrame,
  type ServerFrame,
  type SessionChange,
  type SessionCloseReason,
  type SessionRole,
  type ShowMoment,
  type SignalFrame,
  type WelcomeFrame,
} from '../protocol/session.ts';
import type { BusSubscription, LogEntry, RelayedSignal, SessionBus } from './bus/SessionBus.ts';
import { checkSignal } from './checkSignal.ts';
import type { VoiceService } from './livekitTokens.ts';
import type { Member } from './Member.ts';
import type { Peer } from './Peer.ts';
import { PoseLane, emptySessionStats, type SessionStats } from './PoseLane.ts';
import { SeatExpiry } from './SeatExpiry.ts';
import type { SeatTokens } from './seatTokens.ts';
import type { SessionEvent, VerifiedBooking } from './SessionEvent.ts';
import type { FindSessionBooking } from './findSessionBooking.ts';
import type { SessionLimits } from './SessionLimits.ts';
import { checkIntent, deltaFor, toStored, type AppliedDelta, type SessionExhibitEntry, type SessionRoom } from './SessionRoom.ts';
import { SnapshotSaver } from './SnapshotSaver.ts';
import type { SessionRecord, SessionStore } from './store/SessionStore.ts';
import { TokenBucket } from './TokenBucket.ts';

export interface HubContext {
  bus: SessionBus;
  store: SessionStore;
  seats: SeatTokens;
  voice: VoiceService;
  limits: SessionLimits;
  log: (line: string) => void;
  now: () => number;
  nextConnId: () => string;
  /** The place's exhibits now (for a `goto` to one the session's copy lacks); absent: the copy is all there is. */
  placeExhibits?: (placeId: string) => Promise<Record<string, SessionExhibitEntry> | null>;
  /** Keeps a show party's stamped chat and reactions for the replay. */
  onMoment?: (m: RecordedMoment) => Promise<void>;
  /** Looks a ticket code up before a `booked` intent is announced; absent: none is. */
  findBooking?: FindSessionBooking;
  /** Called once the session has unloaded itself from this instance. */
  forget: (live: LiveSession) => void;
}

export type AttachResult =
  | { ok: true; member: Member }
  | { ok: false; reason: SessionCloseReason; message: string; retry?: boolean };

const MESSAGES: Partial<Record<SessionCloseReason, string>> = {
  session_ended: 'This session has ended.',
  removed: 'The host removed you from this session.',
  session_full: 'This session is full.',
  replaced: 'You opened this session somewhere else.',
  too_slow: 'Your connection could not keep up; reconnect to catch up.',
  server_restart: 'The server is restarting; reconnecting…',
  left: 'You left the session.',
};

const instanceOf = (conn: string) => conn.slice(0, conn.indexOf('~'));

/**
 * Changes everyone has seen that a crash must not undo (where the group is, who leads, the
 * end, the booking invitation, a removal or mute): saved at once. Churn (joins, drops,
 * follows, hands, chat) is saved at most every persistEveryMs: a join storm of thousands
 * costs a few snapshot writes a second. Without Redis the snapshot is all that survives a
 * kill -9, so throttling a room change would lose it when it came soon after a join.
 */
const SAVE_AT_ONCE: ReadonlySet<IntentType> = new Set(['goto', 'lead', 'end', 'offer', 'mute', 'speak', 'remove', 'booked']);

/** Booking look-ups a session may make (each is a database read): a burst, then this many a second. */
const BOOKING_CHECKS = { burst: 10, perSecond: 1 };
/** Said for every booking that cannot be announced: which check failed is nobody's business. */
const NOT_THIS_SESSIONS_BOOKING = 'That booking was not made in this session, or it was cancelled.';

/**
 * One session loaded on this instance: the room replica fed by the bus and the sockets attached
 * here (the state lane). Its pose lane (PoseLane), grace timers (SeatExpiry) and snapshot
 * writes (SnapshotSaver) are parts of their own.
 */
export class LiveSession {
  readonly id: string;
  readonly members = new Map<string, Member>();
  readonly stats: SessionStats = emptySessionStats();
  released = false;
  releasing: Promise<void> = Promise.resolve();
  private sub?: BusSubscription;
  private waiters: { seq: number; resolve: () => void }[] = [];
  private releaseTimer?: NodeJS.Timeout;
  private pending = new Set<Promise<unknown>>();
  private readonly chat: TokenBucket;
  private readonly reactions: TokenBucket;
  private readonly bookingChecks: TokenBucket;
  private readonly poses: PoseLane;
  private readonly expiry: SeatExpiry;
  private readonly saver: SnapshotSaver;
  /** A goto waiting for the place's exhibits: later requests queue behind it, so the group sees them in the order they were made. */
  private held: Promise<void> | null = null;

  constructor(
    private readonly ctx: HubContext,
    readonly record: SessionRecord,
    readonly room: SessionRoom,
  ) {
    this.id = record.id;
    this.chat = new TokenBucket(ctx.limits.roomChat.burst, ctx.limits.roomChat.perSecond, ctx.now());
    this.reactions = new TokenBucket(ctx.limits.roomReactions.burst, ctx.limits.roomReactions.perSecond, ctx.now());
    this.bookingChecks = new TokenBucket(BOOKING_CHECKS.burst, BOOKING_CHECKS.perSecond, ctx.now());
    this.poses = new PoseLane({
      sessionId: this.id,
      members: this.members,
      roles: () => ({ leadId: this.state.leadId, hostId: this.state.hostId, ended: this.state.status === 'ended' }),
      limits: ctx.limits,
      bus: ctx.bus,
      now: ctx.now,
      stats: this.stats,
    });
    this.expiry = new SeatExpiry({ graceMs: ctx.limits.graceMs, now: ctx.now, onExpire: (pid, conn) => this.expire(pid, conn) });
    this.saver = new SnapshotSaver({
      sessionId: this.id,
      store: ctx.store,
      snapshot: () => ({ seq: this.room.seq, state: toStored(this.state) }),
      everyMs: ctx.limits.persistEveryMs,
      now: ctx.now,
      log: ctx.log,
    });
  }

  get state() {
    return this.room.state;
  }

  /** Subscribes from the snapshot's seq (replaying what the log holds), restarts grace timers, drops dead instances' connections. */
  async start(): Promise<void> {
    this.sub = await this.ctx.bus.subscribe(this.id, this.room.seq, {
      onEntry: (e) => this.onEntry(e),
      onPoses: (p) => {
        if (!this.released) this.poses.onPoses(p);
      },
      onSignal: (sig) => {
        if (!this.released) this.deliverSignal(sig);
      },
      onLost: () => void this.kill(),
    });
    // A restart is not the viewers' fault: their grace period runs from now at the earliest.
    const at = this.ctx.now();
    for (const p of this.state.participants.values()) {
      if (p.role === 'viewer' && !p.connected && p.conn) this.expiry.schedule(p.id, p.conn, Math.max(p.disconnectedAt ?? at, at), false);
    }
    await this.sweep();
    this.scheduleRelease();
  }

  // ---------------------------------------------------------------------------------------
  // Attaching sockets

  /** Seats `peer` as `pid`; resolves once it has been welcomed (or why not). */
  async attach(peer: Peer, who: { pid: string; name: string; role: SessionRole }, lastSeq: number | undefined): Promise<AttachResult> {
    if (this.released) return { ok: false, reason: 'server_restart', message: '', retry: true };
    const s = this.state;
    const fail = (reason: SessionCloseReason): AttachResult => ({ ok: false, reason, message: MESSAGES[reason] ?? reason });
    if (s.status === 'ended') return fail('session_ended');
    if (s.removed.includes(who.pid)) return fail('removed');
    if (!s.participants.has(who.pid) && who.role === 'viewer' && this.viewerCount() >= s.maxViewers) return fail('session_full');
    const old = this.members.get(who.pid);
    if (old) this.kick(old, 'replaced', false);
    clearTimeout(this.releaseTimer);
    const { limits } = this.ctx;
    const m: Member = {
      pid: who.pid,
      conn: this.ctx.nextConnId(),
      peer,
      role: who.role,
      active: false,
      attached: false,
      gone: false,
      poses: new TokenBucket(10, limits.leadPoseHz * 1.5, this.ctx.now()),
    };
    this.members.set(m.pid, m);
    let seq: number;
    try {
      seq = await this.append({ type: 'attach', pid: m.pid, name: who.name, role: who.role, conn: m.conn, at: this.ctx.now(), origin: this.ctx.bus.instanceId });
      await this.until(seq);
    } catch (e) {
      this.ctx.log(`Vantage: session ${this.id}: could not attach a socket (${(e as Error).message})`);
      this.dropMember(m);
      return fail('server_restart');
    }
    const remembered = await this.ctx.bus.latestPoses(this.id).catch(() => [] as Pose[]);
    // A lead pose waiting for its fan-out is newer than what the bus remembers.
    const pending = this.poses.pendingLead;
    const poses = pending ? [...remembered.filter((x) => x.from !== pending.from), pending] : remembered;
    if (m.gone) return fail('replaced');
    const p = s.participants.get(m.pid);
    if (!p || p.conn !== m.conn) {
      this.dropMember(m);
      // Re-read: the awaits above may have seen the session end.
      return fail((this.state.status as string) === 'ended' ? 'session_ended' : s.removed.includes(m.pid) ? 'removed' : p ? 'replaced' : 'session_full');
    }
    // From here to `active` nothing awaits: the welcome's seq and the first delta this socket gets are contiguous.
    const deltas = lastSeq === undefined ? null : this.room.deltasSince(lastSeq, p.id);
    const seesAll = p.role === 'host';
    const welcome: WelcomeFrame = {
      type: 'welcome',
      v: SESSION_PROTOCOL_VERSION,
      sessionId: this.id,
      you: { id: p.id, role: p.role },
      resumeToken: this.ctx.seats.sign({ sid: this.id, pid: p.id, name: p.name }).token,
      seq: this.room.seq,
      graceMs: limits.graceMs,
      sync: deltas ? { kind: 'deltas', deltas } : { kind: 'snapshot', state: this.room.snapshotFor(p.id) },
      poses: poses.filter((x) => x.from !== p.id && s.participants.has(x.from) && (seesAll || x.from === s.leadId)),
      voice: this.ctx.voice.mode
        ? { enabled: this.ctx.voice.enabled, mode: this.ctx.voice.mode, ...(this.ctx.voice.mode === 'p2p' && { iceServers: this.ctx.voice.iceServersFor(p.id) }) }
        : { enabled: false },
      limits: { leadPoseHz: limits.leadPoseHz, viewerPoseHz: limits.viewerPoseHz, chatMax: SESSION_CHAT_MAX, maxFrameBytes: SESSION_MAX_FRAME_BYTES },
    };
    m.active = true;
    this.send(m, JSON.stringify(welcome));
    return { ok: true, member: m };
  }

  /** The member's socket closed: the seat enters its grace period (unless the session already let it go). */
  detach(m: Member): void {
    if (m.gone) return;
    m.gone = true;
    m.active = false;
    this.dropMember(m);
    this.appendDetach(m);
  }

  /** Closes a member's socket with a reason; with `detach` the seat enters its grace period, else it is already settled. */
  kick(m: Member, reason: SessionCloseReason, detach: boolean): void {
    if (m.gone) return;
    m.gone = true;
    m.active = false;
    this.dropMember(m);
    if (detach) this.appendDetach(m);
    const frame: ServerFrame = { type: 'bye', reason, message: MESSAGES[reason] ?? reason };
    try {
      m.peer.send(JSON.stringify(frame));
      m.peer.close(SESSION_CLOSE_CODES[reason], reason);
    } catch {
      // already closing
    }
  }

  private dropMember(m: Member) {
    if (this.members.get(m.pid) === m) this.members.delete(m.pid);
    if (this.members.size === 0) this.scheduleRelease();
  }

  private appendDetach(m: Member) {
    if (!m.attached && !this.state.participants.has(m.pid)) return;
    this.append({ type: 'detach', pid: m.pid, conn: m.conn, at: this.ctx.now(), origin: this.ctx.bus.instanceId }).catch((e) =>
      this.ctx.log(`Vantage: session ${this.id}: could not record a disconnect (${(e as Error).message})`),
    );
  }

  private viewerCount() {
    let n = 0;
    for (const p of this.state.participants.values()) if (p.role === 'viewer') n++;
    return n;
  }

  // ---------------------------------------------------------------------------------------
  // State lane

  /** A participant's request: refused at once with a reason, or sequenced through the bus (and checked again when applied). */
  intent(m: Member, intent: Intent): void {
    if (this.held) {
      this.hold(this.held.then(() => this.intentNow(m, intent)));
      return;
    }
    const waiting = this.intentNow(m, intent);
    if (waiting) this.hold(waiting);
  }

  private hold(p: Promise<void>) {
    const h = p.catch((e) => this.ctx.log(`Vantage: session ${this.id} request failed: ${String(e)}`));
    this.held = h;
    void h.then(() => {
      if (this.held === h) this.held = null;
    });
  }

  /** Checks and appends one request; a promise when it first has to look the place's exhibits (or a booking) up. */
  private intentNow(m: Member, intent: Intent, exhibitEntry?: { id: string; entry: SessionExhibitEntry }): Promise<void> | void {
    if (m.gone) return;
    if (intent.type === 'booked') return this.checkBooking(m, intent);
    const state = exhibitEntry ? { ...this.state, exhibits: { ...this.state.exhibits, [exhibitEntry.id]: exhibitEntry.entry } } : this.state;
    const refusal = checkIntent(state, m.pid, intent);
    // An exhibit (or info point, or era) the place gained after the session started: look it up once, then check again.
    const lookUp = refusal?.code === 'unknown_room' && !exhibitEntry && intent.type === 'goto' && intent.exhibit && this.ctx.placeExhibits;
    if (lookUp) {
      const id = intent.exhibit!.exhibitId;
      return this.ctx.placeExhibits!(this.record.placeId).then(
        (all) => {
          const entry = all && Object.hasOwn(all, id) ? all[id] : undefined;
          if (entry) return this.intentNow(m, intent, { id, entry });
          this.sendError(m, refusal.code, refusal.message, intent.ref);
        },
        () => this.sendError(m, 'unavailable', 'The server could not look that exhibit up just now; please try again.', intent.ref),
      );
    }
    if (refusal) {
      this.sendError(m, refusal.code, refusal.message, intent.ref);
      return;
    }
    // Chat reaches everyone, so the whole room has a budget too (many sockets can't flood it together).
    if (intent.type === 'chat' && m.role !== 'host' && !this.chat.take(this.ctx.now())) {
      this.sendError(m, 'rate_limited', 'Lots of messages right now; wait a moment.', intent.ref);
      return;
    }
    if (intent.type === 'react' && !this.reactions.take(this.ctx.now())) {
      this.sendError(m, 'rate_limited', 'Lots of reactions right now; wait a moment.', intent.ref);
      return;
    }
    const { ref, ...clean } = intent;
    this.append({ type: 'intent', by: m.pid, intent: clean as Intent, at: this.ctx.now(), origin: this.ctx.bus.instanceId, ...(exhibitEntry && { exhibitEntry }) }).catch(() =>
      this.sendError(m, 'unavailable', 'The server could not record that just now; please try again.', ref),
    );
  }

  /**
   * A viewer says they booked: announced only when the bookings hold that ticket, confirmed,
   * for this place and made from this session. The checked facts travel in the event, so every
   * replica announces the same thing without reading the database.
   */
  private checkBooking(m: Member, intent: Extract<Intent, { type: 'booked' }>): Promise<void> | void {
    const refusal = checkIntent(this.state, m.pid, intent);
    if (refusal) return this.sendError(m, refusal.code, refusal.message, intent.ref);
    const find = this.ctx.findBooking;
    if (!find) return this.sendError(m, 'not_allowed', NOT_THIS_SESSIONS_BOOKING, intent.ref);
    if (!this.bookingChecks.take(this.ctx.now())) return this.sendError(m, 'rate_limited', 'Too many booking checks right now; wait a moment.', intent.ref);
    return find(intent.code).then(
      (b) => {
        if (m.gone) return;
        if (!b || b.status !== 'confirmed' || b.placeId !== this.record.placeId || b.sessionId !== this.id) {
          this.sendError(m, 'not_allowed', NOT_THIS_SESSIONS_BOOKING, intent.ref);
          return;
        }
        const booking: VerifiedBooking = { code: b.code, slotStart: b.slotStart, timezone: b.timezone, partySize: b.partySize };
        this.append({ type: 'intent', by: m.pid, intent: { type: 'booked', code: b.code }, at: this.ctx.now(), origin: this.ctx.bus.instanceId, booking }).catch(() =>
          this.sendError(m, 'unavailable', 'The server could not record that just now; please try again.', intent.ref),
        );
      },
      () => this.sendError(m, 'unavailable', 'The server could not look that booking up just now; please try again.', intent.ref),
    );
  }

  sendError(m: Member, code: Extract<ServerFrame, { type: 'error' }>['code'], message: string, ref?: string) {
    const frame: ServerFrame = ref === undefined ? { type: 'error', code, message } : { type: 'error', code, message, ref };
    this.send(m, JSON.stringify(frame));
  }

  /** Appends through the bus; tracked so a shutdown can wait for it. */
  append(e: SessionEvent): Promise<number> {
    const p = this.ctx.bus.append(this.id, e);
    this.pending.add(p);
    const done = () => this.pending.delete(p);
    p.then(done, done);
    return p;
  }

  /** Resolves once the room has applied the bus entry `seq`. */
  until(seq: number): Promise<void> {
    if (this.room.seq >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  private onEntry(entry: LogEntry) {
    if (this.released) return;
    const e = entry.event;
    if (!e) {
      this.room.restartAt(entry.seq);
    } else {
      const applied = this.room.apply(entry.seq, e);
      if (applied) {
        this.broadcast(applied);
        this.afterChanges(e, applied.frame.changes);
      }
      if (e.type === 'attach') {
        const m = this.members.get(e.pid);
        if (m && m.conn === e.conn) m.attached = true;
        // A newer socket took this seat (here or on another instance): this one is stale.
        else if (m && m.attached && this.state.participants.get(e.pid)?.conn === e.conn) this.kick(m, 'replaced', false);
      }
      if (e.origin === this.ctx.bus.instanceId) void this.saver.request(!!applied && e.type === 'intent' && SAVE_AT_ONCE.has(e.intent.type));
    }
    if (this.waiters.length) {
      const ready = this.waiters.filter((w) => w.seq <= this.room.seq);
      this.waiters = this.waiters.filter((w) => w.seq > this.room.seq);
      for (const w of ready) w.resolve();
    }
  }

  /** Each member gets the part of the delta it may see (see sessionSnapshotSchema): one serialisation per audience. */
  private broadcast(d: AppliedDelta) {
    const hostId = this.state.hostId;
    const everyone = deltaFor(d, '', hostId);
    if (everyone === d.frame) {
      const bytes = Buffer.from(JSON.stringify(d.frame));
      for (const m of this.members.values()) if (m.active) this.sendState(m, bytes);
      return;
    }
    const concerned = new Set(d.audience.filter((a): a is string => a !== null));
    const full = JSON.stringify(d.frame);
    const host = this.members.get(hostId);
    if (host?.active) this.sendState(host, full);
    for (const pid of concerned) {
      const m = this.members.get(pid);
      const f = m?.active ? deltaFor(d, pid, hostId) : null;
      if (m && f) this.sendState(m, JSON.stringify(f));
    }
    if (!everyone) return; // only about viewers: a join storm costs O(n), not O(n²)
    const bytes = Buffer.from(JSON.stringify(everyone));
    for (const m of this.members.values()) if (m.active && m.pid !== hostId && !concerned.has(m.pid)) this.sendState(m, bytes);
  }

  private afterChanges(e: SessionEvent, changes: SessionChange[]) {
    const mine = e.origin === this.ctx.bus.instanceId;
    for (const ch of changes) {
      switch (ch.type) {
        case 'presence': {
          const p = this.state.participants.get(ch.id);
          if (ch.connected || !p) this.expiry.cancel(ch.id);
          else if (p.role === 'viewer' && p.conn) this.expiry.schedule(p.id, p.conn, e.at, !mine);
          break;
        }
        case 'joined':
          this.expiry.cancel(ch.participant.id);
          break;
        case 'left': {
          this.expiry.cancel(ch.id);
          this.poses.forget(ch.id);
          const m = this.members.get(ch.id);
          if (m) this.kick(m, ch.reason === 'removed' ? 'removed' : 'left', false);
          if (mine) {
            this.ctx.bus.forgetPoses(this.id, [ch.id]);
            if (ch.reason === 'removed') void this.ctx.voice.removeParticipant(this.id, ch.id);
          }
          break;
        }
        case 'speaker': {
          const p = this.state.participants.get(ch.id);
          if (mine && p) void this.ctx.voice.updatePermissions({ sessionId: this.id, participantId: p.id, name: p.name, role: p.role, speaker: p.speaker });
          break;
        }
        case 'chat':
          if (mine && this.state.show && ch.message.streamTime !== undefined)
            this.keepMoment({ kind: 'chat', t: ch.message.streamTime, name: ch.message.name, text: ch.message.text });
          break;
        case 'reaction':
          if (mine && this.state.show && ch.reaction.streamTime !== undefined) this.keepMoment({ kind: 'reaction', t: ch.reaction.streamTime, reaction: ch.reaction.reaction });
          break;
        case 'ended':
          for (const m of [...this.members.values()]) this.kick(m, 'session_ended', false);
          this.expiry.clear();
          break;
        default:
          break;
      }
    }
  }

  /** On a show, what the party said and felt is kept at its stream time for the replay; a failure costs the replay that moment, never the session. */
  private keepMoment(moment: ShowMoment) {
    const save = this.ctx.onMoment;
    if (!save) return;
    save({ placeId: this.record.placeId, sessionCode: this.record.code, moment }).catch((e: Error) =>
      this.ctx.log(`Vantage: session ${this.id}: could not keep a moment for the replay (${e.message})`),
    );
  }

  /** A seat's grace period passed: it leaves the roster if the same socket is still gone. */
  private expire(pid: string, conn: string) {
    const p = this.state.participants.get(pid);
    if (this.released || !p || p.connected || p.conn !== conn) return;
    this.append({ type: 'expire', pid, conn, at: this.ctx.now(), origin: this.ctx.bus.instanceId }).catch(() => {});
  }

  /** Connections held by instances that no longer answer (crashed, or this process before a restart) are marked dropped. */
  async sweep(): Promise<void> {
    if (this.released) return;
    const self = this.ctx.bus.instanceId;
    const held = [...this.state.participants.values()].filter((p) => p.connected && p.conn);
    const foreign = held.filter((p) => instanceOf(p.conn!) !== self);
    const alive = foreign.length ? await this.ctx.bus.liveInstances(foreign.map((p) => instanceOf(p.conn!))) : new Set<string>();
    for (const p of held) {
      const inst = instanceOf(p.conn!);
      const orphan = inst === self ? this.members.get(p.id)?.conn !== p.conn : !alive.has(inst);
      if (!orphan) continue;
      this.append({ type: 'detach', pid: p.id, conn: p.conn!, at: this.ctx.now(), origin: self }).catch(() => {});
    }
  }

  // ---------------------------------------------------------------------------------------
  // Pose lane

  /** A pose from a member (see PoseLane). */
  pose(m: Member, f: PoseFrame): void {
    this.poses.pose(m, f);
  }

  // ---------------------------------------------------------------------------------------
  // Voice lane (built-in voice): signals between the host and one viewer, checked, then
  // handed to the target's socket here or, when it is on another instance, through the bus.

  /** A voice signal from a member (see checkSignal for what is refused). */
  signal(m: Member, f: SignalFrame): void {
    const refusal = checkSignal(this.state, this.ctx.voice.mode, m.pid, f);
    if (refusal) return this.sendError(m, refusal.code, refusal.message);
    const sig: RelayedSignal = { from: m.pid, to: f.to, signal: f.signal };
    if (!this.deliverSignal(sig)) this.ctx.bus.publishSignal(this.id, sig);
  }

  /** Sends a signal to its target if its socket is here; false when it is not (another instance may hold it). */
  private deliverSignal(sig: RelayedSignal): boolean {
    const target = this.members.get(sig.to);
    if (!target?.active) return false;
    // Checked where it was sent; here only that the sender is still in the session (a removal may have crossed it).
    if (this.state.participants.has(sig.from)) this.send(target, JSON.stringify({ type: 'signal', from: sig.from, signal: sig.signal } satisfies ServerFrame));
    return true;
  }

  // ---------------------------------------------------------------------------------------
  // Sending

  private send(m: Member, json: string | Buffer) {
    try {
      m.peer.send(json);
    } catch {
      // the socket is closing; its close handler settles the seat
    }
  }

  /** State is never dropped: a socket that cannot take it any more is closed and resumes. */
  private sendState(m: Member, json: string | Buffer) {
    if (m.peer.bufferedAmount() > this.ctx.limits.stateCloseBytes) {
      this.kick(m, 'too_slow', true);
      return;
    }
    this.stats.deltasOut++;
    this.send(m, json);
  }

  // ---------------------------------------------------------------------------------------
  // Lifecycle

  private scheduleRelease() {
    clearTimeout(this.releaseTimer);
    if (this.members.size > 0 || this.released) return;
    const delay = this.state.status === 'ended' ? 5000 : this.ctx.limits.releaseAfterMs;
    this.releaseTimer = setTimeout(() => void this.release(), delay);
    this.releaseTimer.unref();
  }

  /** Unloads the session from this instance (nobody here any more); the store and the bus keep it. */
  release(): Promise<void> {
    if (this.released) return this.releasing;
    if (this.members.size > 0) return Promise.resolve();
    this.released = true;
    clearTimeout(this.releaseTimer);
    this.poses.stop();
    this.expiry.clear();
    this.saver.dispose();
    this.releasing = (async () => {
      await Promise.allSettled([...this.pending]);
      await this.saver.flush();
      await this.sub?.unsubscribe().catch(() => {});
      this.ctx.forget(this);
    })();
    return this.releasing;
  }

  /** The log lost entries this replica needs: everyone here reconnects and gets a fresh copy. */
  private kill(): Promise<void> {
    this.ctx.log(`Vantage: session ${this.id}: this instance fell too far behind the bus; reloading it`);
    for (const m of [...this.members.values()]) this.kick(m, 'server_restart', false);
    return this.release();
  }

  /** Server shutdown: every socket is told to reconnect, disconnects are recorded, the snapshot is saved. */
  async shutdown(): Promise<void> {
    for (const m of [...this.members.values()]) this.kick(m, 'server_restart', true);
    await this.release();
  }
}
