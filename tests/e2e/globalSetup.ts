import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startVantage, type Vantage } from '../support/startVantage.ts';
import { launchChromium } from '../support/launchChromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The first host's password (host@vantage.local), set for the e2e server. */
    hostPassword: string;
    /** The e2e server's DATA_DIR. */
    dataDir: string;
  }
}

let server: Vantage | undefined;
let dataDir: string | undefined;

/** One real server for the e2e files (built client, demo flat tiled on start), like `npm start`. */
export async function setup(project: TestProject) {
  // Fail early and clearly when the browser is missing, before spending time on a build.
  await (await launchChromium()).close();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vantage-e2e-'));
  const hostPassword = `e2e-${Math.random().toString(36).slice(2)}`;
  server = await startVantage({ dataDir, env: { VANTAGE_HOST_PASSWORD: hostPassword } });
  project.provide('baseUrl', server.url);
  project.provide('hostPassword', hostPassword);
  project.provide('dataDir', dataDir);
}

export async function teardown() {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
