import { liveKitConfigFromEnv, type LiveKitConfig } from './livekitTokens.ts';

export interface SessionConfig {
  /** Several instances share sessions through Redis when set; in-process bus + database otherwise. */
  redisUrl?: string;
  /** Key prefix in Redis (REDIS_PREFIX), so deployments can share one server. */
  redisPrefix: string;
  livekit: LiveKitConfig | null;
}

/** REDIS_URL, REDIS_PREFIX and LIVEKIT_*; a bad value stops start-up with a sentence naming the variable. */
export function sessionConfigFromEnv(env: NodeJS.ProcessEnv): SessionConfig {
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
    throw new Error(`Vantage: REDIS_URL must look like redis://host:6379 (got "${redisUrl.slice(0, 80)}").`);
  }
  const redisPrefix = env.REDIS_PREFIX?.trim() || 'vantage:';
  if (!/^[A-Za-z0-9:_-]{1,40}$/.test(redisPrefix)) throw new Error('Vantage: REDIS_PREFIX may hold letters, digits, ":", "_" and "-" (at most 40).');
  return { redisUrl, redisPrefix, livekit: liveKitConfigFromEnv(env) };
}
