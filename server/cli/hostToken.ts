/**
 * `npm run host-token [-- --email host@vantage.local] [--days 30]`: prints a valid host token
 * for scripts (Authorization: Bearer <token>). Needs only the auth secret and the host id,
 * so it works while the server runs.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTokenSigner } from '../auth/createTokenSigner.ts';
import { FIRST_HOST_EMAIL } from '../auth/ensureFirstHost.ts';
import { loadAuthSecret } from '../auth/loadAuthSecret.ts';
import { loadConfig } from '../config.ts';
import { failCli, openStores, ROOT_DIR } from './openStores.ts';

try {
  const { values } = parseArgs({ options: { email: { type: 'string' }, days: { type: 'string', default: '30' } } });
  const config = loadConfig(process.env, ROOT_DIR);
  const days = Number(values.days);
  if (!Number.isFinite(days) || days <= 0 || days > 365) throw new Error('Vantage: --days must be between 1 and 365.');
  let hostId: string | undefined;
  const email = (values.email ?? FIRST_HOST_EMAIL).toLowerCase();
  if (email === FIRST_HOST_EMAIL && !config.databaseUrl) {
    // The embedded database is locked while the server runs; the first host's id is on disk.
    const saved = await readFile(path.join(config.dataDir, 'host-credentials.json'), 'utf8').then((t) => JSON.parse(t) as { id: string }, () => null);
    hostId = saved?.id;
  }
  if (!hostId) {
    const { db, hosts } = await openStores();
    hostId = (await hosts.findByEmail(email))?.id;
    await db.close();
  }
  if (!hostId) throw new Error(`Vantage: no host with the email ${email} — start the server once (npm start) to create the first host.`);
  const signer = createTokenSigner(await loadAuthSecret(process.env, config.dataDir));
  console.log(signer.sign(hostId, days * 86400).token);
} catch (e) {
  failCli(e);
}
