import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlaceStore } from './places/PlaceStore.ts';
import type { HostStore } from './db/createHostStore.ts';
import type { TokenSigner } from './auth/createTokenSigner.ts';
import type { Db } from './db/Db.ts';
import { bookingRoutes } from './routes/bookingRoutes.ts';
import { hostBookingRoutes } from './routes/hostBookingRoutes.ts';
import { authRoutes } from './routes/authRoutes.ts';
import { sessionRoutes } from './routes/sessionRoutes.ts';
import type { SessionService } from './sessions/createSessionService.ts';
import { recordTourEvents } from './bookings/recordTourEvents.ts';
import { hostRoutes } from './routes/hostRoutes.ts';
import { teamRoutes } from './routes/teamRoutes.ts';
import { exhibitRoutes } from './museum/exhibitRoutes.ts';
import { showRoutes } from './show/showRoutes.ts';
import { hasContent } from './museum/hasContent.ts';
import { FIRST_PAINT_FILE, normaliseJoinCode, PROTOCOL_VERSION } from './protocol/index.ts';
import { placesRoutes, toListing } from './routes/placesRoutes.ts';
import { ApiError } from './http/ApiError.ts';
import { createErrorHandler } from './http/createErrorHandler.ts';
import { guardRequestText } from './http/guardRequestText.ts';
import { requestLog } from './http/requestLog.ts';
import { createLogger, type Logger } from './log/createLogger.ts';
import type { Metrics } from './metrics/createMetrics.ts';
import { metricsRoute } from './metrics/metricsRoute.ts';
import type { BookingStore } from './bookings/createBookingStore.ts';
import type { SlotStore } from './bookings/createSlotStore.ts';
import { matchPageRoute, PLACE_PAGES } from './protocol/pageRoutes.ts';
import { chunkPreloads, modulePreloads, type ViteManifest } from './static/modulePreloads.ts';
import { serveFile } from './static/serveFile.ts';
import { serveCompressed } from './static/serveCompressed.ts';
import { canInline, deferAppScripts, nonBlockingStyles, tourBoot, tourBootHtml } from './static/tourBootHtml.ts';
import { createTileHandler } from './places/createTileHandler.ts';
import { createLiveHandler } from './show/createLiveHandler.ts';
import type { PlaceRecord } from './places/placeRecord.ts';
import { securityHeaders, type SecurityOptions } from './http/securityHeaders.ts';
import { createDbShowMomentStore } from './show/createDbShowMomentStore.ts';
import { showMomentRoutes } from './show/showMomentRoutes.ts';
import { withShareMeta } from './static/shareMetaHtml.ts';
import { CSP_REPORT_PATH, cspReportRoutes } from './http/cspReportRoutes.ts';
import { profileRoutes } from './routes/profileRoutes.ts';
import { AGENT_FILE, HOST_ID } from './agents/agentFile.ts';

