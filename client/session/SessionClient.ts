import {
  SESSION_CLOSE_CODES,
  SESSION_PROTOCOL_VERSION,
  applySessionDelta,
  serverFrameSchema,
  type DeltaFrame,
  type Intent,
  type Participant,
  type Pose,
  type PoseFrame,
  type ServerFrame,
  type SessionCloseReason,
  type SessionErrorCode,
  type SessionRole,
  type SessionSnapshot,
  type SessionVoice,
  type VoiceSignal,
  type WelcomeFrame,
} from '@protocol';
import { reconnectDelay } from './reconnectDelay.ts';
import type { SessionSocket, SessionSocketFactory } from './SessionSocket.ts';

/** The host key (from the host link) or a viewer's seat token (from joining). */
export type SessionCredentials = { hostKey: string } | { token: string };

/**
 * - connecting: first connection, no welcome yet
 * - live: welcomed; state and poses flow
 * - reconnecting: the socket dropped; retrying with the resume token and lastSeq
 * - ended / removed / replaced / left: final, said by the server
 * - failed: final, the server refused us (bad link, unknown session, full, old client)
 */
export type SessionStatus = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'removed' | 'replaced' | 'left' | 'failed';

export interface SessionClientState {
  status: SessionStatus;
  /** Why the status is what it is (the server's reason), or 'network' for a dropped socket. */
  reason: SessionCloseReason | 'network' | null;
  /** The server's sentence for the reason, when it sent one. */
  message: string;
  snapshot: SessionSnapshot | null;
  me: { id: string; role: SessionRole } | null;
  /** Last delta applied; sent as lastSeq when resuming. */
  seq: number;
  voice: SessionVoice;
  /** Reconnect attempts since the last welcome. */
  attempt: number;
  /** Welcomed more than once: this socket is a resume. */
  resumed: boolean;
}

export interface SessionErrorEvent {
  code: SessionErrorCode;
  message: string;
  ref?: string;
}

export interface SessionClientOptions {
  /** ws://…/ws/sessions/:id */
  url: string;
  credentials: SessionCredentials;
  createSocket: SessionSocketFactory;
  /** The welcome's resume token (keep it to resume after a page reload). */
  onResumeToken?: (token: string) => void;
  /** Backoff tuning (tests). */
  backoff?: { baseMs?: number; maxMs?: number; random?: () => number };
  /** App-level ping; a socket silent for `silentMs` is treated as dropped (phones lose networks quietly). */
  pingMs?: number;
  silentMs?: number;
  /** No welcome within this long after opening: try again. */
  welcomeTimeoutMs?: number;
}

/** Reasons after which a reconnect cannot help. */
const FINAL: Partial<Record<SessionCloseReason, SessionStatus>> = {
  session_ended: 'ended',
  removed: 'removed',
  replaced: 'replaced',
  left: 'left',
  unauthorized: 'failed',
  session_not_found: 'failed',
  session_full: 'failed',
  unsupported_version: 'failed',
  protocol_error: 'failed',
};

const REASON_BY_CODE = new Map<number, SessionCloseReason>(
  (Object.entries(SESSION_CLOSE_CODES) as [SessionCloseReason, number][]).filter(([r]) => r !== 'left').map(([r, c]) => [c, r]),
);

const QUEUE_MAX = 20;

/**
 * One person's connection to a guided session, without React: the hello handshake, the
 * state lane (snapshot, then deltas in seq order), the pose lane (the lead's pose, and for
 * the host and the lead everyone's gaze), and resuming with the resume token and lastSeq
 * after a drop, with exponential backoff. `dispose()` closes the socket and every timer.
 */
export class SessionClient {
  state: SessionClientState = {
    status: 'connecting',
    reason: null,
    message: '',
    snapshot: null,
    me: null,
    seq: 0,
    voice: { enabled: false },
    attempt: 0,
    resumed: false,
  };
  /** The lead's latest pose (never replayed; null until one arrives, and again after the lead changes hands). */
  leadPose: Pose | null = null;
  /** Everyone else's latest gaze (only the host receives these). */
  readonly gaze = new Map<string, Pose>();
  limits: WelcomeFrame['limits'] = { leadPoseHz: 20, viewerPoseHz: 10, chatMax: 500, maxFrameBytes: 16 * 1024 };
  /**
   * The server's clock minus this one's (ms), as well as the frames tell it: each delta's `at`
   * less its arrival (the largest: the least delayed) and each heartbeat's pong. A show's
   * follower reads the host's `at` with it.
   */
  serverOffsetMs = 0;
  private offsetSampled = false;

