/**
 * npm run bench:booking — booking latency under load, on PGlite (the embedded default) and on
 * Postgres. 50 concurrent clients POST /api/bookings over real HTTP on loopback; each booking
 * is a full transaction (slot row lock, booking row, three outbox rows). Scenarios: one
 * client alone (no queueing), bookings spread over 20 slots, and every client on one hot slot.
 * The server runs in its own process (bookingChild.ts), as it would in production. Prints
 * p50/p95/p99/max and throughput (no pass/fail; the goal is p99 < 50 ms on PGlite) and the
 * server's CPU ms per request (all its threads; on Postgres without the Postgres server's own),
 * which other load on a shared machine hardly moves. The baseline in the same run is a
 * no-database route on the same server and clients, so the ratio is what the database adds.
 * BENCH_CLIENTS and BENCH_PER_CLIENT change the load; TEST_DATABASE_URL the Postgres server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const PER_CLIENT = Number(process.env.BENCH_PER_CLIENT ?? 40);
const here = path.dirname(fileURLToPath(import.meta.url));
/** Set by bench() to the server under test. */
let serverCpuMs: () => Promise<number> = async () => 0;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

interface Figures {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  perSecond: number;
  errors: number;
  /** Server CPU (all its threads) per request, ms; includes the one /cpu call, negligible. */
  cpuPerRequest: number;
}

/** `clients` clients, each sending `perClient` requests one after another. */
async function load(send: (client: number, i: number) => Promise<Response>, expect: number, clients = CLIENTS, perClient = PER_CLIENT): Promise<Figures> {
  const cpu0 = await serverCpuMs();
  const times: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; i < perClient; i++) {
        const start = performance.now();
        const res = await send(client, i);
        await res.arrayBuffer();
        times.push(performance.now() - start);
        if (res.status !== expect) errors++;
      }
    }),
  );
  const total = performance.now() - t0;
  const cpuPerRequest = ((await serverCpuMs()) - cpu0) / times.length;
  times.sort((a, b) => a - b);
  return { n: times.length, p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), max: times.at(-1)!, perSecond: (times.length / total) * 1000, errors, cpuPerRequest };
}

/** Starts bookingChild.ts for `engine` and waits for its `{ port, slots }` line. */
function startServer(engine: 'pglite' | 'postgres'): Promise<{ proc: ChildProcess; base: string; slots: string[] }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'bookingChild.ts'), engine], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    proc.on('exit', (code) => reject(new Error(`the ${engine} bench server exited with ${code}:\n${out}`)));
    proc.stdout!.on('data', () => {
      const line = out.split('\n').find((l) => l.startsWith('{"port"'));
      if (!line) return;
      proc.removeAllListeners('exit');
      const { port, slots } = JSON.parse(line) as { port: number; slots: string[] };
      resolve({ proc, base: `http://127.0.0.1:${port}`, slots });
    });
  });
}

async function bench(engine: 'pglite' | 'postgres') {
  const { proc, base, slots } = await startServer(engine);
  serverCpuMs = async () => ((await (await fetch(`${base}/cpu`)).json()) as { ms: number }).ms;
  const book = (slotId: string, client: number, i: number) =>
    fetch(`${base}/api/bookings`, {
      method: 'POST',
      // Real clients send a key per submit (the booking form does); so does the benchmark.
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ slotId, name: `Client ${client}`, phone: `139${String(client * 1000 + i).padStart(8, '0')}`, partySize: 1 }),
    });
  try {
    // Warm up connections, the JIT and the database's caches.
    await load((c, i) => book(slots[(c + i) % slots.length], c, i), 201);
    const baseline = await load(() => fetch(`${base}/ping`), 200);
    // One client at a time: the cost of a booking without queueing behind others.
    const aloneBaseline = await load(() => fetch(`${base}/ping`), 200, 1, 300);
    const alone = await load((c, i) => book(slots[i % slots.length], c, i), 201, 1, 300);
    const spread = await load((c, i) => book(slots[(c * 7 + i) % slots.length], c, i), 201);
    const hot = await load((c, i) => book(slots[0], c, i), 201);
    const row = (name: string, f: Figures, against = baseline) =>
      `${engine.padEnd(9)}${name.padEnd(22)}${String(f.n).padStart(6)}${f.p50.toFixed(1).padStart(9)}${f.p95.toFixed(1).padStart(9)}${f.p99.toFixed(1).padStart(9)}${f.max.toFixed(1).padStart(9)}${f.perSecond.toFixed(0).padStart(9)}${String(f.errors).padStart(8)}${f.cpuPerRequest.toFixed(2).padStart(9)}   ×${(f.p50 / against.p50).toFixed(1)}`;
    console.log(row('baseline, 1 client', aloneBaseline, aloneBaseline));
    console.log(row('book, 1 client', alone, aloneBaseline));
    console.log(row(`baseline, ${CLIENTS} clients`, baseline));
    console.log(row(`book, 20 slots`, spread));
    console.log(row('book, one hot slot', hot));
    return { spread, hot };
  } finally {
    await new Promise((r) => {
      proc.once('exit', r);
      proc.kill('SIGTERM');
    });
  }
}

console.log(`Vantage booking benchmark: ${CLIENTS} concurrent clients × ${PER_CLIENT} bookings each, HTTP on loopback; times in ms`);
console.log(`${'engine'.padEnd(9)}${'scenario'.padEnd(22)}${'n'.padStart(6)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}${'max'.padStart(9)}${'req/s'.padStart(9)}${'errors'.padStart(8)}${'cpu/req'.padStart(9)}   p50 vs baseline`);

const results = { pglite: await bench('pglite') };
try {
  await bench('postgres');
} catch (e) {
  console.log(`postgres  failed: ${(e as Error).message.split('\n').slice(0, 3).join(' ')} — is Postgres running at TEST_DATABASE_URL?`);
  process.exitCode = 1;
}
const { spread, hot } = results.pglite;
console.log(`goal p99 < 50 ms on PGlite: ${spread.p99 < 50 && hot.p99 < 50 ? 'met' : 'not met'} (20 slots ${spread.p99.toFixed(1)} ms, one hot slot ${hot.p99.toFixed(1)} ms)`);
