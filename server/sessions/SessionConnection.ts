import {
  SESSION_CLOSE_CODES,
  SESSION_MAX_FRAME_BYTES,
  SESSION_PROTOCOL_VERSION,
  clientFrameSchema,
  helloFrameSchema,
  type ServerFrame,
  type SessionCloseReason,
} from '../protocol/session.ts';
import type { LiveSession } from './LiveSession.ts';
import type { Member } from './Member.ts';
import type { Peer } from './Peer.ts';
import type { SessionGate } from './SessionGate.ts';
import { TokenBucket } from './TokenBucket.ts';

/** Frames a client may send between its hello and the welcome (they are handled after it). */
const EARLY_FRAMES_KEPT = 32;

const describeIssue = (e: { issues: { path: PropertyKey[]; message: string }[] }) => {
  const i = e.issues[0];
  return i ? `${i.path.length ? `${i.path.map(String).join('.')}: ` : ''}${i.message}` : 'invalid frame';
};

/**
 * One socket's protocol: the hello handshake (version, credentials), then every frame
 * checked (size, JSON, schema, rates) before the session sees it. Nothing a client sends can
 * throw out of here; a frame that fails changes nothing but the sender's error count.
 */
export class SessionConnection {
  private phase: 'hello' | 'joining' | 'ready' | 'closed' = 'hello';
  private readonly helloTimer: NodeJS.Timeout;
  private readonly frames: TokenBucket;
  private readonly invalid: TokenBucket;
  private readonly intents: TokenBucket;
  private readonly chats: TokenBucket;
  private readonly reactions: TokenBucket;
  private readonly signals: TokenBucket;
  private early: unknown[] = [];
  private live?: LiveSession;
  private member?: Member;

  constructor(
    private readonly hub: SessionGate,
    private readonly sessionId: string,
    private readonly peer: Peer,
    private readonly ip: string,
    private readonly onDone: () => void,
  ) {
    const l = hub.limits;
    const now = hub.now();
    this.frames = new TokenBucket(l.frames.burst, l.frames.perSecond, now);
    this.invalid = new TokenBucket(l.invalidFrames.burst, l.invalidFrames.perSecond, now);
    this.intents = new TokenBucket(l.intents.burst, l.intents.perSecond, now);
    this.chats = new TokenBucket(l.chat.burst, l.chat.perSecond, now);
    this.reactions = new TokenBucket(l.reactions.burst, l.reactions.perSecond, now);
    this.signals = new TokenBucket(l.signals.burst, l.signals.perSecond, now);
    this.helloTimer = setTimeout(() => this.refuse('hello_timeout', 'Send hello first (within a few seconds of connecting).'), l.helloTimeoutMs);
    this.helloTimer.unref();
  }

  /** One inbound frame: text (a string) or binary (anything else, refused). */
  onMessage(data: unknown): void {
    if (this.phase === 'closed') return;
    try {
      this.handle(data);
    } catch (e) {
      // A bug here must cost one frame, never the process or the session.
      this.hub.log(`Vantage: session ${this.sessionId}: frame handling failed (${(e as Error).stack ?? e})`);
      this.sendFrame({ type: 'error', code: 'invalid_frame', message: 'That message could not be handled.' });
    }
  }

