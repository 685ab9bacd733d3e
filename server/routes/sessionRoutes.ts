import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import type { ServerType } from '@hono/node-server';
import type { Duplex } from 'node:stream';
import { createNodeWebSocket } from '@hono/node-ws';
import { toAgentProfile } from '../agents/toAgentProfile.ts';
import { Hono, type Context } from 'hono';
import type { WebSocket } from 'ws';
import { createRateLimiter } from '../auth/createRateLimiter.ts';
import type { TokenSigner } from '../auth/createTokenSigner.ts';
import { requireHost, type HostEnv } from '../auth/requireHost.ts';
import { canManagePlace } from '../auth/canManagePlace.ts';
import type { HostStore } from '../db/createHostStore.ts';
import {
  SESSION_CLOSE_CODES,
  SESSION_MAX_FRAME_BYTES,
  SESSION_PROTOCOL_VERSION,
  SESSION_SHOW_ROOM,
  createSessionBodySchema,
  joinSessionBodySchema,
  type CreateSessionResult,
  type JoinSessionResult,
  type SessionLookup,
} from '../protocol/session.ts';
import type { SessionService } from '../sessions/createSessionService.ts';
import { formatJoinCode, normaliseJoinCode } from '../protocol/joinCode.ts';
import type { SessionConnection } from '../sessions/SessionConnection.ts';
import { PLACE_WITHDRAWN } from '../sessions/SessionHub.ts';
import { ApiError } from '../http/ApiError.ts';
import { clientKey } from '../http/clientKey.ts';
import { readJsonBody } from '../http/readJsonBody.ts';
import { serverLog } from '../log/serverLog.ts';
import { NO_HALL_ROOM } from '../sessions/SessionRoom.ts';
import { NO_HALL_VIEW, sessionExhibits } from '../sessions/sessionExhibits.ts';

type Rate = { burst: number; perSecond: number };

export interface SessionRouteDeps {
  sessions: SessionService;
  hosts: HostStore;
  signer: TokenSigner;
  /** Origin for joinUrl and hostUrl (e.g. https://vantage.example); the request's own origin when unset. */
  publicOrigin?: string;
  /** Analytics: a host started a guided session for this place (counted in the funnel). Errors are logged, never fatal. */
  onSessionStarted?: (placeId: string, sessionId: string) => void | Promise<void>;
  /** Per-address limits; the defaults blunt guessing join codes. */
  rateLimits?: { lookup?: Rate; join?: Rate };
}

const wsPath = (id: string) => `/ws/sessions/${id}`;
/** A Buffer sent as a text frame: fan-outs encode a frame once for every socket. */
const TEXT_FRAME = { binary: false } as const;
const voiceStatus = (s: SessionService) => (s.voice.mode ? { enabled: s.voice.enabled, mode: s.voice.mode } : { enabled: false });

/**
 * /api/sessions — start a session (host), find it by code (join page), join with a name,
 * get a voice token, end it (host). Mount with `app.route('/api/sessions', sessionRoutes(deps))`.
 */
