import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, startVantage, type Vantage } from '../../support/startVantage.ts';

/**
 * The real Vantage with its own DATA_DIR: extra photos go through the real ingest CLI
 * (`npm run ingest -- --place … --publish`) before the server starts — the embedded
 * database allows one process — and the server tiles the demo flat on its first start,
 * so the benchmark measures whatever the current ingest and tour page do.
 */
export async function startBenchVantage(dataDir: string, places: { id: string; title: string; photos: string[] }[]): Promise<Vantage> {
  for (const p of places) {
    await new Promise<void>((resolve, reject) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/cli/ingest.ts'), '--place', p.id, '--title', p.title, '--publish', ...p.photos], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      proc.stdout.on('data', (d) => (out += d));
      proc.stderr.on('data', (d) => (out += d));
      proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench: ingest of ${p.id} failed (${code}):\n${out}`))));
    });
  }
  return startVantage({ dataDir });
}
