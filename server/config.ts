import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  ASSET_BASE_URL: z
    .string()
    .url()
    .optional()
    .transform((v) => (v ? v.replace(/\/+$/, '') : '')),
  // An XYZ tile template (https://tile.example.com/{z}/{x}/{y}.png) for listings' maps; the
  // placeholders sit in the path, so the CSP can allow its one origin. Unset: a drawn map, no requests out.
  MAP_TILE_URL: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .refine((v) => {
      if (v === undefined) return true;
      if (!['{z}', '{x}', '{y}'].every((p) => v.includes(p)) || /\{(?![zxy]\})/.test(v)) return false;
      try {
        const u = new URL(v.replace(/\{[zxy]\}/g, '0'));
        return (u.protocol === 'https:' || u.protocol === 'http:') && !/[{}]/.test(u.host);
      } catch {
        return false;
      }
    }, 'use an http(s) URL with {z}, {x} and {y} in its path, such as https://tile.example.com/{z}/{x}/{y}.png'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Long enough that guessing it is hopeless; /metrics stays off without one.
  METRICS_TOKEN: z.union([z.literal(''), z.string().min(16, 'use at least 16 characters')]).optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  tilesDir: string;
  placesDir: string;
  assetBaseUrl: string;
  /** Postgres when set; PGlite under DATA_DIR/db otherwise. */
  databaseUrl?: string;
  rootDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Bearer token for GET /metrics; metrics are off without it. */
  metricsToken?: string;
  /** XYZ tile template for listings' maps; absent: listings draw their own map. */
  mapTileUrl?: string;
};

/** Reads the environment once; a bad value stops start-up with a sentence naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv, rootDir: string): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Vantage: environment variable ${String(issue.path[0])} is invalid (${issue.message}).`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(rootDir, e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    tilesDir: path.join(dataDir, 'tiles'),
    placesDir: path.join(dataDir, 'places'),
    assetBaseUrl: e.ASSET_BASE_URL,
    databaseUrl: e.DATABASE_URL,
    rootDir,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN || undefined,
    mapTileUrl: e.MAP_TILE_URL,
  };
}