  private socket: SessionSocket | null = null;
  private resumeToken: string | null = null;
  private pendingReason: { reason: SessionCloseReason; message: string } | null = null;
  private queue: Intent[] = [];
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private welcomeTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastFrameAt = 0;
  private refCounter = 0;
  private disposed = false;
  private welcomes = 0;
  private readonly stateListeners = new Set<(s: SessionClientState) => void>();
  private readonly poseListeners = new Set<(p: Pose) => void>();
  private readonly gazeListeners = new Set<(list: Pose[]) => void>();
  private readonly errorListeners = new Set<(e: SessionErrorEvent) => void>();
  private readonly deltaListeners = new Set<(d: DeltaFrame, before: SessionSnapshot) => void>();
  private readonly welcomeListeners = new Set<(w: { resumed: boolean; snapshot: boolean }) => void>();
  private readonly signalListeners = new Set<(from: string, signal: VoiceSignal) => void>();

  constructor(private readonly opts: SessionClientOptions) {}

  /** Opens the first connection (call once). */
  connect(): void {
    if (this.socket || this.disposed) return;
    this.open();
  }

  get me(): Participant | undefined {
    const id = this.state.me?.id;
    return id ? this.state.snapshot?.participants.find((p) => p.id === id) : undefined;
  }

  get isLead(): boolean {
    return !!this.state.me && this.state.snapshot?.leadId === this.state.me.id;
  }

  get isHost(): boolean {
    return this.state.me?.role === 'host';
  }

  // ---------------------------------------------------------------------------------------
  // Listeners (each returns its own disposal)