export interface AppDeps {
  places: PlaceStore;
  hosts: HostStore;
  signer: TokenSigner;
  /** Root of generated tiles (DATA_DIR/tiles). */
  tilesDir: string;
  /** Built client (dist/client); absent in API-only tests. */
  clientDir?: string;
  /** WebXR controller profiles served from our origin (never a CDN at run time). */
  xrProfilesDir?: string;
  /** '' serves tiles from this server; a CDN origin otherwise. */
  assetBaseUrl: string;
  /** Agents' uploaded photos and WeChat QR images (DATA_DIR/agents); defaults to `agents` beside tilesDir. */
  agentFilesDir?: string;
  /** MAP_TILE_URL: an XYZ tile template ({z}/{x}/{y}) listings draw their map with; without one they draw their own. */
  mapTileUrl?: string;
  /** The database behind slots, bookings and the funnel; their routes are mounted only with it (some tests run without). */
  db?: Db;
  /** The booking and slot stores on `db`, created once by the caller (server/index.ts); required with `db`. */
  bookings?: BookingStore;
  slots?: SlotStore;
  /** JSON log lines; without one only warnings and errors are written (tests). */
  logger?: Logger;
  /** Prometheus figures; `/metrics` serves them to a caller with `metricsToken` (never anonymously). */
  metrics?: Metrics;
  metricsToken?: string;
  /** Guided sessions (REST here; their WebSocket is attached to the node server in index.ts). */
  sessions?: SessionService;
  /** Who may embed public tours, HSTS, LiveKit's origin for the CSP (server/http/securityHeaders.ts). */
  security?: SecurityOptions;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The tour page's chunk in Vite's manifest: what a tour link preloads. */
const TOUR_CHUNK = 'routes/TourPage.tsx';
/** The exhibit viewer's chunk (three.js, R3F, the loaders), preloaded by an exhibit link's HTML. */
const EXHIBIT_CHUNK = 'routes/ExhibitPage.tsx';

/** Builds the HTTP app. Never listens: server/index.ts does, tests use app.request. */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  const logger = deps.logger ?? createLogger({ level: 'warn' });
  const agentFilesDir = deps.agentFilesDir ?? path.join(path.dirname(deps.tilesDir), 'agents');
  // First: every request gets its id and its one log line, refusals by the guard included.
  app.use(requestLog(logger, deps.metrics));
  app.use(securityHeaders({ ...deps.security, assetBaseUrl: deps.assetBaseUrl, clientDir: deps.clientDir, mapTileUrl: deps.mapTileUrl }));
  // After the headers: its refusals get nosniff and the CSP like any answer.
  app.use(guardRequestText());
  app.route(CSP_REPORT_PATH, cspReportRoutes({ log: (line) => logger.warn(line) }));

  app.onError(createErrorHandler(logger));
  if (deps.metrics) app.get('/metrics', metricsRoute(deps.metrics, deps.metricsToken));

  app.get('/api/health', (c) => c.json({ ok: true, protocol: PROTOCOL_VERSION }));
  app.route('/api/places', placesRoutes(deps));
  app.route('/api/auth', authRoutes(deps));
  app.route('/api/host', hostRoutes(deps));
  // After hostRoutes, whose requireHost runs for every /api/host/* path.
  app.route('/api/host/team', teamRoutes(deps));
  // The host's own public profile; after hostRoutes too.
  app.route('/api/host/profile', profileRoutes({ hosts: deps.hosts, agentFilesDir }));
  // A museum's exhibits; after hostRoutes too, for the same reason.
  app.route('/api/host', exhibitRoutes(deps));
  // A show's angles and status; after hostRoutes too.
  app.route('/api/host', showRoutes(deps));
  if (deps.sessions) {
    // Live sessions, sockets and pose fan-out are read from the hub on each scrape.
    deps.metrics?.watchSessions(deps.sessions.hub);
    app.route(
      '/api/sessions',
      sessionRoutes({
        sessions: deps.sessions,
        hosts: deps.hosts,
        signer: deps.signer,
        // Guided sessions are a funnel step between tour views and bookings.
        onSessionStarted: async (placeId, sessionId) => {
          if (deps.db) await recordTourEvents(deps.db, [{ type: 'session_started', placeId, sessionId }]);
        },
      }),
    );
  }
  if (deps.db) {
    if (!deps.bookings || !deps.slots) throw new Error('Vantage: createApp got a db without its booking stores; create them once (createBookingStore, createSlotStore) and pass bookings and slots.');
    const withDb = { ...deps, logger, db: deps.db, bookings: deps.bookings, slots: deps.slots };
    // After hostRoutes: its requireHost runs for every /api/host/* path, these included.
    app.route('/api/host', hostBookingRoutes(withDb));
    app.route('/api', bookingRoutes(withDb));
    // A show's replay: its watch parties' chat and reactions at their stream time.
    app.route('/api/places', showMomentRoutes({ places: deps.places, moments: createDbShowMomentStore(deps.db) }));
  }
  app.all('/api/*', (c) => {
    throw new ApiError(404, 'not_found', `No API route ${c.req.method} ${c.req.path.slice(0, 200)}.`);
  });

