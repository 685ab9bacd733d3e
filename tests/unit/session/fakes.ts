import type { View } from '@protocol';
import type { Participant, ServerFrame, SessionSnapshot, WelcomeFrame } from '../../../server/protocol/session.ts';
import type { FollowTour } from '../../../client/session/FollowController.ts';
import type { SessionSocket } from '../../../client/session/SessionSocket.ts';
import { ViewController } from '../../../client/viewer/ViewController.ts';

/** A socket the test drives: it records what the client sends and delivers what the "server" says. */
export class FakeSocket implements SessionSocket {
  sent: unknown[] = [];
  closed: { code?: number; reason?: string } | null = null;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number, reason?: string) {
    this.closed = { code, reason };
  }
  /** Server side: */
  open() {
    this.onopen?.({});
  }
  receive(frame: ServerFrame | object) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  receiveRaw(data: unknown) {
    this.onmessage?.({ data });
  }
  drop(code = 1006, reason = '') {
    this.onclose?.({ code, reason });
  }
  /** Frames of one type the client sent. */
  of<T = Record<string, unknown>>(type: string): T[] {
    return this.sent.filter((f) => (f as { type: string }).type === type) as T[];
  }
}

export function socketFactory() {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    create: (url: string) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    get last() {
      return sockets[sockets.length - 1];
    },
  };
}

export const HOST = 'hHost';
export const ANNA = 'vAnna';
export const BEN = 'vBen';

export function person(id: string, name: string, over: Partial<Participant> = {}): Participant {
  return {
    id,
    name,
    role: id.startsWith('h') ? 'host' : 'viewer',
    connected: true,
    following: !id.startsWith('h'),
    hand: false,
    muted: false,
    speaker: id.startsWith('h'),
    joinedAt: 1,
    ...over,
  };
}

export function snapshot(over: Partial<SessionSnapshot> = {}): SessionSnapshot {
  return {
    id: 'sess1',
    placeId: 'demo-flat',
    status: 'live',
    hostId: HOST,
    leadId: HOST,
    room: { sceneId: 'living', view: { yaw: 0, pitch: 0, fov: 90 } },
    exhibit: null,
    show: null,
    mode: { view: 'panorama', plan: false },
    participants: [person(HOST, 'Host'), person(ANNA, 'Anna')],
    chat: [],
    reactions: [],
    bookingOffer: null,
    bookings: [],
    startedAt: 1,
    endedAt: null,
    ...over,
  };
}

export function welcome(you: { id: string; role: 'host' | 'viewer' }, over: Partial<WelcomeFrame> = {}): WelcomeFrame {
  return {
    type: 'welcome',
    v: 1,
    sessionId: 'sess1',
    you,
    resumeToken: `v1.resume-${you.id}`,
    seq: 5,
    graceMs: 30_000,
    sync: { kind: 'snapshot', state: snapshot() },
    poses: [],
    voice: { enabled: false },
    limits: { leadPoseHz: 20, viewerPoseHz: 10, chatMax: 500, maxFrameBytes: 16384 },
    ...over,
  };
}

/** A tour with a real ViewController and rooms by id: enough for follow mode and the driver. */
export class FakeTour implements FollowTour {
  scene: { id: string };
  readonly view: ViewController;
  readonly walks: { sceneId: string; view?: Partial<View> }[] = [];
  private readonly sceneListeners = new Set<(s: { id: string }) => void>();

  constructor(
    sceneId = 'living',
    view: View = { yaw: 0, pitch: 0, fov: 90 },
    readonly rooms = ['living', 'kitchen', 'bedroom'],
  ) {
    this.scene = { id: sceneId };
    this.view = new ViewController(view);
  }

  goTo(sceneId: string, view?: Partial<View>): boolean {
    if (!this.rooms.includes(sceneId)) return false;
    this.walks.push({ sceneId, view });
    if (sceneId !== this.scene.id) {
      this.scene = { id: sceneId };
      if (view) this.view.setView({ ...this.view.view, ...view });
      for (const l of this.sceneListeners) l(this.scene);
    } else if (view) this.view.setView({ ...this.view.view, ...view });
    return true;
  }

  onScene(listener: (s: { id: string }) => void): () => void {
    this.sceneListeners.add(listener);
    return () => this.sceneListeners.delete(listener);
  }

  /** The person drags: a user move of the view controller (byUser = true), as a pointer drag makes. */
  drag(dYaw: number) {
    (this.view as unknown as { userMove(dy: number, dp: number): void }).userMove(dYaw, 0);
  }
}