  /** The state object is replaced on every change (fit for useSyncExternalStore). */
  subscribe = (listener: (s: SessionClientState) => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  getState = (): SessionClientState => this.state;

  onPose(listener: (p: Pose) => void): () => void {
    this.poseListeners.add(listener);
    return () => this.poseListeners.delete(listener);
  }

  onGaze(listener: (list: Pose[]) => void): () => void {
    this.gazeListeners.add(listener);
    return () => this.gazeListeners.delete(listener);
  }

  onError(listener: (e: SessionErrorEvent) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Each delta as it is applied, with the state before it (for notices: a hand went up, a message came). */
  onDelta(listener: (d: DeltaFrame, before: SessionSnapshot) => void): () => void {
    this.deltaListeners.add(listener);
    return () => this.deltaListeners.delete(listener);
  }

  /** Each welcome (the first, and every resume); `snapshot`: the state was replaced rather than caught up. */
  onWelcome(listener: (w: { resumed: boolean; snapshot: boolean }) => void): () => void {
    this.welcomeListeners.add(listener);
    return () => this.welcomeListeners.delete(listener);
  }

  /** Voice signals relayed from another participant (the built-in voice). */
  onSignal(listener: (from: string, signal: VoiceSignal) => void): () => void {
    this.signalListeners.add(listener);
    return () => this.signalListeners.delete(listener);
  }

  // ---------------------------------------------------------------------------------------
  // Sending

  /**
   * Sends a state-lane request; returns its `ref` (errors carry it back). While the socket
   * is down the request waits (a few at most) and goes out after the next welcome.
   */
  send(intent: Intent): string {
    const ref = intent.ref ?? `r${++this.refCounter}`;
    const withRef = { ...intent, ref } as Intent;
    if (this.state.status === 'live' && this.socket) this.write(withRef);
    else if (!this.isFinal()) {
      // A newer goto/follow/hand/offer supersedes a queued one of the same kind.
      if (withRef.type === 'goto' || withRef.type === 'follow' || withRef.type === 'offer' || (withRef.type === 'hand' && withRef.id === undefined)) {
        this.queue = this.queue.filter((q) => q.type !== withRef.type || (q.type === 'hand' && q.id !== undefined));
      }
      this.queue.push(withRef);
      if (this.queue.length > QUEUE_MAX) this.queue.shift();
    }
    return ref;
  }

  /** Pose lane: sent only while live, never queued (the next one supersedes it). */
  sendPose(pose: Omit<PoseFrame, 'type'>): boolean {
    if (this.state.status !== 'live' || !this.socket) return false;
    this.write({ type: 'pose', ...pose });
    return true;
  }

  /** Voice lane: sent only while live, never queued (a lost signal is recovered by a fresh `ready`). */
  sendSignal(to: string, signal: VoiceSignal): boolean {
    if (this.state.status !== 'live' || !this.socket) return false;
    this.write({ type: 'signal', to, signal });
    return true;
  }

  /** Try again now (the network came back, the tab became visible) instead of waiting for the backoff. */
  reconnectNow(): void {
    if (this.state.status !== 'reconnecting' || this.socket) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.open();
  }

  /** Leaves for good (viewers): the server frees the seat at once. */
  leave(): void {
    if (this.state.status === 'live') this.write({ type: 'leave' });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clearTimers();
    this.dropSocket(1000, 'client closed');
    this.stateListeners.clear();
    this.poseListeners.clear();
    this.gazeListeners.clear();
    this.errorListeners.clear();
    this.deltaListeners.clear();
    this.welcomeListeners.clear();
    this.signalListeners.clear();
  }

  // ---------------------------------------------------------------------------------------
  // Connection

  private isFinal() {
    const s = this.state.status;
    return s === 'ended' || s === 'removed' || s === 'replaced' || s === 'left' || s === 'failed';
  }

  private open() {
    this.pendingReason = null;
    let socket: SessionSocket;
    try {
      socket = this.opts.createSocket(this.opts.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      const cred = this.opts.credentials;
      const hello =
        'hostKey' in cred
          ? { type: 'hello', v: SESSION_PROTOCOL_VERSION, hostKey: cred.hostKey }
          : { type: 'hello', v: SESSION_PROTOCOL_VERSION, token: this.resumeToken ?? cred.token };
      // Resume: the server answers with the deltas we missed, or a fresh snapshot.
      const lastSeq = this.state.snapshot ? { lastSeq: this.state.seq } : {};
      socket.send(JSON.stringify({ ...hello, ...lastSeq }));
    };
    socket.onmessage = (ev) => {
      if (this.socket !== socket) return;
      this.lastFrameAt = Date.now();
      this.onFrame(ev.data);
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.onClosed(ev.code);
    };
    socket.onerror = () => {
      // a close event follows
    };
    this.welcomeTimer = setTimeout(() => {
      if (this.socket === socket && this.state.status !== 'live') this.abandon(socket);
    }, this.opts.welcomeTimeoutMs ?? 15_000);
  }

  /** Gives up on a socket that went quiet: close it without waiting for the browser's verdict. */
  private abandon(socket: SessionSocket) {
    this.socket = null;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      socket.close(4000, 'silent');
    } catch {
      // already closed
    }
    this.onClosed(1006);
  }

  private onClosed(code: number) {
    this.clearTimers();
    if (this.disposed) return;
    const said = this.pendingReason;
    this.pendingReason = null;
    const reason: SessionCloseReason | undefined = said?.reason ?? REASON_BY_CODE.get(code);
    const final = reason ? FINAL[reason] : undefined;
    if (final) {
      this.setState({ status: final, reason: reason!, message: said?.message ?? '' });
      this.queue = [];
      return;
    }
    this.setState({ status: this.state.snapshot ? 'reconnecting' : 'connecting', reason: reason ?? 'network', message: said?.message ?? '' });
    this.scheduleRetry(reason === 'rate_limited' ? 5000 : 0);
  }

  private scheduleRetry(minMs = 0) {
    if (this.disposed || this.retryTimer) return;
    const attempt = this.state.attempt;
    const delay = Math.max(minMs, reconnectDelay(attempt, this.opts.backoff));
    this.setState({ attempt: attempt + 1 });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.disposed && !this.socket && !this.isFinal()) this.open();
    }, delay);
  }

  private clearTimers() {
    if (this.welcomeTimer) clearTimeout(this.welcomeTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.welcomeTimer = null;
    this.pingTimer = null;
    if (this.disposed && this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }

  private dropSocket(code: number, reason: string) {
    const s = this.socket;
    this.socket = null;
    if (!s) return;
    s.onopen = s.onmessage = s.onclose = s.onerror = null;
    try {
      s.close(code, reason);
    } catch {
      // already closed
    }
  }

  private write(frame: object) {
    try {
      this.socket?.send(JSON.stringify(frame));
    } catch {
      // closing; the close handler reconnects
    }
  }

  // ---------------------------------------------------------------------------------------
  // Inbound frames

  private onFrame(data: unknown) {
    if (typeof data !== 'string') return;
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = serverFrameSchema.safeParse(raw);
    // A frame we don't understand (a newer server) is skipped, not fatal.
    if (!parsed.success) return;
    const f: ServerFrame = parsed.data;
    switch (f.type) {
      case 'welcome':
        return this.handleWelcome(f);
      case 'rejected':
      case 'bye':
        // The close that follows says what to do; remember the words.
        this.pendingReason = { reason: f.reason, message: f.message };
        return;
      case 'delta': {
        const sample = f.at - Date.now();
        if (!this.offsetSampled || sample > this.serverOffsetMs) this.serverOffsetMs = sample;
        this.offsetSampled = true;
        return this.applyDelta(f);
      }
      case 'pose': {
        const { type: _t, ...pose } = f;
        return this.onPoses([pose]);
      }
      case 'poses':
        return this.onPoses(f.list);
      case 'error':
        for (const l of this.errorListeners) l({ code: f.code, message: f.message, ref: f.ref });
        return;
      case 'signal':
        for (const l of this.signalListeners) l(f.from, f.signal);
        return;
      case 'pong': {
        // The server read its clock about halfway between our send and this arrival.
        const rtt = Date.now() - f.t;
        if (rtt >= 0 && rtt < 10_000) this.serverOffsetMs = f.now - (f.t + rtt / 2);
        return;
      }
      default: {
        const never: never = f;
        return void never;
      }
    }
  }

  private handleWelcome(w: WelcomeFrame) {
    if (this.welcomeTimer) clearTimeout(this.welcomeTimer);
    this.welcomeTimer = null;
    this.welcomes++;
    this.resumeToken = w.resumeToken;
    this.opts.onResumeToken?.(w.resumeToken);
    this.limits = w.limits;
    let snapshot = this.state.snapshot;
    let seq = this.state.seq;
    if (w.sync.kind === 'snapshot') {
      snapshot = w.sync.state;
      this.gaze.clear();
      this.leadPose = null;
    } else if (snapshot) {
      for (const d of w.sync.deltas) {
        if (d.seq <= seq) continue;
        const before = snapshot;
        snapshot = applySessionDelta(snapshot, d, w.you.id);
        seq = d.seq;
        this.afterDelta(d, snapshot);
        for (const l of this.deltaListeners) l(d, before);
      }
    }
    seq = Math.max(seq, w.seq);
    this.setState({
      status: snapshot?.status === 'ended' ? 'ended' : 'live',
      reason: snapshot?.status === 'ended' ? 'session_ended' : null,
      message: '',
      snapshot,
      me: w.you,
      seq,
      voice: w.voice,
      attempt: 0,
      resumed: this.welcomes > 1,
    });
    this.lastFrameAt = Date.now();
    this.startPing();
    this.offsetSampled = false;
    for (const l of this.welcomeListeners) l({ resumed: this.welcomes > 1, snapshot: w.sync.kind === 'snapshot' });
    if (w.poses.length) this.onPoses(w.poses);
    const queued = this.queue;
    this.queue = [];
    for (const q of queued) this.write(q);
  }

  private applyDelta(d: DeltaFrame) {
    const before = this.state.snapshot;
    if (!before || d.seq <= this.state.seq) return; // a duplicate after a resume
    const me = this.state.me?.id;
    const snapshot = applySessionDelta(before, d, me);
    this.afterDelta(d, snapshot);
    const removedMe = d.changes.some((c) => c.type === 'left' && c.id === me && c.reason === 'removed');
    this.setState({
      snapshot,
      seq: d.seq,
      ...(snapshot.status === 'ended' ? { status: 'ended' as const, reason: 'session_ended' as const } : {}),
      ...(removedMe ? { status: 'removed' as const, reason: 'removed' as const } : {}),
    });
    for (const l of this.deltaListeners) l(d, before);
  }

  /** Keeps the pose maps in step with the roster and the lead. */
  private afterDelta(d: DeltaFrame, after: SessionSnapshot) {
    for (const c of d.changes) {
      if (c.type === 'left') this.gaze.delete(c.id);
      if (c.type === 'lead') {
        // Only the host's gaze map is kept current (gaze goes to the host alone): elsewhere the new lead's place is unknown until they send a pose.
        const fresh = this.state.me?.role === 'host';
        const old = this.leadPose;
        this.leadPose = fresh ? (this.gaze.get(c.id) ?? null) : null;
        this.gaze.delete(c.id);
        if (!fresh) this.gaze.clear();
        else if (old && old.from !== c.id && after.participants.some((p) => p.id === old.from)) this.gaze.set(old.from, old);
      }
    }
  }

  private onPoses(list: Pose[]) {
    const lead = this.state.snapshot?.leadId;
    const gaze: Pose[] = [];
    for (const p of list) {
      if (p.from === this.state.me?.id) continue;
      if (p.from === lead) {
        // Latest wins; an older pose arriving late (another instance) is dropped.
        if (this.leadPose && this.leadPose.from === p.from && p.t < this.leadPose.t) continue;
        this.leadPose = p;
        for (const l of this.poseListeners) l(p);
      } else {
        this.gaze.set(p.from, p);
        gaze.push(p);
      }
    }
    if (gaze.length) for (const l of this.gazeListeners) l(gaze);
  }

  private startPing() {
    if (this.pingTimer) clearInterval(this.pingTimer);
    const every = this.opts.pingMs ?? 10_000;
    const silent = this.opts.silentMs ?? 30_000;
    this.pingTimer = setInterval(() => {
      const s = this.socket;
      if (!s) return;
      if (Date.now() - this.lastFrameAt > silent) {
        this.abandon(s);
        return;
      }
      this.write({ type: 'ping', t: Date.now() });
    }, every);
  }

  private setState(patch: Partial<SessionClientState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.stateListeners) l(this.state);
  }
}
