/**
 * The server under test for sessions.bench.ts, in its own process so its CPU is its own.
 * `vantage`: the real session stack (createApp beside the session routes, @hono/node-ws, the
 * hub on the in-process bus). `raw`: the baseline — a bare `ws` server relaying the host's
 * frames to every other socket, no validation. Driven over IPC by the parent.
 */
import { writeFileSync } from 'node:fs';
import { Session as Inspector } from 'node:inspector';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { WebSocketServer, type WebSocket } from 'ws';
import { createTokenSigner } from '../../server/auth/createTokenSigner.ts';
import type { HostStore } from '../../server/db/createHostStore.ts';
import type { PlaceStore } from '../../server/places/PlaceStore.ts';
import { attachSessionSockets, sessionRoutes } from '../../server/routes/sessionRoutes.ts';
import { createErrorHandler } from '../../server/http/createErrorHandler.ts';
import { createLogger } from '../../server/log/createLogger.ts';
import { createSessionService } from '../../server/sessions/createSessionService.ts';

type Msg = { cmd: 'setup'; viewers: number } | { cmd: 'cpu-start' } | { cmd: 'cpu-stop' } | { cmd: 'end' } | { cmd: 'exit' };
const send = (m: unknown) => process.send!(m);
const mode = process.argv[2] as 'vantage' | 'raw';

let cpu0 = process.cpuUsage();
let t0 = performance.now();
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
/** Lead-pose fan-outs in the window and their total time (raw mode counts its own). */
let fan = { n: 0, ms: 0 };
/**
 * BENCH_CPU_PROF=<dir>: a V8 CPU profile of the measured window only (not the connects), one
 * file per level and mode, for chrome://inspect or any .cpuprofile reader.
 */
const PROF_DIR = process.env.BENCH_CPU_PROF;
const inspector = PROF_DIR ? new Inspector() : null;
if (inspector) {
  inspector.connect();
  inspector.post('Profiler.enable');
  inspector.post('Profiler.setSamplingInterval', { interval: 200 });
}
let profiling = false;
const profileStart = () => {
  if (!inspector) return;
  inspector.post('Profiler.start');
  profiling = true;
};
const profileStop = (label: string) => {
  if (!inspector || !profiling) return;
  profiling = false;
  inspector.post('Profiler.stop', (err, r) => {
    if (!err) writeFileSync(path.join(PROF_DIR!, `${mode}-${label}-${Date.now()}.cpuprofile`), JSON.stringify(r.profile));
  });
};
let viewersNow = 0;
const cpuStart = () => {
  cpu0 = process.cpuUsage();
  t0 = performance.now();
  loop.reset();
  fan = { n: 0, ms: 0 };
  profileStart();
};
const cpuPct = () => {
  const d = process.cpuUsage(cpu0);
  return ((d.user + d.system) / 1000 / (performance.now() - t0)) * 100;
};
const window = (extra: Record<string, number>) => {
  const out = { cmd: 'cpu', pct: cpuPct(), loopP99Ms: loop.percentile(99) / 1e6, fanOutMs: fan.n ? fan.ms / fan.n : 0, ...extra };
  profileStop(`${viewersNow}`);
  return out;
};

if (mode === 'raw') {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  let host: WebSocket | null = null;
  const viewers = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    ws.once('message', (first) => {
      if (first.toString() === 'host') {
        host = ws;
        // The baseline: every frame from the host goes to every viewer as it is.
        ws.on('message', (data, isBinary) => {
          const t = performance.now();
          const text = isBinary ? data : data.toString();
          for (const v of viewers) v.send(text);
          fan.n++;
          fan.ms += performance.now() - t;
        });
      } else {
        viewers.add(ws);
        ws.on('close', () => viewers.delete(ws));
      }
      ws.send('ok');
    });
  });
  wss.on('listening', () => send({ cmd: 'listening', port: (wss.address() as AddressInfo).port }));
  process.on('message', (m: Msg) => {
    if (m.cmd === 'setup') {
      viewersNow = m.viewers;
      send({ cmd: 'session', sessionId: 'raw', hostKey: 'host', tokens: Array.from({ length: m.viewers }, () => 'viewer') });
    }
    else if (m.cmd === 'cpu-start') cpuStart();
    else if (m.cmd === 'cpu-stop') send(window({ dropped: 0, coalesced: 0 }));
    else if (m.cmd === 'end') {
      for (const v of viewers) v.terminate();
      (host as WebSocket | null)?.terminate();
      viewers.clear();
      send({ cmd: 'ended' });
    } else if (m.cmd === 'exit') wss.close(() => process.exit(0));
  });
} else {
  const hostAccount = { id: 'bench-host', email: 'bench@example.com', name: 'Bench host', createdAt: new Date() };
  const place = {
    id: 'bench',
    hostId: hostAccount.id,
    kind: 'home' as const,
    title: 'Bench flat',
    city: '',
    address: '',
    price: null,
    currency: 'CNY',
    description: '',
    lat: 0,
    lng: 0,
    areaM2: null,
    published: true,
    startScene: 'living',
    scenes: [],
  };
  const places = { get: async () => place } as unknown as PlaceStore;
  const hosts = { get: async () => hostAccount } as unknown as HostStore;
  const sessions = await createSessionService({
    places,
    secret: Buffer.alloc(32, 3),
    log: (l) => console.error(l),
    // Everything comes from one loopback address here: no per-address limits.
    limits: { hellosPerIp: null, maxViewers: 100_000 },
  });
  const app = new Hono();
  app.onError(createErrorHandler(createLogger({ level: 'warn' })));
  app.route('/api/sessions', sessionRoutes({ sessions, hosts, signer: createTokenSigner(Buffer.alloc(32, 4)) }));
  const sockets = attachSessionSockets({ sessions });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => send({ cmd: 'listening', port: info.port })) as Server;
  sockets.inject(server);
  let sessionId = '';
  let base = sessions.hub.stats();
  process.on('message', async (m: Msg) => {
    if (m.cmd === 'setup') {
      viewersNow = m.viewers;
      const { record, hostKey } = await sessions.hub.createSession({
        placeId: place.id,
        ownerId: hostAccount.id,
        hostName: hostAccount.name,
        sceneIds: ['living'],
        startScene: 'living',
        startView: { yaw: 0, pitch: 0, fov: 80 },
      });
      sessionId = record.id;
      base = sessions.hub.stats();
      const tokens: string[] = [];
      for (let i = 0; i < m.viewers; i++) {
        const seat = await sessions.hub.issueSeat(sessionId, `Viewer ${i}`);
        if (seat.ok) tokens.push(seat.token);
      }
      send({ cmd: 'session', sessionId, hostKey, tokens });
    } else if (m.cmd === 'cpu-start') {
      cpuStart();
      base = sessions.hub.stats();
    } else if (m.cmd === 'cpu-stop') {
      const s = sessions.hub.stats();
      fan = { n: s.fanOuts - base.fanOuts, ms: s.fanOutMs - base.fanOutMs };
      send(window({ dropped: s.posesBackpressureDropped + s.posesRateDropped - base.posesBackpressureDropped - base.posesRateDropped, coalesced: s.posesCoalesced - base.posesCoalesced }));
    } else if (m.cmd === 'end') {
      await sessions.hub.endByOwner(sessionId, hostAccount.id);
      send({ cmd: 'ended' });
    } else if (m.cmd === 'exit') {
      await sessions.close();
      await sockets.close();
      server.close(() => process.exit(0));
    }
  });
}