  // Published places' files to everyone, any place's through a host's grant (see createTileHandler).
  const tiles = createTileHandler(deps);
  app.get('/tiles/*', async (c) => {
    const res = await tiles(c);
    if (res.status === 200) deps.metrics?.tileBytes(Number(res.headers.get('content-length') ?? 0));
    return res;
  });

  // Agents' photos and QR images: public (they are on every listing of theirs), named by content-free random names.
  app.get('/agents/:hostId/:file', async (c) => {
    const { hostId, file } = c.req.param();
    if (!HOST_ID.test(hostId) || !AGENT_FILE.test(file)) return c.text('Not found', 404);
    return (await serveFile(agentFilesDir, `${hostId}/${file}`, IMMUTABLE)) ?? c.text('Not found', 404);
  });

  // A show's stored loops as live streams (demo, slow live): playlists made from the clock.
  app.get('/live/:placeId/:angleId/:file', createLiveHandler(deps));

  if (deps.xrProfilesDir) {
    const dir = deps.xrProfilesDir;
    app.get('/xr-profiles/*', async (c) => {
      const rel = c.req.path.slice('/xr-profiles/'.length);
      return (await serveFile(dir, rel, 'public, max-age=86400')) ?? c.text('Not found', 404);
    });
  }

  if (deps.clientDir) {
    const dir = deps.clientDir;
    let indexHtml: Promise<string> | undefined;
    const index = () => (indexHtml ??= readFile(path.join(dir, 'index.html'), 'utf8'));
    // A tour link's HTML names the 3D bundle's chunks, so they download while the main bundle does.
    let manifestJson: Promise<ViteManifest> | undefined;
    const manifest = () => (manifestJson ??= readFile(path.join(dir, '.vite', 'manifest.json'), 'utf8').then((t) => JSON.parse(t) as ViteManifest, () => ({})));
    let tourHtml: Promise<string> | undefined;
    const tourIndex = () => (tourHtml ??= Promise.all([index(), manifest()]).then(([html, m]) => html.replace('</head>', `${modulePreloads(m, TOUR_CHUNK)}</head>`)));
    let exhibitHtml: Promise<string> | undefined;
    const exhibitIndex = () => (exhibitHtml ??= Promise.all([index(), manifest()]).then(([html, m]) => html.replace('</head>', `${modulePreloads(m, EXHIBIT_CHUNK)}</head>`)));
    // With a first paint: stylesheets that don't block it, and the app's scripts for it to add (once per process).
    let paintedHtml: Promise<ReturnType<typeof deferAppScripts>> | undefined;
    const paintedIndex = () => (paintedHtml ??= index().then((html) => deferAppScripts(nonBlockingStyles(html))));
    app.get('/assets/*', async (c) => {
      const rel = c.req.path.slice(1);
      return (await serveCompressed(dir, rel, IMMUTABLE, c.req.header('accept-encoding'))) ?? c.text('Not found', 404);
    });
    app.get('/static/*', async (c) => {
      const rel = c.req.path.slice(1);
      return (await serveFile(dir, rel, 'public, max-age=3600')) ?? c.text('Not found', 404);
    });
    /**
     * The place and the room a live session's group is in (its last saved snapshot), for its
     * link's first paint; null for an unknown or ended session, an unpublished place, or a
     * room that is not a panorama (a show, an exhibit without halls). Never an error: the page works without it.
     */
    const sessionRoom = async (raw: string): Promise<{ place: PlaceRecord; search: string } | null> => {
      const store = deps.sessions?.hub.store;
      const code = normaliseJoinCode(raw);
      if (!store || !code) return null;
      try {
        const record = await store.findByCode(code);
        const snap = record && (await store.loadSnapshot(record.id));
        if (!record || !snap || snap.state.status === 'ended') return null;
        const place = await deps.places.get(record.placeId);
        const { sceneId, view } = snap.state.room;
        if (!place?.published || !place.scenes.some((s) => s.id === sceneId)) return null;
        return { place, search: `?scene=${encodeURIComponent(sceneId)}&yaw=${view.yaw}&pitch=${view.pitch}&fov=${view.fov}` };
      } catch {
        return null;
      }
    };
    // The SPA renders every page; unknown places get a real 404 status as well as the page.
    let firstPaint: Promise<string> | undefined;
    const firstPaintScript = () => (firstPaint ??= readFile(path.join(dir, FIRST_PAINT_FILE), 'utf8').catch(() => ''));
    app.get('*', async (c) => {
      // The still-encoded path, as the browser's router sees it (Hono's c.req.path is decoded).
      const url = new URL(c.req.url);
      const route = matchPageRoute(url.pathname);
      let status: 200 | 404 = route ? 200 : 404;
      let place: PlaceRecord | null = null;
      if (route && (PLACE_PAGES as readonly string[]).includes(route.page) && 'placeId' in route) {
        place = await deps.places.get(route.placeId);
        // A museum may be open with exhibits and no hall yet: its tour (and embed) still needs a room.
        if (!place || !place.published || !hasContent(place) || (place.scenes.length === 0 && (route.page === 'tour' || route.page === 'embed'))) status = 404;
        else if (route.page === 'exhibit' && !place.exhibits?.some((e) => e.id === route.exhibitId)) status = 404;
      }
      const tour = status === 200 && place && route?.page === 'tour';
      if (status === 200 && route?.page === 'exhibit') return c.html(await exhibitIndex(), status, { 'cache-control': 'no-cache' });
      // A guided session's link (opened cold from a chat app) paints the room the group is in, like a tour link.
      const session = !tour && route && (route.page === 'session' || route.page === 'join') && route.code ? await sessionRoom(route.code) : null;
      // A listing's link shared in a chat app shows a card: its title, description and cover (read without running the page).
      if (status === 200 && place && route?.page === 'place') return c.html(withShareMeta(await index(), await toListing(deps, place), url.href, url.origin), status, { 'cache-control': 'no-cache' });
      if (!tour && !session) return c.html(await index(), status, { 'cache-control': 'no-cache' });
      // A tour link carries its place and paints its first view before any bundle has loaded.
      // The listing as its API gives it (the agent for the tour's "Ask" button included).
      const boot = tourBoot(await toListing(deps, session ? session.place : place!), session ? session.search : url.search);
      if (!boot) return c.html(await tourIndex(), status, { 'cache-control': 'no-cache' });
      const script = await firstPaintScript();
      // With a first paint, its script preloads the 3D chunks once its images are in; without, the head does at once.
      let html: string;
      if (canInline(script)) {
        boot.preload = chunkPreloads(await manifest(), TOUR_CHUNK);
        // The app's own scripts too: the first paint adds them once its images are asked for.
        const deferred = await paintedIndex();
        html = deferred.html;
        if (deferred.app) boot.app = deferred.app;
      } else html = await tourIndex();
      // Early in <head>, after the viewport meta (the script reads the window's size) and before
      // the app's scripts: the first paint's images are asked for first.
      const boots = tourBootHtml(boot, script);
      const at = /<meta name="viewport"[^>]*>/i.exec(html);
      const page = at ? html.slice(0, at.index + at[0].length) + boots + html.slice(at.index + at[0].length) : html.replace('<head>', `<head>${boots}`);
      return c.html(tour ? withShareMeta(page, boot.place, url.href, url.origin) : page, status, { 'cache-control': 'no-cache' });
    });
  }
  return app;
}
