import { TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVoiceService, liveKitConfigFromEnv, voiceRoomName } from '../../../server/sessions/livekitTokens.ts';
import { memoryBacking, startSessionServer, type Backing, type SessionServer } from './helpers/sessionServer.ts';
import { WsClient, hostKeyOf, joinAs, startSession } from './helpers/wsClient.ts';

const KEY = 'APIvantageTest';
const SECRET = 'a-livekit-secret-that-is-long-enough-0123456789';
const verifier = new TokenVerifier(KEY, SECRET);
// Nothing listens here: voice grants must still be right, and the session must not care.
const UNREACHABLE = 'ws://127.0.0.1:9';

describe('LiveKit configuration', () => {
  it('all three variables or none', () => {
    expect(liveKitConfigFromEnv({})).toBeNull();
    expect(liveKitConfigFromEnv({ LIVEKIT_URL: 'wss://lk.example', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's' })).toEqual({ url: 'wss://lk.example', apiKey: 'k', apiSecret: 's' });
    expect(() => liveKitConfigFromEnv({ LIVEKIT_URL: 'wss://lk.example' })).toThrow(/LIVEKIT_API_KEY and LIVEKIT_API_SECRET are not set/);
    expect(() => liveKitConfigFromEnv({ LIVEKIT_URL: 'lk.example', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's' })).toThrow(/wss:\/\//);
  });
});

describe('voice token grants (checked with TokenVerifier)', () => {
  const voice = createVoiceService({ url: UNREACHABLE, apiKey: KEY, apiSecret: SECRET }, { log: () => {} });
  const grant = async (seat: Parameters<typeof voice.tokenFor>[0]) => {
    const r = await voice.tokenFor(seat);
    if (!r.enabled) throw new Error('voice off');
    return { r, claims: await verifier.verify(r.token) };
  };

  it('the host may publish microphone and camera', async () => {
    const { r, claims } = await grant({ sessionId: 's1', participantId: 'h1', name: 'Agent Li', role: 'host', speaker: true });
    expect(r).toMatchObject({ enabled: true, url: UNREACHABLE, room: voiceRoomName('s1'), identity: 'h1', canPublish: ['microphone', 'camera'] });
    expect(claims.sub).toBe('h1');
    expect(claims.name).toBe('Agent Li');
    expect(claims.video).toMatchObject({ roomJoin: true, room: 'vantage-session-s1', canPublish: true, canSubscribe: true, canPublishData: false });
    expect([...claims.video!.canPublishSources!].sort()).toEqual(['camera', 'microphone']);
  });

  it('a viewer only listens', async () => {
    const { r, claims } = await grant({ sessionId: 's1', participantId: 'v1', name: 'Mum', role: 'viewer', speaker: false });
    expect(r.canPublish).toEqual([]);
    expect(claims.video).toMatchObject({ roomJoin: true, room: 'vantage-session-s1', canPublish: false, canSubscribe: true, canPublishData: false });
    expect(claims.video!.canPublishSources ?? []).toEqual([]);
  });

  it('an invited viewer may publish a microphone, never a camera', async () => {
    const { claims } = await grant({ sessionId: 's1', participantId: 'v1', name: 'Mum', role: 'viewer', speaker: true });
    expect(claims.video).toMatchObject({ canPublish: true, canPublishSources: ['microphone'] });
  });

  it('a token signed with another secret does not verify', async () => {
    const other = createVoiceService({ url: UNREACHABLE, apiKey: KEY, apiSecret: `${SECRET}-other` });
    const r = await other.tokenFor({ sessionId: 's1', participantId: 'h1', name: 'x', role: 'host', speaker: true });
    await expect(verifier.verify((r as { token: string }).token)).rejects.toThrow();
  });
});

describe('inviting a viewer to speak, end to end (LiveKit configured but unreachable)', () => {
  let backing: Backing;
  let srv: SessionServer;
  const logs: string[] = [];
  beforeAll(async () => {
    backing = memoryBacking();
    srv = await startSessionServer(backing, { livekit: { url: UNREACHABLE, apiKey: KEY, apiSecret: SECRET }, log: (l) => logs.push(l) });
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
    await backing?.cleanup();
  });

  const voiceToken = async (sessionId: string, credential: string) => {
    const res = await fetch(`${srv.url}/api/sessions/${sessionId}/voice-token`, { method: 'POST', headers: { authorization: `Bearer ${credential}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { enabled: boolean; token: string; canPublish: string[] };
    return { body, claims: await verifier.verify(body.token) };
  };

  it('grants change with the invitation and back; the session carries on while LiveKit is away', async () => {
    const s = await startSession(srv.url, backing.hostToken, backing.placeId);
    const host = await WsClient.connect(srv.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) });
    const mum = await joinAs(srv.url, srv.wsUrl, s.id, 'Mum');
    expect(mum.welcome!.voice).toEqual({ enabled: true, mode: 'livekit' });
    const mumId = mum.welcome!.you.id;

    expect((await voiceToken(s.id, host.welcome!.resumeToken)).claims.video).toMatchObject({ canPublish: true });
    expect((await voiceToken(s.id, mum.welcome!.resumeToken)).claims.video).toMatchObject({ canPublish: false, canSubscribe: true });

    host.send({ type: 'speak', id: mumId, allowed: true });
    await mum.next('delta', (d) => d.changes.some((c) => c.type === 'speaker' && c.speaker));
    const invited = await voiceToken(s.id, mum.welcome!.resumeToken);
    expect(invited.body.canPublish).toEqual(['microphone']);
    expect(invited.claims.video).toMatchObject({ canPublish: true, canPublishSources: ['microphone'] });

    host.send({ type: 'speak', id: mumId, allowed: false });
    await mum.next('delta', (d) => d.changes.some((c) => c.type === 'speaker' && !c.speaker));
    expect((await voiceToken(s.id, mum.welcome!.resumeToken)).claims.video).toMatchObject({ canPublish: false });

    // LiveKit could not be told to change the live grants: said once, and nothing else broke.
    await new Promise((r) => setTimeout(r, 3500));
    expect(logs.some((l) => /LiveKit at ws:\/\/127\.0\.0\.1:9 did not take/.test(l))).toBe(true);
    host.send({ type: 'goto', sceneId: 'kitchen' });
    await mum.next('delta', (d) => d.changes.some((c) => c.type === 'room'));
    await Promise.all([host.close(), mum.close()]);
  }, 30_000);
});
