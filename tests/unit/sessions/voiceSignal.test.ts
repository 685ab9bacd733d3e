import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VOICE_SDP_MAX } from '../../../server/protocol/session.ts';
import { REDIS_URL, useRedisPrefix } from './helpers/redis.ts';
import { memoryBacking, startSessionServer, type Backing, type SessionServer } from './helpers/sessionServer.ts';
import { WsClient, hostKeyOf, joinAs, startSession } from './helpers/wsClient.ts';

/** A browser's audio-only description, as Chrome writes one (trimmed): `dir` is the audio section's direction. */
const sdp = (dir: string, extra = '') =>
  ['v=0', 'o=- 46117 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', 'a=mid:0', `a=${dir}`, 'a=rtpmap:111 opus/48000/2', extra]
    .filter(Boolean)
    .join('\r\n') + '\r\n';
const videoSection = 'm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\na=sendonly\r\na=rtpmap:96 VP8/90000';

const { admin, prefix } = useRedisPrefix();
let backing: Backing;
const servers: SessionServer[] = [];
const clients: WsClient[] = [];
const track = (c: WsClient) => (clients.push(c), c);
const TURN = { urls: ['turn:turn.example.com:3478'], secret: 'coturn-shared-secret', ttlS: 3600 };

beforeAll(() => {
  backing = memoryBacking();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.close().catch(() => {})));
});

const backends: [string, () => Promise<[SessionServer, SessionServer]>][] = [
  [
    'in-memory bus',
    async () => {
      const s = await startSessionServer(backing, { p2pVoice: { iceServers: [], turn: TURN } });
      servers.push(s);
      return [s, s];
    },
  ],
  [
    'Redis, host on A and viewers on B',
    async () => {
      await admin;
      const opts = { redisUrl: REDIS_URL, redisPrefix: prefix, p2pVoice: { iceServers: [], turn: TURN } };
      const a = await startSessionServer(backing, opts);
      const b = await startSessionServer(backing, opts);
      servers.push(a, b);
      return [a, b];
    },
  ],
];

