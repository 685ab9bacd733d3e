/**
 * `npm run bench:sessions`: one host sending poses at 20 Hz to N viewers (real sockets from
 * load processes on loopback), host→viewer latency p50/p99 and the server's CPU, for the
 * Vantage session stack and, in the same run, a raw `ws` broadcast server as the baseline.
 * Prints figures and ratios; asserts nothing. BENCH_VIEWERS=10,100,… and BENCH_SECONDS tune it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const LEVELS = (process.env.BENCH_VIEWERS ?? '10,100,1000,2000,4000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const HZ = 20;
const WARM_S = 1;
const SOCKETS_PER_LOAD = 1000;
const BUDGET_MS = 50;

interface Row {
  mode: 'raw' | 'vantage';
  viewers: number;
  connected: number;
  p50: number;
  p99: number;
  max: number;
  delivered: number;
  cpu: number;
  dropped: number;
  coalesced: number;
  /** Server-side time from the first to the last socket write of one pose. */
  fanOutMs: number;
  loopP99Ms: number;
  connectS: number;
}

function child(file: string, args: string[]): ChildProcess {
  return fork(path.join(here, file), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Sends `msg` (if any) and resolves with the child's next message of kind `cmd`. */
function ask<T = Record<string, unknown>>(c: ChildProcess, cmd: string, msg?: unknown, ms = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench: no "${cmd}" from ${c.spawnargs.slice(-3).join(' ')} within ${ms} ms`)), ms);
    const onExit = (code: number | null) => reject(new Error(`bench: child exited (${code}) while waiting for "${cmd}"`));
    const onMsg = (m: { cmd: string }) => {
      if (m.cmd !== cmd) return;
      clearTimeout(timer);
      c.off('message', onMsg);
      c.off('exit', onExit);
      resolve(m as T);
    };
    c.on('message', onMsg);
    c.once('exit', onExit);
    if (msg) c.send(msg as never);
  });
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function level(mode: Row['mode'], server: ChildProcess, wsUrl: string, viewers: number): Promise<Row> {
  const s = await ask<{ sessionId: string; hostKey: string; tokens: string[] }>(server, 'session', { cmd: 'setup', viewers });
  const t0 = performance.now();
  const host = child('sessionsBenchLoad.ts', ['host', mode, wsUrl]);
  const loads = Array.from({ length: Math.max(1, Math.ceil(viewers / SOCKETS_PER_LOAD)) }, () => child('sessionsBenchLoad.ts', ['viewers', mode, wsUrl]));
  await Promise.all([host, ...loads].map((c) => ask(c, 'ready')));
  const per = Math.ceil(viewers / loads.length);
  const conns = await Promise.all(
    loads.map((c, k) => ask<{ open: number; failed: number; errors: string[] }>(c, 'connected', { cmd: 'connect', sessionId: s.sessionId, credentials: s.tokens.slice(k * per, (k + 1) * per) })),
  );
  await ask(host, 'connected', { cmd: 'connect', sessionId: s.sessionId, credentials: [s.hostKey] });
  const connectS = (performance.now() - t0) / 1000;
  const connected = conns.reduce((a, c) => a + c.open, 0);
  for (const c of conns) if (c.errors.length) console.error(`  ${mode} ${viewers}: ${c.failed} sockets failed: ${c.errors.join(' | ')}`);

  const count = (WARM_S + SECONDS) * HZ;
  const from = WARM_S * HZ;
  // CPU is measured over the same window as latency: after the warm-up.
  const cpuTimer = setTimeout(() => server.send({ cmd: 'cpu-start' }), WARM_S * 1000);
  const { sendUs } = await ask<{ sendUs: number[] }>(host, 'sent', { cmd: 'go', count, hz: HZ });
  clearTimeout(cpuTimer);
  await sleep(300); // the last poses land
  const cpu = await ask<{ pct: number; dropped: number; coalesced: number; fanOutMs: number; loopP99Ms: number }>(server, 'cpu', { cmd: 'cpu-stop' });
  const lat = (await Promise.all(loads.map((c) => ask<{ latMs: number[] }>(c, 'samples', { cmd: 'report', sendUs, from })))).flatMap((r) => r.latMs);
  lat.sort((a, b) => a - b);
  for (const c of [host, ...loads]) c.send({ cmd: 'exit' });
  await ask(server, 'ended', { cmd: 'end' });
  await sleep(200);
  return {
    mode,
    viewers,
    connected,
    p50: pct(lat, 50),
    p99: pct(lat, 99),
    max: lat.at(-1) ?? NaN,
    delivered: lat.length / Math.max(1, connected * (count - from)),
    cpu: cpu.pct,
    dropped: cpu.dropped,
    coalesced: cpu.coalesced,
    fanOutMs: cpu.fanOutMs,
    loopP99Ms: cpu.loopP99Ms,
    connectS,
  };
}

const print = (r: Row) =>
  console.log(
    `${r.mode.padEnd(8)} ${String(r.viewers).padStart(5)} viewers: p50 ${r.p50.toFixed(2).padStart(7)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms  max ${r.max.toFixed(1).padStart(7)} ms  ` +
      `delivered ${(r.delivered * 100).toFixed(1).padStart(5)}%  server: CPU ${r.cpu.toFixed(0).padStart(3)}%, fan-out ${r.fanOutMs.toFixed(2)} ms/pose, loop delay p99 ${r.loopP99Ms.toFixed(0)} ms` +
      `  (connect ${r.connectS.toFixed(1)} s${r.dropped ? `, ${r.dropped} poses dropped by backpressure` : ''}${r.coalesced ? `, ${r.coalesced} superseded` : ''})`,
  );

const started = performance.now();
console.log(`bench:sessions — 1 host at ${HZ} Hz, ${SECONDS} s measured after ${WARM_S} s warm-up; ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}; Node ${process.version}`);
// Both servers run side by side and each level is measured on one right after the other, so a
// busy machine weighs on both alike (the ratio is the figure to read).
const servers = { raw: child('sessionsBenchServer.ts', ['raw']), vantage: child('sessionsBenchServer.ts', ['vantage']) };
const ports = { raw: (await ask<{ port: number }>(servers.raw, 'listening')).port, vantage: (await ask<{ port: number }>(servers.vantage, 'listening')).port };
const raw: Row[] = [];
const vantage: Row[] = [];
try {
  for (const n of LEVELS) {
    for (const mode of ['raw', 'vantage'] as const) {
      const r = await level(mode, servers[mode], `ws://127.0.0.1:${ports[mode]}`, n);
      (mode === 'raw' ? raw : vantage).push(r);
      print(r);
    }
  }
} finally {
  for (const s of Object.values(servers)) s.send({ cmd: 'exit' });
  await Promise.all(Object.values(servers).map((s) => new Promise((r) => (s.exitCode !== null ? r(null) : s.once('exit', r)))));
}

