/**
 * `npm start`: builds what a fresh clone lacks (the client bundle), tiles the demo content
 * on first start, then serves everything on one port.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.ts';
import { startServer } from './index.ts';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const st = statSync(full);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(full) : st.mtimeMs);
  }
  return newest;
}

async function buildClientIfStale() {
  const index = path.join(rootDir, 'dist', 'client', 'index.html');
  const sources = Math.max(newestMtime(path.join(rootDir, 'client')), newestMtime(path.join(rootDir, 'server', 'protocol')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log('Vantage: building the client (first start or sources changed)…');
  const started = Date.now();
  const { build } = await import('vite');
  // Always the production bundle: started from vitest (the e2e suite, NODE_ENV=test) Vite
  // would otherwise build React's development runtime, ~2× the JavaScript, and every later
  // start (the benchmarks) would serve that.
  process.env.NODE_ENV = 'production';
  await build({ configFile: path.join(rootDir, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  console.log(`Vantage: client built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

try {
  const config = loadConfig(process.env, rootDir);
  if (process.env.VANTAGE_SKIP_BUILD !== '1') await buildClientIfStale();
  const server = await startServer(config);
  const { host, password } = server.firstHost;
  console.log(`Vantage: host console at http://localhost:${server.port}/host — sign in as ${host.email}${password ? ` / ${password}` : ''}`);
  console.log(`Vantage: serving on http://localhost:${server.port}  (data in ${config.databaseUrl ? 'Postgres + ' : ''}${config.dataDir})`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error(e instanceof Error && e.message.startsWith('Vantage:') ? e.message : e);
  process.exit(1);
}