describe.each(backends)('built-in voice signalling (%s)', (_name, start) => {
  async function session() {
    const [a, b] = await start();
    const s = await startSession(a.url, backing.hostToken, backing.placeId);
    const host = track(await WsClient.connect(a.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const mei = track(await joinAs(b.url, b.wsUrl, s.id, 'Mei'));
    const bo = track(await joinAs(b.url, b.wsUrl, s.id, 'Bo'));
    return { host, mei, bo, hostId: host.welcome!.you.id, meiId: mei.welcome!.you.id, boId: bo.welcome!.you.id };
  }

  it('the welcome says p2p with a TURN credential of each seat’s own; ready, offers, answers and candidates pass between the guide and a viewer, across instances', async () => {
    const { host, mei, hostId, meiId } = await session();
    expect(host.welcome!.voice).toMatchObject({ enabled: true, mode: 'p2p', iceServers: [{ urls: TURN.urls, username: expect.stringMatching(new RegExp(`^\\d+:${hostId}$`)), credential: expect.any(String) }] });
    expect(mei.welcome!.voice.iceServers![0].username).toMatch(new RegExp(`:${meiId}$`));

    mei.send({ type: 'signal', to: hostId, signal: { kind: 'ready' } });
    expect(await host.next('signal')).toMatchObject({ from: meiId, signal: { kind: 'ready' } });
    host.send({ type: 'signal', to: meiId, signal: { kind: 'description', sdpType: 'offer', sdp: sdp('sendrecv') } });
    expect(await mei.next('signal')).toMatchObject({ from: hostId, signal: { kind: 'description', sdpType: 'offer' } });
    // A listener's answer receives only.
    mei.send({ type: 'signal', to: hostId, signal: { kind: 'description', sdpType: 'answer', sdp: sdp('recvonly') } });
    expect(await host.next('signal', (f) => f.signal.kind === 'description')).toMatchObject({ from: meiId, signal: { sdpType: 'answer' } });
    mei.send({ type: 'signal', to: hostId, signal: { kind: 'candidate', candidate: 'candidate:1 1 udp 2122260223 192.168.1.5 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } });
    expect(await host.next('signal', (f) => f.signal.kind === 'candidate')).toMatchObject({ from: meiId, signal: { sdpMid: '0' } });
    expect(mei.of('error')).toEqual([]);
    expect(host.of('error')).toEqual([]);
  });

  it('refuses viewer to viewer, strangers, a viewer sending audio before the guide invites them (and after a mute), video and oversized descriptions', async () => {
    const { host, mei, bo, hostId, meiId, boId } = await session();
    const refused = async (c: WsClient, frame: object, code: string, message?: RegExp) => {
      const before = c.of('error').length;
      c.send(frame);
      const e = await c.next('error', (f) => c.of('error').indexOf(f as never) >= before);
      expect(e).toMatchObject({ code, ...(message && { message: expect.stringMatching(message) }) });
    };
    await refused(mei, { type: 'signal', to: boId, signal: { kind: 'ready' } }, 'not_allowed', /viewers do not connect/);
    await refused(mei, { type: 'signal', to: 'nobody', signal: { kind: 'ready' } }, 'unknown_participant');
    await refused(mei, { type: 'signal', to: meiId, signal: { kind: 'ready' } }, 'unknown_participant');
    await refused(mei, { type: 'signal', to: hostId, signal: { kind: 'description', sdpType: 'offer', sdp: sdp('sendrecv') } }, 'not_allowed', /invited to speak/);
    // No direction line means sendrecv.
    await refused(mei, { type: 'signal', to: hostId, signal: { kind: 'description', sdpType: 'offer', sdp: sdp('x-none') } }, 'not_allowed', /invited to speak/);
    await refused(mei, { type: 'signal', to: hostId, signal: { kind: 'description', sdpType: 'offer', sdp: 'x'.repeat(VOICE_SDP_MAX + 1) } }, 'invalid_frame');

    host.send({ type: 'speak', id: meiId, allowed: true });
    await mei.next('delta', (d) => d.changes.some((c) => c.type === 'speaker' && c.speaker));
    mei.send({ type: 'signal', to: hostId, signal: { kind: 'description', sdpType: 'offer', sdp: sdp('sendrecv') } });
    expect(await host.next('signal', (f) => f.signal.kind === 'description')).toMatchObject({ from: meiId, signal: { sdpType: 'offer' } });
    // Audio only, even for a speaker.
    await refused(mei, { type: 'signal', to: hostId, signal: { kind: 'description', sdpType: 'offer', sdp: sdp('recvonly', videoSection) } }, 'not_allowed', /audio only/);
    // Bo was not invited; Mei is muted (which ends her invitation).
    await refused(bo, { type: 'signal', to: hostId, signal: { kind: 'description', sdpType: 'answer', sdp: sdp('sendonly') } }, 'not_allowed', /invited to speak/);
    host.send({ type: 'mute', id: meiId, muted: true });
    await mei.next('delta', (d) => d.changes.some((c) => c.type === 'muted' && c.muted));
    await refused(mei, { type: 'signal', to: hostId, signal: { kind: 'description', sdpType: 'answer', sdp: sdp('sendrecv') } }, 'not_allowed', /invited to speak/);
    // Listening stays allowed.
    mei.send({ type: 'signal', to: hostId, signal: { kind: 'description', sdpType: 'answer', sdp: sdp('recvonly') } });
    await host.next('signal', (f) => f.signal.kind === 'description' && f.signal.sdpType === 'answer');
    // The guide may send anything to a viewer (its own voice, forwarded speakers).
    host.send({ type: 'signal', to: boId, signal: { kind: 'description', sdpType: 'offer', sdp: sdp('sendonly') } });
    await bo.next('signal');
  });

  it('rate-limits signals per socket (an error, the socket stays open)', async () => {
    const { mei, hostId } = await session();
    for (let i = 0; i < 80; i++) mei.send({ type: 'signal', to: hostId, signal: { kind: 'candidate', candidate: '' } });
    expect(await mei.next('error', (e) => e.code === 'rate_limited')).toMatchObject({ message: expect.stringMatching(/voice signals/) });
    expect(mei.closed).toBeNull();
  });
});

describe('voice modes', () => {
  it('with LiveKit configured the welcome says livekit and the socket relays no signals; with voice off it says off', async () => {
    const lk = await startSessionServer(backing, { livekit: { url: 'wss://127.0.0.1:9', apiKey: 'key', apiSecret: 'secret-secret-secret-secret-secret' } });
    const off = await startSessionServer(backing, { p2pVoice: null });
    servers.push(lk, off);
    const s = await startSession(lk.url, backing.hostToken, backing.placeId);
    const host = track(await WsClient.connect(lk.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const mei = track(await joinAs(lk.url, lk.wsUrl, s.id, 'Mei'));
    expect(host.welcome!.voice).toEqual({ enabled: true, mode: 'livekit' });
    mei.send({ type: 'signal', to: host.welcome!.you.id, signal: { kind: 'ready' } });
    expect(await mei.next('error')).toMatchObject({ code: 'not_allowed', message: expect.stringMatching(/LiveKit/) });
    expect(host.of('signal')).toEqual([]);

    const s2 = await startSession(off.url, backing.hostToken, backing.placeId);
    const host2 = track(await WsClient.connect(off.wsUrl, s2.id, { hostKey: hostKeyOf(s2.hostUrl) }));
    expect(host2.welcome!.voice).toEqual({ enabled: false });
    const looked = (await (await fetch(`${off.url}/api/sessions/by-code/${s2.code}`)).json()) as { voice: unknown };
    expect(looked.voice).toEqual({ enabled: false });
  });
});