console.log('\nviewers | raw p50/p99 (ms) | vantage p50/p99 (ms) | p99 ratio | CPU raw → vantage | fan-out ms/pose raw → vantage');
for (const v of vantage) {
  const r = raw.find((x) => x.viewers === v.viewers)!;
  console.log(
    `${String(v.viewers).padStart(7)} | ${r.p50.toFixed(2)} / ${r.p99.toFixed(2)}`.padEnd(28) +
      ` | ${v.p50.toFixed(2)} / ${v.p99.toFixed(2)}`.padEnd(23) +
      ` | ${(v.p99 / r.p99).toFixed(2)}×`.padEnd(12) +
      ` | ${r.cpu.toFixed(0)}% → ${v.cpu.toFixed(0)}%`.padEnd(20) +
      ` | ${r.fanOutMs.toFixed(2)} → ${v.fanOutMs.toFixed(2)}`,
  );
}
const largest = (rows: Row[]) => Math.max(0, ...rows.filter((r) => r.p99 < BUDGET_MS && r.delivered > 0.99).map((r) => r.viewers));
console.log(`\nlargest viewer count per instance with p99 < ${BUDGET_MS} ms (of ${LEVELS.join(', ')}): vantage ${largest(vantage)}, raw ws ${largest(raw)}`);
console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
const out = path.join(here, 'out');
await mkdir(out, { recursive: true });
await writeFile(path.join(out, 'sessions.json'), JSON.stringify({ at: new Date().toISOString(), loadavg: os.loadavg(), raw, vantage }, null, 2));
