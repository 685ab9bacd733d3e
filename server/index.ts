import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { ensureDemoPlace } from './demo/ensureDemoPlace.ts';
import { createFilePlaceStore } from './places/createFilePlaceStore.ts';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** Wires the embedded defaults (file store, local tiles) and listens. */
export async function startServer(config: Config, log: (line: string) => void = console.log): Promise<RunningServer> {
  const places = createFilePlaceStore(config.placesDir);
  const demoDir = path.join(config.rootDir, 'assets', 'demo', 'flat');
  if (existsSync(path.join(demoDir, 'tour.json'))) {
    await ensureDemoPlace({ sourceDir: demoDir, places, tilesDir: config.tilesDir, log });
  }
  const clientDir = path.join(config.rootDir, 'dist', 'client');
  const app = createApp({
    places,
    tilesDir: config.tilesDir,
    clientDir: existsSync(path.join(clientDir, 'index.html')) ? clientDir : undefined,
    xrProfilesDir: path.join(config.rootDir, 'node_modules', '@webxr-input-profiles', 'assets', 'dist', 'profiles'),
    assetBaseUrl: config.assetBaseUrl,
  });
  return await new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
      resolve({
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
