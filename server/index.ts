import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readdir, stat } from 'node:fs/promises';
import { createApp } from './app.ts';
import { securityOptionsFromEnv } from './http/securityHeaders.ts';
import { createTokenSigner } from './auth/createTokenSigner.ts';
import { createNotificationSender } from './bookings/createNotificationSender.ts';
import { ensureFirstHost, type FirstHost } from './auth/ensureFirstHost.ts';
import { loadAuthSecret } from './auth/loadAuthSecret.ts';
import type { Config } from './config.ts';
import { createDb } from './db/createDb.ts';
import { createDbPlaceStore } from './db/createDbPlaceStore.ts';
import { createHostStore } from './db/createHostStore.ts';
import { migrate } from './db/migrate.ts';
import { ensureDemoPlace } from './demo/ensureDemoPlace.ts';
import { warmCompressed } from './static/serveCompressed.ts';
import { ensureDemoSlots } from './demo/ensureDemoSlots.ts';
import { ensureDemoMuseum } from './demo/ensureDemoMuseum.ts';
import { ensureDemoEntrySlots, SHOW_HOURS } from './demo/ensureDemoEntrySlots.ts';
import { ensureDemoShow } from './demo/ensureDemoShow.ts';
import { sweepTiles } from './ingest/sweepTiles.ts';
import { attachSessionSockets } from './routes/sessionRoutes.ts';
import { createSessionService } from './sessions/createSessionService.ts';
import { sessionConfigFromEnv } from './sessions/sessionConfig.ts';
import type { Server } from 'node:http';
import { createBookingStore } from './bookings/createBookingStore.ts';
import { createSlotStore } from './bookings/createSlotStore.ts';
import { createLogger, logLine, type Logger } from './log/createLogger.ts';
import { createMetrics } from './metrics/createMetrics.ts';

export interface RunningServer {
  port: number;
  firstHost: FirstHost;
  close(): Promise<void>;
}

/** Wires the database (PGlite or Postgres), auth, demo content, the stores and the app; listens. */
export async function startServer(config: Config, logger: Logger = createLogger({ level: config.logLevel })): Promise<RunningServer> {
  // Parts that take a line callback log it as one JSON record's message.
  const log = logLine(logger);
  const db = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    const places = createDbPlaceStore(db);
    const hosts = createHostStore(db);
    const secret = await loadAuthSecret(process.env, config.dataDir);
    const signer = createTokenSigner(secret);
    const firstHost = await ensureFirstHost(hosts, config.dataDir, process.env);
    const demoDir = path.join(config.rootDir, 'assets', 'demo', 'flat');
    if (existsSync(path.join(demoDir, 'tour.json'))) {
      const demo = await ensureDemoPlace({ sourceDir: demoDir, places, tilesDir: config.tilesDir, hostId: firstHost.host.id, log });
      const added = await ensureDemoSlots(db, demo.id);
      if (added) log(`Vantage: published ${added} demo visit slots for "${demo.title}"`);
    }
    // The demo museum: before the sweep below, which would take its half-written folders for leftovers.
    const museumDir = path.join(config.rootDir, 'assets', 'demo', 'museum');
    if (existsSync(path.join(museumDir, 'museum.json'))) {
      const museum = await ensureDemoMuseum({ sourceDir: museumDir, places, tilesDir: config.tilesDir, hostId: firstHost.host.id, log });
      const added = await ensureDemoEntrySlots(db, museum.id);
      if (added) log(`Vantage: published ${added} timed entry slots for "${museum.title}"`);
    }
    // The demo shows (three angles and a 360° one; a slow-live window): committed loops served live, no ffmpeg.
    const showDir = path.join(config.rootDir, 'assets', 'demo', 'show');
    if (existsSync(path.join(showDir, 'manifest.json'))) {
      await ensureDemoShow({ sourceDir: showDir, places, tilesDir: config.tilesDir, hostId: firstHost.host.id, log });
      // Tickets for the demo theatre's real performances (the slow-live window has no venue to visit).
      const added = await ensureDemoEntrySlots(db, 'demo-show', new Date(), SHOW_HOURS);
      if (added) log(`Vantage: published ${added} performances of the demo show`);
    }
    // What a crash mid-upload left in the tiles folder. The embedded database is this process's
    // alone; on Postgres another instance may be mid-upload, so only what is an hour old goes.
    const swept = await sweepTiles({ tilesDir: config.tilesDir, places: await places.list(), minAgeMs: db.kind === 'pglite' ? 0 : 3_600_000 });
    if (swept.length) log(`Vantage: removed ${swept.length} tile folder(s) and file(s) no place names`);
    // Guided sessions: Redis (REDIS_URL) spans instances; otherwise in-process with state kept in the database.
    const sessionConfig = sessionConfigFromEnv(process.env);
    const sessions = await createSessionService({ places, hosts, secret, db, redisUrl: sessionConfig.redisUrl, redisPrefix: sessionConfig.redisPrefix, livekit: sessionConfig.livekit, p2pVoice: sessionConfig.p2pVoice, log });
    log(`Vantage: ${sessions.describe}`);
    const clientDir = path.join(config.rootDir, 'dist', 'client');
    // The first visitor of a tour should not wait for its ~1 MB of JavaScript to be compressed.
    void readdir(path.join(clientDir, 'assets'), { withFileTypes: true })
      .then(async (entries) => {
        const files: string[] = [];
        for (const e of entries) if (e.isFile() && /\.(js|css)$/.test(e.name) && (await stat(path.join(clientDir, 'assets', e.name))).size < 1_500_000) files.push(`assets/${e.name}`);
        await warmCompressed(clientDir, files);
      })
      .catch(() => {});
    // One process-wide set of figures; /metrics serves it to METRICS_TOKEN only.
    const metrics = createMetrics({ processMetrics: true });
    const app = createApp({
      sessions,
      places,
      hosts,
      bookings: createBookingStore(db),
      slots: createSlotStore(db),
      logger,
      metrics,
      metricsToken: config.metricsToken,
      signer,
      tilesDir: config.tilesDir,
      clientDir: existsSync(path.join(clientDir, 'index.html')) ? clientDir : undefined,
      xrProfilesDir: path.join(config.rootDir, 'node_modules', '@webxr-input-profiles', 'assets', 'dist', 'profiles'),
      assetBaseUrl: config.assetBaseUrl,
      agentFilesDir: path.join(config.dataDir, 'agents'),
      mapTileUrl: config.mapTileUrl,
      db,
      security: securityOptionsFromEnv(process.env, sessionConfig.livekit?.url),
    });
    // Logs notifications, or POSTs them to NOTIFY_WEBHOOK_URL; stopped before the database closes.
    const sender = createNotificationSender({ db, webhookUrl: process.env.NOTIFY_WEBHOOK_URL || undefined, log });
    sender.start();
    const sockets = attachSessionSockets({ sessions });
    return await new Promise((resolve) => {
      const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
        resolve({
          port: info.port,
          firstHost,
          close: () =>
            new Promise<void>((done) => {
              // Sessions first (they tell clients to come back), then sockets, then the database.
              void sessions
                .close()
                .then(() => sockets.close())
                .finally(() => server.close(() => void sender.stop().then(() => db.close()).then(done, done)));
            }),
        });
      });
      sockets.inject(server as Server);
    });
  } catch (e) {
    await db.close();
    throw e;
  }
}