export function sessionRoutes(deps: SessionRouteDeps) {
  const app = new Hono<HostEnv>();
  const { sessions } = deps;
  const hub = sessions.hub;
  const lookupLimit = createRateLimiter(deps.rateLimits?.lookup ?? { burst: 20, perSecond: 0.5 });
  const joinLimit = createRateLimiter(deps.rateLimits?.join ?? { burst: 20, perSecond: 1 });
  const host = requireHost(deps.signer, deps.hosts);
  const origin = (c: Context) => deps.publicOrigin?.replace(/\/+$/, '') ?? new URL(c.req.url).origin;
  const tooMany = () => new ApiError(429, 'rate_limited', 'Too many attempts from your network; wait a minute and try again.');
  const refusalStatus = { session_not_found: 404, session_ended: 410, session_full: 409, unauthorized: 401 } as const;
  const refused = (reason: string, message: string) =>
    new ApiError(refusalStatus[reason as keyof typeof refusalStatus] ?? 503, reason in refusalStatus ? reason : 'unavailable', message);

  app.post('/', host, async (c) => {
    const body = await readJsonBody(c, createSessionBodySchema);
    const me = c.get('host');
    const place = await sessions.places.get(body.placeId);
    // A place the host may not manage is answered exactly like a missing one.
    if (!place || !(await canManagePlace(deps.hosts, me, place))) throw new ApiError(404, 'place_not_found', `You have no place "${body.placeId.slice(0, 64)}".`);
    if (!place.published) {
      throw new ApiError(409, 'not_published', 'Publish the place before starting a session: viewers can only open published places.');
    }
    const exhibits = sessionExhibits(place.exhibits ?? []);
    const start = place.scenes.find((s) => s.id === place.startScene) ?? place.scenes[0];
    const firstExhibit = place.exhibits?.[0];
    // A show (the director's cut): no halls; the group opens on the show's main angle.
    const angles = place.kind === 'show' ? (place.show?.angles ?? []) : [];
    if (place.kind === 'show' && angles.length === 0) {
      throw new ApiError(409, 'nothing_to_show', `Show "${place.id}" has no angles yet: add one in the host console, then start the session.`);
    }
    const main = angles.find((a) => a.id === place.show?.mainAngle) ?? angles[0];
    const showStart = main
      ? {
          startScene: SESSION_SHOW_ROOM,
          startView: NO_HALL_VIEW,
          startShow: { angleId: main.id, ...(main.projection !== 'flat' && { view: { yaw: main.yaw ?? 0, pitch: 0, fov: 90 } }) },
          angleIds: angles.map((a) => a.id),
        }
      : {};
    if (!start && !firstExhibit && !main) {
      throw new ApiError(409, 'nothing_to_show', `Place "${place.id}" has nothing to show yet: add a hall or an exhibit, then start the session.`);
    }
    const chosen = body.exhibitId === undefined ? undefined : place.exhibits?.find((e) => e.id === body.exhibitId);
    if (body.exhibitId !== undefined && !chosen) throw new ApiError(404, 'exhibit_not_found', `Place "${place.id}" has no exhibit "${body.exhibitId}"; reload the page and start again.`);
    // The group opens on the chosen exhibit (over the start hall when there is one), framed whole.
    const onExhibit = chosen ?? (start ? undefined : firstExhibit);
    const startExhibit = onExhibit ? { startExhibit: { exhibitId: onExhibit.id, camera: exhibits[onExhibit.id].camera, infoPointId: null } } : {};
    const { record, hostKey } = await hub.createSession({
      placeId: place.id,
      ownerId: me.id,
      hostName: me.name,
      // The profile the listing's agent card shows: the group sees the same face and name.
      ...(me.profile.photo && { hostPhotoUrl: toAgentProfile(me).photoUrl }),
      sceneIds: place.scenes.map((s) => s.id),
      exhibits,
      // A museum without halls: the group starts on an exhibit (the first unless one was chosen), no room under it.
      ...(start ? { startScene: start.id, startView: start.initialView } : { startScene: NO_HALL_ROOM, startView: NO_HALL_VIEW }),
      ...startExhibit,
      ...showStart,
    });
    try {
      await deps.onSessionStarted?.(place.id, record.id);
    } catch (e) {
      serverLog.error({ err: e }, 'Vantage: onSessionStarted hook failed');
    }
    const code = formatJoinCode(record.code);
    const base = origin(c);
    const result: CreateSessionResult = {
      id: record.id,
      code,
      placeId: place.id,
      joinUrl: `${base}/join/${code}`,
      // The key rides in the fragment: browsers never send it to a server or in a Referer.
      hostUrl: `${base}/join/${code}#host=${hostKey}`,
      hostKey,
      wsPath: wsPath(record.id),
      protocol: SESSION_PROTOCOL_VERSION,
      voice: voiceStatus(sessions),
      createdAt: new Date(record.createdAt).toISOString(),
    };
    return c.json(result, 201);
  });

  app.get('/by-code/:code', async (c) => {
    if (!lookupLimit.take(clientKey(c))) throw tooMany();
    const raw = c.req.param('code');
    const code = normaliseJoinCode(raw);
    const found = code ? await hub.lookup(code) : null;
    if (!found) throw new ApiError(404, 'session_not_found', `No session has the code "${raw.slice(0, 20)}"; check it with your host.`);
    const { record, snapshot } = found;
    if (snapshot.status === 'ended') throw new ApiError(410, 'session_ended', 'This session has ended.');
    const place = await sessions.places.get(record.placeId);
    if (!place?.published) throw new ApiError(404, 'session_not_found', PLACE_WITHDRAWN);
    const result: SessionLookup = {
      id: record.id,
      placeId: record.placeId,
      placeTitle: place.title,
      ...(place.titleZh?.trim() && { placeTitleZh: place.titleZh }),
      status: snapshot.status,
      participants: snapshot.participants.filter((p) => p.connected).length,
      room: snapshot.room,
      wsPath: wsPath(record.id),
      protocol: SESSION_PROTOCOL_VERSION,
      voice: voiceStatus(sessions),
    };
    return c.json(result);
  });

  app.post('/:id/join', async (c) => {
    if (!joinLimit.take(clientKey(c))) throw tooMany();
    const body = await readJsonBody(c, joinSessionBodySchema);
    const id = c.req.param('id');
    const seat = await hub.issueSeat(id, body.name);
    if (!seat.ok) throw refused(seat.reason, seat.message);
    const result: JoinSessionResult = {
      sessionId: id,
      participantId: seat.participantId,
      name: body.name,
      token: seat.token,
      expiresAt: seat.expiresAt.toISOString(),
      wsPath: wsPath(id),
      protocol: SESSION_PROTOCOL_VERSION,
      voice: voiceStatus(sessions),
    };
    return c.json(result, 201);
  });

  /** Authorization: Bearer <seat token (a welcome's resumeToken or join's token) or the host key>. */
  app.post('/:id/voice-token', async (c) => {
    if (!joinLimit.take(clientKey(c))) throw tooMany();
    const m = /^Bearer\s+(\S{1,1024})$/i.exec(c.req.header('authorization') ?? '');
    if (!m) throw new ApiError(401, 'unauthorized', 'Send your seat token as Authorization: Bearer <token>.');
    const seat = await hub.voiceSeat(c.req.param('id'), m[1]);
    if (!seat.ok) throw refused(seat.reason, seat.message);
    return c.json(await sessions.voice.tokenFor(seat.seat));
  });

  app.delete('/:id', host, async (c) => {
    const id = c.req.param('id');
    const me = c.get('host');
    let r = await hub.endByOwner(id, me.id);
    // The agency's owner may end a session an agent runs on one of the agency's places (canManagePlace).
    if (r === 'not_found' && me.role === 'owner') {
      const live = await hub.open(id);
      const place = live?.record.ownerId ? await sessions.places.get(live.record.placeId) : null;
      if (live?.record.ownerId && place && (await canManagePlace(deps.hosts, me, place))) r = await hub.endByOwner(id, live.record.ownerId);
    }
    if (r !== 'ended') throw refused('session_not_found', 'You have no such session.');
    return c.body(null, 204);
  });

  return app;
}

