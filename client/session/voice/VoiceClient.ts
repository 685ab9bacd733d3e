import type { VoiceTokenResult } from '@protocol';
import { fetchVoiceToken } from '../sessionApi.ts';
import type { RemoteVideo, VoiceRoom } from './VoiceRoom.ts';

export type VoiceStatus = 'off' | 'connecting' | 'on' | 'unavailable';
export type PublishSource = 'microphone' | 'camera';

export interface VoiceState {
  /** off: the server has no voice; unavailable: it has, but we could not reach it (chat still works). */
  status: VoiceStatus;
  canPublish: readonly PublishSource[];
  mic: boolean;
  camera: boolean;
  /** The browser wants a tap before it plays sound. */
  audioBlocked: boolean;
  speaking: readonly string[];
  videos: readonly RemoteVideo[];
  /** The last thing that went wrong with the microphone or camera (permission denied, no device). */
  deviceError: PublishSource | null;
  /** Push-to-talk is held (the microphone is on only while it is). */
  talking: boolean;
}

export interface VoiceClientOptions {
  sessionId: string;
  /** The credential for the voice token: the latest seat (resume) token, or the host key. */
  credential: () => string;
  createRoom: () => VoiceRoom | Promise<VoiceRoom>;
  fetchToken?: (sessionId: string, credential: string) => Promise<VoiceTokenResult>;
  connectTimeoutMs?: number;
  /** After losing the voice room, try again this often (ms). */
  retryMs?: number;
}

const sameSources = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Voice (and the host's camera), without React, through LiveKit or the built-in p2p room: fetches a token (or the p2p grants) for this
 * seat, joins the room, plays everyone's audio, publishes the microphone (and camera) when
 * the token allows it. An invitation to speak (or its end) fetches a new token and rejoins
 * with the new grants. When the server has no voice, or LiveKit can't be reached, the state
 * says so and nothing else depends on it.
 */
export class VoiceClient {
  state: VoiceState = { status: 'off', canPublish: [], mic: false, camera: false, audioBlocked: false, speaking: [], videos: [], deviceError: null, talking: false };
  private room: VoiceRoom | null = null;
  private offs: (() => void)[] = [];
  private work: Promise<void> = Promise.resolve();
  private disposed = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** The microphone is on because push-to-talk is held. */
  private ptt = false;
  private readonly listeners = new Set<(s: VoiceState) => void>();

  constructor(private readonly opts: VoiceClientOptions) {}

  subscribe = (l: (s: VoiceState) => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getState = (): VoiceState => this.state;

  /** Joins the voice room (listen only unless the token allows publishing). */
  start(): Promise<void> {
    return this.serial(() => this.join(false));
  }

  /** Fetches a new token (grants may have changed) and rejoins if what we may publish changed. */
  refresh(): Promise<void> {
    return this.serial(() => this.join(true));
  }

  /** Microphone on/off (only when the grant allows it). */
  setMic(on: boolean): Promise<void> {
    return this.serial(async () => {
      if (!this.room || (on && !this.state.canPublish.includes('microphone'))) return;
      try {
        await this.room.setMicrophone(on);
        this.set({ mic: on, deviceError: null });
      } catch {
        this.set({ mic: false, deviceError: 'microphone' });
      }
    });
  }

  /**
   * Push to talk: holding (Space, or the hold button) turns the microphone on while held, when
   * it was off; letting go turns it off again. A microphone already on stays on.
   */
  pushToTalk(down: boolean): Promise<void> {
    if (down) {
      if (this.state.mic || this.ptt || !this.state.canPublish.includes('microphone')) return this.work;
      this.ptt = true;
      this.set({ talking: true });
      return this.setMic(true);
    }
    if (!this.ptt) return this.work;
    this.ptt = false;
    this.set({ talking: false });
    return this.setMic(false);
  }

  setCamera(on: boolean): Promise<void> {
    return this.serial(async () => {
      if (!this.room || (on && !this.state.canPublish.includes('camera'))) return;
      try {
        await this.room.setCamera(on);
        this.set({ camera: on, deviceError: null });
      } catch {
        this.set({ camera: false, deviceError: 'camera' });
      }
    });
  }

  /** From a click: lets the browser play the others' audio. */
  async enableAudio(): Promise<void> {
    await this.room?.startAudio().catch(() => {});
    this.sync();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.leaveRoom();
    this.listeners.clear();
  }

  private serial(fn: () => Promise<void>): Promise<void> {
    this.work = this.work.then(fn, fn).catch(() => {});
    return this.work;
  }

  private async join(onlyIfChanged: boolean) {
    if (this.disposed) return;
    let token: VoiceTokenResult;
    try {
      token = await (this.opts.fetchToken ?? fetchVoiceToken)(this.opts.sessionId, this.opts.credential());
    } catch {
      if (!onlyIfChanged || !this.room) this.unavailable();
      return;
    }
    if (this.disposed) return;
    if (!token.enabled) {
      this.leaveRoom();
      this.set({ status: 'off', canPublish: [], mic: false, camera: false });
      return;
    }
    if (onlyIfChanged && this.room && this.state.status === 'on' && sameSources(token.canPublish, this.state.canPublish)) return;
    if (onlyIfChanged && this.room?.updateGrants && this.state.status === 'on') {
      await this.room.updateGrants(token.canPublish);
      const mic = this.state.mic && token.canPublish.includes('microphone');
      this.ptt = this.ptt && mic;
      this.set({ canPublish: token.canPublish, mic });
      return;
    }
    this.leaveRoom();
    this.set({ status: 'connecting', canPublish: token.canPublish, mic: false, camera: false });
    const room = await this.opts.createRoom();
    if (this.disposed) return;
    this.room = room;
    this.offs.push(
      room.onChange(() => this.sync()),
      room.onLost(() => {
        if (this.room !== room) return;
        this.leaveRoom();
        this.unavailable();
      }),
    );
    const timeout = this.opts.connectTimeoutMs ?? 10_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        room.connect(token.url, token.token),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('Vantage: voice server did not answer')), timeout))),
      ]);
    } catch {
      if (this.room === room) {
        this.leaveRoom();
        this.unavailable();
      }
      return;
    } finally {
      clearTimeout(timer);
    }
    if (this.disposed || this.room !== room) return;
    this.set({ status: 'on' });
    this.sync();
  }

  private unavailable() {
    this.set({ status: 'unavailable', mic: false, camera: false, speaking: [], videos: [] });
    if (this.disposed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.disposed && this.state.status === 'unavailable') void this.start();
    }, this.opts.retryMs ?? 20_000);
  }

  private leaveRoom() {
    for (const off of this.offs.splice(0)) off();
    const room = this.room;
    this.room = null;
    if (room) void room.disconnect().catch(() => {});
  }

  private sync() {
    const r = this.room;
    if (!r) return;
    this.set({ audioBlocked: r.audioBlocked, speaking: [...r.speaking], videos: [...r.videos] });
  }

  private set(patch: Partial<VoiceState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }
}
