import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The token secret: AUTH_SECRET when set (required when several instances serve one
 * database), else a random one kept in DATA_DIR/auth-secret so tokens survive restarts.
 */
export async function loadAuthSecret(env: NodeJS.ProcessEnv, dataDir: string): Promise<Buffer> {
  if (env.AUTH_SECRET) return Buffer.from(env.AUTH_SECRET, 'utf8');
  const file = path.join(dataDir, 'auth-secret');
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32);
  // 'wx': two processes starting at once must not overwrite each other's secret.
  await writeFile(file, secret.toString('hex'), { mode: 0o600, flag: 'wx' }).catch(async (e) => {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  });
  return Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
}