  /** The socket closed (either side). */
  onClose(): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.finish();
    if (this.live && this.member) this.live.detach(this.member);
  }

  /** Ends a connection that has not been welcomed (a `rejected` frame, then the close code). Welcomed ones are closed by their session. */
  refuse(reason: SessionCloseReason, message: string, supported?: number[]): void {
    if (this.phase === 'closed' || this.phase === 'ready') return;
    this.phase = 'closed';
    this.finish();
    this.sendFrame(supported ? { type: 'rejected', reason, message, supported } : { type: 'rejected', reason, message });
    this.peer.close(SESSION_CLOSE_CODES[reason], reason);
  }

  private finish() {
    clearTimeout(this.helloTimer);
    this.early = [];
    this.onDone();
  }

  private handle(data: unknown) {
    if (!this.frames.take(this.hub.now())) return this.end('rate_limited', 'Too many messages; this connection is closed.');
    if (typeof data !== 'string') return this.invalidFrame('Send JSON text frames; binary frames are not accepted.');
    if (data.length > SESSION_MAX_FRAME_BYTES || (data.length * 3 > SESSION_MAX_FRAME_BYTES && Buffer.byteLength(data) > SESSION_MAX_FRAME_BYTES)) {
      return this.end('protocol_error', `Frames are limited to ${SESSION_MAX_FRAME_BYTES} bytes.`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return this.invalidFrame('That frame is not valid JSON.');
    }
    switch (this.phase) {
      case 'hello':
        return this.hello(raw);
      case 'joining':
        if (this.early.length < EARLY_FRAMES_KEPT) this.early.push(raw);
        return;
      case 'ready':
        return this.frame(raw);
    }
  }

  private hello(raw: unknown) {
    const obj = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
    if (!obj || obj.type !== 'hello') return this.refuse('protocol_error', 'The first frame must be hello.');
    if (obj.v !== SESSION_PROTOCOL_VERSION) {
      return this.refuse('unsupported_version', `This server speaks session protocol ${SESSION_PROTOCOL_VERSION}; reload the page to update.`, [SESSION_PROTOCOL_VERSION]);
    }
    const h = helloFrameSchema.safeParse(raw);
    if (!h.success) return this.refuse('protocol_error', `hello: ${describeIssue(h.error)}`);
    if (!this.hub.allowHello(this.ip)) return this.refuse('rate_limited', 'Too many connection attempts from your network; wait a moment.');
    this.phase = 'joining';
    clearTimeout(this.helloTimer);
    this.hub.attach(this.sessionId, this.peer, h.data).then(
      (r) => {
        if (r.ok && this.phase === 'closed') {
          r.live.detach(r.member); // the socket closed while it was being seated
          return;
        }
        if (!r.ok) return this.refuse(r.reason, r.message);
        this.live = r.live;
        this.member = r.member;
        this.phase = 'ready';
        for (const f of this.early.splice(0)) this.frame(f);
      },
      (e: Error) => {
        this.hub.log(`Vantage: session ${this.sessionId}: could not seat a socket (${e.message})`);
        this.refuse('server_restart', 'The session could not be loaded just now; reconnecting…');
      },
    );
  }

  private frame(raw: unknown) {
    const live = this.live!;
    const m = this.member!;
    if (m.gone) return;
    const parsed = clientFrameSchema.safeParse(raw);
    if (!parsed.success) return this.invalidFrame(describeIssue(parsed.error), typeof (raw as { ref?: unknown })?.ref === 'string' ? String((raw as { ref: string }).ref).slice(0, 32) : undefined);
    const f = parsed.data;
    switch (f.type) {
      case 'ping':
        return this.sendFrame({ type: 'pong', t: f.t, now: this.hub.now() });
      case 'pose':
        return live.pose(m, f);
      case 'signal':
        if (!this.signals.take(this.hub.now())) return live.sendError(m, 'rate_limited', 'Too many voice signals; wait a moment.');
        return live.signal(m, f);
      default: {
        const now = this.hub.now();
        if (!this.intents.take(now) || (f.type === 'chat' && !this.chats.take(now)) || (f.type === 'react' && !this.reactions.take(now))) {
          const why = f.type === 'chat' ? 'You are sending messages too fast; wait a moment.' : f.type === 'react' ? 'You are reacting too fast; wait a moment.' : 'Too many requests; wait a moment.';
          return live.sendError(m, 'rate_limited', why, f.ref);
        }
        return live.intent(m, f);
      }
    }
  }

  private invalidFrame(message: string, ref?: string) {
    if (!this.invalid.take(this.hub.now())) return this.end('protocol_error', 'Too many invalid frames; this connection is closed.');
    this.sendFrame(ref === undefined ? { type: 'error', code: 'invalid_frame', message } : { type: 'error', code: 'invalid_frame', message, ref });
  }

  /** Closes for abuse: before the welcome as a refusal, after it through the session (the seat keeps its grace period). */
  private end(reason: SessionCloseReason, message: string) {
    if (this.phase === 'ready' && this.live && this.member) {
      this.phase = 'closed';
      this.finish();
      this.live.kick(this.member, reason, true);
      return;
    }
    this.refuse(reason, message);
  }

  private sendFrame(f: ServerFrame) {
    try {
      this.peer.send(JSON.stringify(f));
    } catch {
      // closing
    }
  }
}