export interface SessionSockets {
  /** Serves /ws/sessions/:id on the server `serve()` returned (other upgrade paths are left to other handlers). */
  inject(server: ServerType): void;
  /** Stops accepting sockets and closes the remaining ones (call `sessions.close()` first for a graceful `bye`). */
  close(): Promise<void>;
}

/**
 * The WebSocket endpoint GET /ws/sessions/:id (@hono/node-ws on its own small Hono app, so
 * it works beside createApp's routes). Frames above SESSION_MAX_FRAME_BYTES close the socket
 * (1009) before they are buffered; silent sockets are pinged and dropped.
 */
export function attachSessionSockets(deps: { sessions: SessionService; pingIntervalMs?: number }): SessionSockets {
  const hub = deps.sessions.hub;
  const app = new Hono();
  const nws = createNodeWebSocket({ app });
  nws.wss.options.maxPayload = SESSION_MAX_FRAME_BYTES;
  const perIp = hub.limits.hellosPerIp;
  const upgrades = perIp ? createRateLimiter({ burst: perIp.burst * 2, perSecond: perIp.perSecond * 2 }) : null;
  const sockets = new Set<WebSocket>();
  const alive = new WeakSet<WebSocket>();
  let closing = false;

  app.get(
    '/ws/sessions/:id',
    async (c, next) => {
      if (closing) return c.text('The server is restarting', 503);
      if (upgrades && !upgrades.take(clientKey(c))) return c.text('Too many connections', 429);
      await next();
    },
    nws.upgradeWebSocket((c) => {
      const id = c.req.param('id') ?? '';
      const ip = clientKey(c);
      let conn: SessionConnection | undefined;
      return {
        onOpen(_e, ws) {
          const raw = ws.raw!;
          sockets.add(raw);
          alive.add(raw);
          raw.on('pong', () => alive.add(raw));
          conn = hub.accept(
            id,
            {
              send: (d) => raw.send(d, TEXT_FRAME),
              writeFrame: (frame, payload) => {
                // ws's sender is idle (no compression here, nothing queued): the bytes ws would
                // write are exactly `frame`, so skip re-framing them for each of thousands of sockets.
                const internals = raw as unknown as { _socket?: { write(b: Buffer): boolean }; _sender?: { _state: number; _queue: unknown[] } };
                if (raw.readyState === 1 && internals._socket && internals._sender?._state === 0 && internals._sender._queue.length === 0) internals._socket.write(frame);
                else raw.send(payload, TEXT_FRAME);
              },
              bufferedAmount: () => raw.bufferedAmount,
              close: (code, reason) => raw.close(code, reason),
            },
            ip,
          );
        },
        onMessage(e) {
          conn?.onMessage(e.data);
        },
        onClose(_e, ws) {
          if (ws.raw) sockets.delete(ws.raw);
          conn?.onClose();
        },
        onError() {
          // 'close' follows
        },
      };
    }, {
      // @hono/node-ws builds an ErrorEvent for socket errors (an oversized frame, a reset), which
      // Node 20 lacks; the socket closes either way, so only unexpected failures are worth a line.
      onError: (e) => {
        if (!(e instanceof ReferenceError && /ErrorEvent/.test(e.message))) serverLog.error({ err: e }, 'Vantage: session socket handler failed');
      },
    }),
  );

  // A socket that answers no ping for a whole interval is gone (a phone that lost its network): drop it so its seat starts its grace period.
  const pinger = setInterval(() => {
    for (const ws of sockets) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, deps.pingIntervalMs ?? 15_000);
  pinger.unref();

  return {
    inject(s) {
      const server = s as Server;
      const relay = new EventEmitter();
      nws.injectWebSocket(relay as unknown as Server);
      server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
        if (req.url?.startsWith('/ws/sessions/')) {
          relay.emit('upgrade', req, socket, head);
        } else if (server.listenerCount('upgrade') === 1) {
          socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        }
      });
    },
    async close() {
      closing = true;
      clearInterval(pinger);
      for (const ws of sockets) ws.close(SESSION_CLOSE_CODES.server_restart, 'server_restart');
      const deadline = Date.now() + 1000;
      while (sockets.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      for (const ws of sockets) ws.terminate();
      sockets.clear();
      await new Promise<void>((r) => nws.wss.close(() => r()));
    },
  };
}
