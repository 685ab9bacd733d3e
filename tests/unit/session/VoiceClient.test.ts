import { describe, expect, it } from 'vitest';
import type { VoiceTokenResult } from '../../../server/protocol/session.ts';
import { VoiceClient } from '../../../client/session/voice/VoiceClient.ts';
import type { RemoteVideo, VoiceRoom } from '../../../client/session/voice/VoiceRoom.ts';

class FakeRoom implements VoiceRoom {
  updateGrants?: (canPublish: readonly ('microphone' | 'camera')[]) => Promise<void>;
  connected: { url: string; token: string } | null = null;
  mic = false;
  disconnects = 0;
  audioBlocked = false;
  videos: RemoteVideo[] = [];
  speaking: string[] = [];
  private changes = new Set<() => void>();
  private losses = new Set<() => void>();
  constructor(private readonly behaviour: 'ok' | 'hang' | 'fail' = 'ok') {}
  async connect(url: string, token: string) {
    if (this.behaviour === 'hang') return new Promise<void>(() => {});
    if (this.behaviour === 'fail') throw new Error('could not connect');
    this.connected = { url, token };
  }
  async disconnect() {
    this.disconnects++;
    this.connected = null;
  }
  async setMicrophone(on: boolean) {
    this.mic = on;
  }
  async setCamera() {}
  async startAudio() {
    this.audioBlocked = false;
  }
  onChange(l: () => void) {
    this.changes.add(l);
    return () => this.changes.delete(l);
  }
  onLost(l: () => void) {
    this.losses.add(l);
    return () => this.losses.delete(l);
  }
  lose() {
    for (const l of this.losses) l();
  }
}

const on = (canPublish: ('microphone' | 'camera')[], token = 'lk'): VoiceTokenResult => ({ enabled: true, url: 'wss://lk', token, room: 'r', identity: 'v1', canPublish });

function setup(tokens: VoiceTokenResult[], behaviour: 'ok' | 'hang' | 'fail' = 'ok') {
  const rooms: FakeRoom[] = [];
  const creds: string[] = [];
  const voice = new VoiceClient({
    sessionId: 's1',
    credential: () => 'v1.seat',
    createRoom: () => {
      const r = new FakeRoom(behaviour);
      rooms.push(r);
      return r;
    },
    fetchToken: async (_id, cred) => {
      creds.push(cred);
      return tokens.length > 1 ? tokens.shift()! : tokens[0];
    },
    connectTimeoutMs: 50,
    retryMs: 1_000_000,
  });
  return { voice, rooms, creds };
}

describe('VoiceClient', () => {
  it('joins to listen; the microphone stays off without a grant', async () => {
    const { voice, rooms, creds } = setup([on([])]);
    await voice.start();
    expect(voice.state.status).toBe('on');
    expect(rooms[0].connected).toEqual({ url: 'wss://lk', token: 'lk' });
    expect(creds).toEqual(['v1.seat']);
    await voice.setMic(true);
    expect(rooms[0].mic).toBe(false);
    voice.dispose();
  });

  it('an invitation to speak: a new token with the new grant, rejoin, then the microphone works', async () => {
    const { voice, rooms } = setup([on([], 'listen'), on(['microphone'], 'speak')]);
    await voice.start();
    await voice.refresh();
    expect(rooms).toHaveLength(2);
    expect(rooms[0].disconnects).toBe(1);
    expect(rooms[1].connected?.token).toBe('speak');
    expect(voice.state.canPublish).toEqual(['microphone']);
    await voice.setMic(true);
    expect(rooms[1].mic).toBe(true);
    voice.dispose();
  });

  it('a room that updates grants in place (the built-in voice) keeps its connection; the end of an invitation turns the microphone off', async () => {
    const { voice, rooms } = setup([on([], 'listen'), on(['microphone'], 'speak'), on([], 'listen')]);
    const grants: string[][] = [];
    await voice.start();
    rooms[0].updateGrants = async (c) => void grants.push([...c]);
    await voice.refresh();
    expect(rooms).toHaveLength(1);
    expect(grants).toEqual([['microphone']]);
    await voice.setMic(true);
    expect(voice.state.mic).toBe(true);
    await voice.refresh();
    expect(rooms).toHaveLength(1);
    expect(voice.state).toMatchObject({ canPublish: [], mic: false });
    voice.dispose();
  });

  it('push to talk: the microphone is on while held, and only when it was off and allowed', async () => {
    const { voice, rooms } = setup([on(['microphone'])]);
    await voice.start();
    await voice.pushToTalk(true);
    expect(voice.state).toMatchObject({ mic: true, talking: true });
    expect(rooms[0].mic).toBe(true);
    await voice.pushToTalk(true); // a key repeat
    await voice.pushToTalk(false);
    expect(voice.state).toMatchObject({ mic: false, talking: false });
    expect(rooms[0].mic).toBe(false);
    // Already on: holding and letting go leaves it on.
    await voice.setMic(true);
    await voice.pushToTalk(true);
    await voice.pushToTalk(false);
    expect(voice.state.mic).toBe(true);
    voice.dispose();
    const listener = setup([on([])]);
    await listener.voice.start();
    await listener.voice.pushToTalk(true);
    expect(listener.voice.state).toMatchObject({ mic: false, talking: false });
    listener.voice.dispose();
  });

  it('does not rejoin when the grants did not change', async () => {
    const { voice, rooms } = setup([on(['microphone', 'camera'])]);
    await voice.start();
    await voice.refresh();
    expect(rooms).toHaveLength(1);
    voice.dispose();
  });

  it('says voice is off when the server has none', async () => {
    const { voice, rooms } = setup([{ enabled: false, reason: 'not_configured', message: 'off' }]);
    await voice.start();
    expect(voice.state.status).toBe('off');
    expect(rooms).toHaveLength(0);
  });

  it('says unavailable when LiveKit cannot be reached, fails or drops', async () => {
    for (const behaviour of ['hang', 'fail'] as const) {
      const { voice } = setup([on([])], behaviour);
      await voice.start();
      expect(voice.state.status, behaviour).toBe('unavailable');
      voice.dispose();
    }
    const { voice, rooms } = setup([on([])]);
    await voice.start();
    rooms[0].lose();
    expect(voice.state.status).toBe('unavailable');
    voice.dispose();
  });

  it('says unavailable when the token request fails', async () => {
    const voice = new VoiceClient({ sessionId: 's', credential: () => 'x', createRoom: () => new FakeRoom(), fetchToken: () => Promise.reject(new Error('offline')), retryMs: 1e9 });
    await voice.start();
    expect(voice.state.status).toBe('unavailable');
    voice.dispose();
  });
});
