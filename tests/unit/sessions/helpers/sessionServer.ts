import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../../../server/app.ts';
import { createErrorHandler } from '../../../../server/http/createErrorHandler.ts';
import { createLogger } from '../../../../server/log/createLogger.ts';
import type { Db } from '../../../../server/db/Db.ts';
import type { PlaceStore } from '../../../../server/places/PlaceStore.ts';
import type { Host, HostStore } from '../../../../server/db/createHostStore.ts';
import type { TokenSigner } from '../../../../server/auth/createTokenSigner.ts';
import { attachSessionSockets, sessionRoutes, type SessionRouteDeps } from '../../../../server/routes/sessionRoutes.ts';
import { createSessionService, type SessionService, type SessionServiceOptions } from '../../../../server/sessions/createSessionService.ts';
import { createTokenSigner } from '../../../../server/auth/createTokenSigner.ts';
import type { PlaceRecord } from '../../../../server/places/placeRecord.ts';
import { createTestDeps } from '../../../support/createTestDeps.ts';
import { samplePlace } from '../../db/samplePlace.ts';
import { SECRET } from './fakeClient.ts';

export interface Backing {
  /** The data folder (PGlite lives in `${dir}/db`). */
  dir: string;
  /** Absent in the in-memory backing: sessions then live in memory too. */
  db?: Db;
  places: PlaceStore;
  hosts: HostStore;
  signer: TokenSigner;
  tilesDir: string;
  /** A signed-in host who owns the published place `flat` (rooms living, kitchen, bath). */
  hostToken: string;
  placeId: string;
  cleanup(): Promise<void>;
}

/** A migrated PGlite database with a host and a published place: what the server instances share (Postgres in production). */
export async function createBacking(): Promise<Backing & { db: Db }> {
  const d = await createTestDeps();
  const host = await d.hosts.create({ email: 'agent@example.com', name: 'Agent Li', password: 'agent-pass-1' });
  await d.places.put(samplePlace('flat', { hostId: host.id }));
  return { ...d, hostToken: d.signer.sign(host.id, 3600).token, placeId: 'flat', cleanup: d.cleanup };
}

/**
 * The same host and place without a database, for tests that are not about persistence (a
 * new PGlite costs seconds). Sessions then live in memory, or in Redis when the test says so.
 */
export function memoryBacking(): Backing {
  const host: Host = { id: 'host-agent', email: 'agent@example.com', name: 'Agent Li', createdAt: new Date(), agencyId: 'agency-host-agent', role: 'owner', disabledAt: null, profile: {} };
  const placeMap = new Map<string, PlaceRecord>([['flat', samplePlace('flat', { hostId: host.id })]]);
  const places: PlaceStore = {
    list: async () => [...placeMap.values()],
    get: async (id) => placeMap.get(id) ?? null,
    put: async (p) => void placeMap.set(p.id, p),
    delete: async (id) => placeMap.delete(id),
    create: async (p) => !placeMap.has(p.id) && Boolean(placeMap.set(p.id, p)),
    update: async (id, change) => {
      const before = placeMap.get(id);
      if (!before) return null;
      const after = (await change(before)) ?? before;
      placeMap.set(id, after);
      return { before, after };
    },
    listByHost: async (hostId) => [...placeMap.values()].filter((p) => p.hostId === hostId),
  };
  const hosts: HostStore = {
    create: async () => {
      throw new Error('not in the in-memory backing');
    },
    get: async (id) => (id === host.id ? host : null),
    findByEmail: async (email) => (email === host.email ? host : null),
    verify: async () => null,
    listAgency: async (agencyId) => (agencyId === host.agencyId ? [host] : []),
    agencyName: async () => null,
    setDisabled: async () => null,
    updateProfile: async () => null,
    createInvitation: async () => {
      throw new Error('not in the in-memory backing');
    },
    listPendingInvitations: async () => [],
    revokeInvitation: async () => false,
    checkInvitation: async () => ({ ok: false, problem: 'invalid' }),
    redeemInvitation: async () => ({ ok: false, problem: 'invalid' }),
  };
  const signer = createTokenSigner(Buffer.alloc(32, 7));
  return { dir: '', places, hosts, signer, tilesDir: '/nonexistent', hostToken: signer.sign(host.id, 3600).token, placeId: 'flat', cleanup: async () => {} };
}

export interface SessionServer {
  url: string;
  wsUrl: string;
  port: number;
  sessions: SessionService;
  server: Server;
  /** Like a deploy: sockets are told to reconnect (1012), snapshots saved, the port released. */
  close(): Promise<void>;
}

/**
 * One server instance the way server/index.ts wires it: createApp + the session routes in
 * front of it, `serve` on port 0, and the session sockets injected into that server.
 */
export async function startSessionServer(
  backing: Backing,
  opts: Partial<SessionServiceOptions> & { routes?: Partial<SessionRouteDeps>; port?: number } = {},
): Promise<SessionServer> {
  const { routes, port, ...svc } = opts;
  const sessions = await createSessionService({
    places: backing.places,
    hosts: backing.hosts,
    secret: SECRET,
    db: backing.db,
    log: () => {},
    ...svc,
    limits: { hellosPerIp: null, ...svc.limits },
  });
  const app = new Hono();
  // Mounted beside createApp, so its refusals need the app's error answers too.
  app.onError(createErrorHandler(createLogger({ level: 'warn' })));
  app.route('/api/sessions', sessionRoutes({ sessions, hosts: backing.hosts, signer: backing.signer, rateLimits: { lookup: { burst: 1000, perSecond: 1000 }, join: { burst: 1000, perSecond: 1000 } }, ...routes }));
  app.route('/', createApp({ places: backing.places, hosts: backing.hosts, signer: backing.signer, tilesDir: backing.tilesDir, assetBaseUrl: '' }));
  const sockets = attachSessionSockets({ sessions });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: port ?? 0, hostname: '127.0.0.1' }, () => resolve(s as Server)) as Server;
  });
  sockets.inject(server);
  const p = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${p}`,
    wsUrl: `ws://127.0.0.1:${p}`,
    port: p,
    sessions,
    server,
    async close() {
      await sessions.close();
      await sockets.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
