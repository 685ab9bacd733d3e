import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Vantage {
  url: string;
  port: number;
  proc: ChildProcess;
  log: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/**
 * Starts the real server the way `npm start` does (server/start.ts), on a free port, with
 * its own data folder; resolves once it listens. Fails with the server's output otherwise.
 */
export function startVantage(opts: { dataDir: string; env?: Record<string, string>; port?: number; timeoutMs?: number }): Promise<Vantage> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/start.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(opts.port ?? 0), HOST: '127.0.0.1', DATA_DIR: opts.dataDir, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`Vantage did not start within ${opts.timeoutMs ?? 180_000} ms:\n${out}`));
    }, opts.timeoutMs ?? 180_000);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Vantage exited with ${code} before listening:\n${out}`));
    });
    proc.stdout!.on('data', () => {
      const m = /serving on http:\/\/localhost:(\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      proc.removeAllListeners('exit');
      const port = Number(m[1]);
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        proc,
        log: () => out,
        stop: (signal = 'SIGTERM') =>
          new Promise<void>((done) => {
            if (proc.exitCode !== null) return done();
            proc.once('exit', () => done());
            proc.kill(signal);
          }),
      });
    });
  });
}
