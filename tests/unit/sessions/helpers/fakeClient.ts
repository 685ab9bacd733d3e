import type { ServerFrame, ServerFrameOf, WelcomeFrame } from '../../../../server/protocol/session.ts';
import { SESSION_PROTOCOL_VERSION } from '../../../../server/protocol/session.ts';
import { createMemoryBusHub } from '../../../../server/sessions/bus/memory.ts';
import type { SessionBus } from '../../../../server/sessions/bus/SessionBus.ts';
import type { Peer } from '../../../../server/sessions/Peer.ts';
import { createSeatTokens } from '../../../../server/sessions/seatTokens.ts';
import type { SessionConnection } from '../../../../server/sessions/SessionConnection.ts';
import { SessionHub } from '../../../../server/sessions/SessionHub.ts';
import type { SessionLimits } from '../../../../server/sessions/SessionLimits.ts';
import { createMemorySessionStore } from '../../../../server/sessions/store/memory.ts';
import type { SessionStore } from '../../../../server/sessions/store/SessionStore.ts';

export const SECRET = Buffer.alloc(32, 9);

export async function waitFor<T>(fn: () => T | undefined | null | false, what: string, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 3));
  }
}

/** A socket without a network: records frames, and closes like ws does (the close reaches the connection). */
export class FakeClient implements Peer {
  frames: ServerFrame[] = [];
  raw: string[] = [];
  closed: { code: number; reason: string } | null = null;
  buffered = 0;
  conn!: SessionConnection;
  welcome?: WelcomeFrame;

  send(d: string | Buffer) {
    if (this.closed) return;
    const text = d.toString();
    this.raw.push(text);
    this.frames.push(JSON.parse(text) as ServerFrame);
  }
  bufferedAmount() {
    return this.buffered;
  }
  close(code: number, reason: string) {
    if (this.closed) return;
    this.closed = { code, reason };
    queueMicrotask(() => this.conn.onClose());
  }
  /** Sends a frame as the client would (objects are JSON-encoded, anything else sent as is). */
  sendFrame(f: unknown) {
    this.conn.onMessage(typeof f === 'string' || f instanceof ArrayBuffer || Buffer.isBuffer(f) ? f : JSON.stringify(f));
  }
  /** The network drops: no close frame, the server just sees the socket end. */
  drop() {
    this.closed = { code: 1006, reason: 'dropped' };
    this.conn.onClose();
  }
  of<T extends ServerFrame['type']>(type: T): ServerFrameOf<T>[] {
    return this.frames.filter((f) => f.type === type) as ServerFrameOf<T>[];
  }
  next<T extends ServerFrame['type']>(type: T, pred: (f: ServerFrameOf<T>) => boolean = () => true, ms = 3000): Promise<ServerFrameOf<T>> {
    return waitFor(() => this.of(type).find(pred), `a ${type} frame`, ms);
  }
  /** Highest delta seq seen (what a client would send as lastSeq). */
  lastSeq() {
    return Math.max(this.welcome?.seq ?? 0, ...this.of('delta').map((d) => d.seq));
  }
}

export interface HubWorld {
  hub: SessionHub;
  /** What the hub logged (warnings, failures). */
  logs: string[];
  bus: SessionBus;
  store: SessionStore;
  sessionId: string;
  hostKey: string;
  connect(hello: Record<string, unknown>, ip?: string): Promise<FakeClient>;
  host(): Promise<FakeClient>;
  viewer(name: string): Promise<FakeClient>;
  seat(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A hub on the in-memory bus and store with one fresh session (rooms living, kitchen, bedroom). */
export async function hubWorld(limits: Partial<SessionLimits> = {}, shared?: { bus?: SessionBus; store?: SessionStore; sessionId?: string; hostKey?: string; placeId?: string; ownerId?: string }): Promise<HubWorld> {
  const bus = shared?.bus ?? createMemoryBusHub().connect();
  const store = shared?.store ?? createMemorySessionStore();
  const logs: string[] = [];
  const hub = await SessionHub.start({ bus, store, seats: createSeatTokens(SECRET), limits: { hellosPerIp: null, ...limits }, log: (l) => logs.push(l) });
  let sessionId = shared?.sessionId;
  let hostKey = shared?.hostKey;
  if (!sessionId) {
    const s = await hub.createSession({
      placeId: shared?.placeId ?? 'flat',
      ownerId: shared?.ownerId ?? 'owner',
      hostName: 'Agent Li',
      sceneIds: ['living', 'kitchen', 'bedroom'],
      startScene: 'living',
      startView: { yaw: 0, pitch: 0, fov: 80 },
    });
    sessionId = s.record.id;
    hostKey = s.hostKey;
  }
  const connect = async (hello: Record<string, unknown>, ip = '203.0.113.7') => {
    const c = new FakeClient();
    c.conn = hub.accept(sessionId!, c, ip);
    c.sendFrame({ type: 'hello', v: SESSION_PROTOCOL_VERSION, ...hello });
    await waitFor(() => c.frames.find((f) => f.type === 'welcome' || f.type === 'rejected') || c.closed, 'welcome or rejected');
    c.welcome = c.of('welcome')[0];
    return c;
  };
  const seat = async (name: string) => {
    const r = await hub.issueSeat(sessionId!, name);
    if (!r.ok) throw new Error(r.reason);
    return r.token;
  };
  return {
    hub,
    logs,
    bus,
    store,
    sessionId,
    hostKey: hostKey!,
    connect,
    host: () => connect({ hostKey }),
    viewer: async (name) => connect({ token: await seat(name) }),
    seat,
    async close() {
      await hub.close();
      if (!shared?.bus) await bus.close();
    },
  };
}
