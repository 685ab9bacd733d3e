import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { iceServersFor, p2pVoiceConfigFromEnv } from '../../../server/sessions/p2pVoice.ts';
import { sdpSends } from '../../../server/sessions/sdpSends.ts';
import { sessionConfigFromEnv } from '../../../server/sessions/sessionConfig.ts';

const LK = { LIVEKIT_URL: 'wss://lk.example', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's' };

describe('voice configuration', () => {
  it('is built in by default, LiveKit when configured, built in again with VOICE=p2p, off with VOICE=off', () => {
    expect(sessionConfigFromEnv({})).toMatchObject({ livekit: null, p2pVoice: { iceServers: [] } });
    expect(sessionConfigFromEnv(LK).livekit).toMatchObject({ url: 'wss://lk.example' });
    expect(sessionConfigFromEnv({ ...LK, VOICE: 'p2p' })).toMatchObject({ livekit: null, p2pVoice: { iceServers: [] } });
    expect(sessionConfigFromEnv({ ...LK, VOICE: 'off' })).toMatchObject({ livekit: null, p2pVoice: null });
    expect(() => sessionConfigFromEnv({ VOICE: 'loud' })).toThrow(/VOICE must be auto, p2p or off/);
  });

  it('reads ICE_SERVERS and TURN_* and says what is wrong', () => {
    expect(p2pVoiceConfigFromEnv({ ICE_SERVERS: '[{"urls":"stun:stun.example:3478"}]', TURN_URL: 'turn:t.example:3478', TURN_USERNAME: 'u', TURN_CREDENTIAL: 'p' }).iceServers).toEqual([
      { urls: 'stun:stun.example:3478' },
      { urls: ['turn:t.example:3478'], username: 'u', credential: 'p' },
    ]);
    expect(() => p2pVoiceConfigFromEnv({ ICE_SERVERS: 'turn:x' })).toThrow(/ICE_SERVERS must be a JSON list/);
    expect(() => p2pVoiceConfigFromEnv({ ICE_SERVERS: '[{"url":"turn:x"}]' })).toThrow(/ICE_SERVERS is not a list/);
    expect(() => p2pVoiceConfigFromEnv({ TURN_URL: 'http://t.example' })).toThrow(/TURN_URL must be turn:host:port/);
    expect(() => p2pVoiceConfigFromEnv({ TURN_USERNAME: 'u' })).toThrow(/need TURN_URL/);
    expect(() => p2pVoiceConfigFromEnv({ TURN_URL: 'turn:t.example', TURN_USERNAME: 'u' })).toThrow(/go together/);
  });

  it('gives each seat a coturn use-auth-secret credential of its own, valid for the TTL', () => {
    const c = p2pVoiceConfigFromEnv({ TURN_URL: 'turn:t.example:3478,turns:t.example:5349', TURN_SECRET: 'shh' });
    const [turn] = iceServersFor(c, 'p-1', 1_000_000);
    expect(turn.username).toBe(`${1000 + 12 * 3600}:p-1`);
    expect(turn.credential).toBe(createHmac('sha1', 'shh').update(turn.username!).digest('base64'));
    expect(turn.urls).toEqual(['turn:t.example:3478', 'turns:t.example:5349']);
  });
});

describe('sdpSends', () => {
  const sdp = (...lines: string[]) => ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', ...lines].join('\r\n');
  it('reads each m-section’s direction (its own, else the session’s, else sendrecv); a port of 0 sends nothing', () => {
    expect(sdpSends(sdp('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=recvonly'))).toEqual({ audio: false, video: false, application: false, other: false });
    expect(sdpSends(sdp('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0')).audio).toBe(true);
    expect(sdpSends(sdp('a=inactive', 'm=audio 9 UDP/TLS/RTP/SAVPF 111')).audio).toBe(false);
    expect(sdpSends(sdp('m=audio 0 UDP/TLS/RTP/SAVPF 111', 'a=sendrecv')).audio).toBe(false);
    expect(sdpSends(sdp('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=recvonly', 'm=video 9 UDP/TLS/RTP/SAVPF 96', 'a=sendonly', 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel'))).toEqual({
      audio: false,
      video: true,
      application: true,
      other: false,
    });
  });
});
