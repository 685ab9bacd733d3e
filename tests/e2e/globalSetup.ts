import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startVantage, type Vantage } from '../support/startVantage.ts';
import { launchChromium } from '../support/launchChromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: Vantage | undefined;
let dataDir: string | undefined;

/** One real server for the e2e files (built client, demo flat tiled on start), like `npm start`. */
export async function setup(project: TestProject) {
  // Fail early and clearly when the browser is missing, before spending time on a build.
  await (await launchChromium()).close();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vantage-e2e-'));
  server = await startVantage({ dataDir });
  project.provide('baseUrl', server.url);
}

export async function teardown() {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
