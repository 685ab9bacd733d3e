import { liveKitConfigFromEnv, type LiveKitConfig } from './livekitTokens.ts';
import { p2pVoiceConfigFromEnv, voiceModeFromEnv, type P2pVoiceConfig } from './p2pVoice.ts';

export interface SessionConfig {
  /** Several instances share sessions through Redis when set; in-process bus + database otherwise. */
  redisUrl?: string;
  /** Key prefix in Redis (REDIS_PREFIX), so deployments can share one server. */
  redisPrefix: string;
  livekit: LiveKitConfig | null;
  /** Built-in voice (used when LiveKit is not); null with VOICE=off. */
  p2pVoice: P2pVoiceConfig | null;
}

/** REDIS_URL, REDIS_PREFIX, LIVEKIT_*, VOICE, ICE_SERVERS and TURN_*; a bad value stops start-up with a sentence naming the variable. */
export function sessionConfigFromEnv(env: NodeJS.ProcessEnv): SessionConfig {
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
    throw new Error(`Vantage: REDIS_URL must look like redis://host:6379 (got "${redisUrl.slice(0, 80)}").`);
  }
  const redisPrefix = env.REDIS_PREFIX?.trim() || 'vantage:';
  if (!/^[A-Za-z0-9:_-]{1,40}$/.test(redisPrefix)) throw new Error('Vantage: REDIS_PREFIX may hold letters, digits, ":", "_" and "-" (at most 40).');
  const mode = voiceModeFromEnv(env);
  const livekit = liveKitConfigFromEnv(env);
  const p2pVoice = p2pVoiceConfigFromEnv(env);
  // LiveKit for large groups when configured (VOICE=p2p keeps the built-in voice anyway).
  if (mode === 'off') return { redisUrl, redisPrefix, livekit: null, p2pVoice: null };
  return { redisUrl, redisPrefix, livekit: mode === 'p2p' ? null : livekit, p2pVoice };
}
