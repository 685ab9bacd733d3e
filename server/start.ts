/**
 * `npm start`: builds what a fresh clone lacks (the client bundle), tiles the demo content
 * on first start, then serves everything on one port.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.ts';
import { startServer } from './index.ts';
import { createLogger } from './log/createLogger.ts';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Start-up lines are written whatever LOG_LEVEL says: the host's sign-in and the address are
// what a person (and tests/support/startVantage.ts) reads first.
const startup = createLogger({ level: 'info' });

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
  startup.info('Vantage: building the client (first start or sources changed)…');
  const started = Date.now();
  const { build } = await import('vite');
  // Always the production bundle: started from vitest (the e2e suite, NODE_ENV=test) Vite
  // would otherwise build React's development runtime, ~2× the JavaScript, and every later
  // start (the benchmarks) would serve that.
  process.env.NODE_ENV = 'production';
  await build({ configFile: path.join(rootDir, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  startup.info(`Vantage: client built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

try {
  const config = loadConfig(process.env, rootDir);
  if (process.env.VANTAGE_SKIP_BUILD !== '1') await buildClientIfStale();
  const server = await startServer(config, createLogger({ level: config.logLevel }));
  const { host, password } = server.firstHost;
  startup.info(`Vantage: host console at http://localhost:${server.port}/host — sign in as ${host.email}${password ? ` / ${password}` : ''}`);
  startup.info(`Vantage: serving on http://localhost:${server.port}  (data in ${config.databaseUrl ? 'Postgres + ' : ''}${config.dataDir})`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  // A refusal we worded (a bad variable) is one line; anything else keeps its stack.
  if (e instanceof Error && e.message.startsWith('Vantage:')) startup.fatal(e.message);
  else startup.fatal({ err: e }, 'Vantage: could not start');
  process.exit(1);
}
