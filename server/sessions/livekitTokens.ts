import { AccessToken, RoomServiceClient, TrackSource, type VideoGrant } from 'livekit-server-sdk';
import type { IceServer, SessionRole, VoiceMode, VoiceTokenResult } from '../protocol/session.ts';
import { serverLog } from '../log/serverLog.ts';
import { iceServersFor, type P2pVoiceConfig } from './p2pVoice.ts';

export interface LiveKitConfig {
  /** wss://… as the browser connects to it; the server API is reached on the same host over https. */
  url: string;
  apiKey: string;
  apiSecret: string;
}

/**
 * LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET: all three, or none (voice off). Some
 * but not all is a mistake worth stopping for, so this throws a sentence naming what is missing.
 */
export function liveKitConfigFromEnv(env: NodeJS.ProcessEnv): LiveKitConfig | null {
  const vars = { LIVEKIT_URL: env.LIVEKIT_URL, LIVEKIT_API_KEY: env.LIVEKIT_API_KEY, LIVEKIT_API_SECRET: env.LIVEKIT_API_SECRET };
  const missing = Object.entries(vars).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length === 3) return null;
  if (missing.length) throw new Error(`Vantage: voice needs LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET; ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set (unset all three to run without voice).`);
  if (!/^(wss?|https?):\/\//.test(vars.LIVEKIT_URL!)) throw new Error(`Vantage: LIVEKIT_URL must start with wss:// or https:// (got "${vars.LIVEKIT_URL}").`);
  return { url: vars.LIVEKIT_URL!, apiKey: vars.LIVEKIT_API_KEY!, apiSecret: vars.LIVEKIT_API_SECRET! };
}

/** Who someone is in the voice room: the session decides (host, invited speaker or listener). */
export interface VoiceSeat {
  sessionId: string;
  participantId: string;
  name: string;
  role: SessionRole;
  /** Invited to speak by the host. */
  speaker: boolean;
}

export interface VoiceService {
  readonly enabled: boolean;
  /** 'livekit' (large groups), 'p2p' (built in, signalled on the session socket), null (off). */
  readonly mode: VoiceMode | null;
  /** p2p: the STUN/TURN servers for this seat (in its welcome); empty otherwise. */
  iceServersFor(participantId: string): IceServer[];
  /** A LiveKit join token for this seat, or why voice is off. */
  tokenFor(seat: VoiceSeat): Promise<VoiceTokenResult>;
  /**
   * Changes what someone already in the voice room may publish (an invitation to speak, or
   * its end). Best effort: when LiveKit is unreachable the session carries on, and the
   * client's next token has the new grants anyway.
   */
  updatePermissions(seat: VoiceSeat): Promise<void>;
  /** Drops a removed viewer from the voice room (best effort). */
  removeParticipant(sessionId: string, participantId: string): Promise<void>;
}

export const voiceRoomName = (sessionId: string) => `vantage-session-${sessionId}`;
const TOKEN_TTL = '2h';

/** What a seat may publish: host microphone + camera, an invited speaker microphone, everyone else nothing. */
export function publishSources(seat: Pick<VoiceSeat, 'role' | 'speaker'>): ('microphone' | 'camera')[] {
  if (seat.role === 'host') return ['microphone', 'camera'];
  return seat.speaker ? ['microphone'] : [];
}

function grantFor(seat: VoiceSeat): VideoGrant {
  const sources = publishSources(seat);
  return {
    roomJoin: true,
    room: voiceRoomName(seat.sessionId),
    canSubscribe: true,
    canPublish: sources.length > 0,
    canPublishSources: sources.map((s) => (s === 'camera' ? TrackSource.CAMERA : TrackSource.MICROPHONE)),
    // Chat, hands and follow go through the session socket, where they are checked.
    canPublishData: false,
    canUpdateOwnMetadata: false,
  };
}

/**
 * Voice through LiveKit when configured (large groups); else the built-in voice when `p2p` is
 * given (WebRTC between the guide and each viewer, signalled over the session socket: no
 * tokens, the session's own roster grants who may speak); else a service that says voice is off.
 */
export function createVoiceService(
  config: LiveKitConfig | null,
  opts: { log?: (line: string) => void; requestTimeoutS?: number; p2p?: P2pVoiceConfig | null; now?: () => number } = {},
): VoiceService {
  const log = opts.log ?? ((l: string) => serverLog.warn(l));
  if (!config) {
    const p2p = opts.p2p ?? null;
    const now = opts.now ?? Date.now;
    return {
      enabled: p2p !== null,
      mode: p2p ? 'p2p' : null,
      iceServersFor: (pid) => (p2p ? iceServersFor(p2p, pid, now()) : []),
      async tokenFor() {
        return p2p
          ? { enabled: false, reason: 'not_configured', message: 'Voice on this server is built in (peer to peer over the session socket); it needs no LiveKit token.' }
          : { enabled: false, reason: 'not_configured', message: 'Voice is off on this server; chat and raised hands still work.' };
      },
      async updatePermissions() {},
      async removeParticipant() {},
    };
  }
  const rooms = new RoomServiceClient(config.url, config.apiKey, config.apiSecret, { requestTimeout: opts.requestTimeoutS ?? 3 });
  let warned = 0;
  const bestEffort = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      const msg = (e as Error).message ?? String(e);
      // "not found": the participant isn't in the voice room (yet) — the token they fetch next carries the grants.
      if (/not.?found/i.test(msg)) return;
      if (Date.now() - warned > 60_000) log(`Vantage: LiveKit at ${config.url} did not take "${what}" (${msg}); voice grants apply from the next token.`);
      warned = Date.now();
    }
  };
  return {
    enabled: true,
    mode: 'livekit',
    iceServersFor: () => [],
    async tokenFor(seat) {
      const at = new AccessToken(config.apiKey, config.apiSecret, {
        identity: seat.participantId,
        name: seat.name,
        ttl: TOKEN_TTL,
        metadata: JSON.stringify({ role: seat.role }),
      });
      at.addGrant(grantFor(seat));
      return {
        enabled: true,
        url: config.url,
        token: await at.toJwt(),
        room: voiceRoomName(seat.sessionId),
        identity: seat.participantId,
        canPublish: publishSources(seat),
      };
    },
    async updatePermissions(seat) {
      const g = grantFor(seat);
      await bestEffort('update permissions', () =>
        rooms.updateParticipant(voiceRoomName(seat.sessionId), seat.participantId, {
          permission: { canSubscribe: true, canPublish: g.canPublish, canPublishData: false, canPublishSources: g.canPublishSources },
        }),
      );
    },
    async removeParticipant(sessionId, participantId) {
      await bestEffort('remove participant', () => rooms.removeParticipant(voiceRoomName(sessionId), participantId));
    },
  };
}
