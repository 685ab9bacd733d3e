import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Host, HostStore } from '../db/createHostStore.ts';

export const FIRST_HOST_EMAIL = 'host@vantage.local';

export interface FirstHost {
  host: Host;
  /** Known only when this start created it (or it came from VANTAGE_HOST_PASSWORD). */
  password?: string;
}

/**
 * On a fresh embedded install, a first host exists so the console and `npm run host-token`
 * work at once. Its password is VANTAGE_HOST_PASSWORD, or random, shown once at start and
 * kept in DATA_DIR/host-credentials.json (mode 600) for the owner of the machine.
 */
export async function ensureFirstHost(hosts: HostStore, dataDir: string, env: NodeJS.ProcessEnv): Promise<FirstHost> {
  const existing = await hosts.findByEmail(FIRST_HOST_EMAIL);
  const file = path.join(dataDir, 'host-credentials.json');
  if (existing) {
    const saved = await readFile(file, 'utf8').then((t) => JSON.parse(t) as { password?: string }, () => ({}) as { password?: string });
    return { host: existing, password: env.VANTAGE_HOST_PASSWORD ?? saved.password };
  }
  const password = env.VANTAGE_HOST_PASSWORD ?? randomBytes(9).toString('base64url');
  const host = await hosts.create({ email: FIRST_HOST_EMAIL, name: 'Vantage host', password });
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify({ id: host.id, email: host.email, password }, null, 2), { mode: 0o600 });
  return { host, password };
}
