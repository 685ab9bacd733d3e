import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { FIRST_PAINT_FILE } from '../protocol/index.ts';
import { matchPageRoute } from '../protocol/pageRoutes.ts';
import { CSP_REPORT_PATH } from './cspReportRoutes.ts';

/** Pages whose URL carries a code or token (session joins, tickets, manage links): no Referer leaves them. */
const SECRET_PATH = /^\/(s\/|join(\/|$)|book\/|sessions\/)/;

const HSTS_VALUE = 'max-age=31536000';

/**
 * The KTX2 transcoder's worker script (client/model/decoderPaths.ts BASIS_WORKER_URL). A worker
 * loaded from a URL runs under the policy of its own response: this one may compile its
 * WebAssembly and run the transcoder's embind glue, which builds functions from strings
 * ('unsafe-eval'), and may fetch nothing. The pages' policy keeps 'unsafe-eval' out.
 */
const DECODER_WORKER_PATH = '/static/decoders/basis/basis_worker.js';
const DECODER_WORKER_POLICY = `default-src 'none'; script-src 'unsafe-eval' 'wasm-unsafe-eval'; frame-ancestors 'none'`;

export interface SecurityOptions {
  /**
   * Who may frame /embed/places/:id: `'*'` any site (the default: a public tour with no
   * account actions in it), a list of origins, or `'none'` to switch embedding off.
   */
  embedOrigins?: '*' | 'none' | readonly string[];
  /** 'auto' (default) sends HSTS when the request came over HTTPS, its own or a proxy's X-Forwarded-Proto; 'on' always; 'off' never. */
  hsts?: 'auto' | 'on' | 'off';
  /** LiveKit's URL when voice is on: the browser connects to it over wss:// and https://. */
  livekitUrl?: string;
}

export interface SecurityHeadersDeps extends SecurityOptions {
  /** ASSET_BASE_URL ('' when tiles come from this server): images and media may come from there. */
  assetBaseUrl: string;
  /** The built client: the tour's first-paint script in it is the one inline script allowed, by hash. */
  clientDir?: string;
  /** MAP_TILE_URL: the listing's map images come from its origin. */
  mapTileUrl?: string;
}

/**
 * Sets the security headers on every response (API, tiles, assets, pages, errors):
 * `X-Content-Type-Options: nosniff`, a Referrer-Policy, HSTS over HTTPS, and a
 * Content-Security-Policy — the app's policy on HTML pages, `default-src 'none'` on
 * everything else. Nothing may frame the site except the embed route.
 */
export function securityHeaders(deps: SecurityHeadersDeps): MiddlewareHandler {
  const origins = policyOrigins(deps);
  let hashes: Promise<string[]> | undefined;
  const inlineHashes = () => (hashes ??= firstPaintHash(deps.clientDir));
  const embedAncestors = frameAncestors(deps.embedOrigins ?? '*');
  return async (c, next) => {
    await next();
    const pathName = c.req.path;
    // The one page meant to be framed by other sites (a public tour without the site around it), from the one page table.
    const embed = matchPageRoute(pathName)?.page === 'embed';
    const html = (c.res.headers.get('content-type') ?? '').startsWith('text/html');
    const ancestors = embed && html ? embedAncestors : "'none'";
    const csp = html ? pagePolicy(origins, await inlineHashes(), sameOriginSocket(c.req.header('host'), isHttps(c.req.url, c.req.header('x-forwarded-proto'))), ancestors) : pathName === DECODER_WORKER_PATH ? DECODER_WORKER_POLICY : `default-src 'none'; frame-ancestors 'none'`;
    let headers = c.res.headers;
    try {
      headers.set('x-content-type-options', 'nosniff');
    } catch {
      // Some responses (a fetch's, Response.redirect) carry immutable headers: copy them once.
      c.res = new Response(c.res.body, c.res);
      headers = c.res.headers;
      headers.set('x-content-type-options', 'nosniff');
    }
    headers.set('content-security-policy', csp);
    // Old browsers know only X-Frame-Options, which cannot name several sites: the embed route omits it.
    if (ancestors === "'none'") headers.set('x-frame-options', 'DENY');
    headers.set('referrer-policy', SECRET_PATH.test(pathName) ? 'no-referrer' : 'strict-origin-when-cross-origin');
    const hsts = deps.hsts ?? 'auto';
    if (hsts === 'on' || (hsts === 'auto' && isHttps(c.req.url, c.req.header('x-forwarded-proto')))) headers.set('strict-transport-security', HSTS_VALUE);
  };
}

interface PolicyOrigins {
  assets: string[];
  livekit: string[];
  /** The map tile server's origin (images only). */
  map: string[];
}

function policyOrigins(deps: SecurityHeadersDeps): PolicyOrigins {
  const assets = deps.assetBaseUrl ? [originOf(deps.assetBaseUrl)].filter((o): o is string => !!o) : [];
  const livekit: string[] = [];
  const lk = deps.livekitUrl ? originOf(deps.livekitUrl) : null;
  if (lk) {
    // The client connects over wss:// and asks the same host over https:// why a connection failed.
    const u = new URL(lk);
    const secure = u.protocol === 'wss:' || u.protocol === 'https:';
    livekit.push(`${secure ? 'wss' : 'ws'}://${u.host}`, `${secure ? 'https' : 'http'}://${u.host}`);
  }
  // The template's {z}/{x}/{y} are in the path; only its scheme and host matter here.
  const mapOrigin = deps.mapTileUrl ? originOf(deps.mapTileUrl.replace(/\{[a-z]\}/g, '0')) : null;
  const map = mapOrigin && /^https?:/.test(mapOrigin) ? [mapOrigin] : [];
  return { assets, livekit, map };
}

/**
 * The policy the app runs under. Scripts: our own files, the first-paint script by hash,
 * and WebAssembly (three's Draco/Basis/meshopt decoders). Workers from blob: (three's
 * decoders and hls.js build theirs from blobs), media from blob: (MSE). Styles allow inline:
 * React and the XR emulator set styles inline, and a style cannot run code.
 */
function pagePolicy(o: PolicyOrigins, hashes: string[], socket: string[], ancestors: string): string {
  const list = (...parts: (string | string[])[]) => parts.flat().join(' ');
  return [
    `default-src 'self'`,
    `script-src ${list("'self'", hashes.map((h) => `'sha256-${h}'`), "'wasm-unsafe-eval'")}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src ${list("'self'", 'data:', 'blob:', o.assets, o.map)}`,
    `media-src ${list("'self'", 'blob:', o.assets)}`,
    `font-src 'self' data:`,
    // The first paint fetches tiles (createImageBitmap), so the asset host is a connect source too;
    // three's glTF loader fetches a model's embedded textures from blob: URLs it made.
    `connect-src ${list("'self'", 'blob:', socket, o.assets, o.livekit)}`,
    `worker-src 'self' blob:`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors ${ancestors}`,
    `report-uri ${CSP_REPORT_PATH}`,
  ].join('; ');
}

function frameAncestors(embed: '*' | 'none' | readonly string[]): string {
  if (embed === '*') return '*';
  if (embed === 'none' || embed.length === 0) return "'none'";
  return embed.join(' ');
}

/**
 * The page's own WebSocket origin, spelled out: CSP 3 lets 'self' match ws:/wss: on the same
 * host, older Safari does not. Only a plain host[:port] is echoed back.
 */
function sameOriginSocket(host: string | undefined, https: boolean): string[] {
  if (!host || !/^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/.test(host)) return [];
  return [`${https ? 'wss' : 'ws'}://${host}`];
}

function isHttps(url: string, forwardedProto: string | undefined): boolean {
  if (url.startsWith('https:')) return true;
  // Over plain HTTP a browser ignores HSTS, so a forged header here changes nothing.
  return forwardedProto?.split(',')[0].trim().toLowerCase() === 'https';
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return /^(https?|wss?):$/.test(u.protocol) ? `${u.protocol}//${u.host}` : null;
  } catch {
    return null;
  }
}

/** The base64 SHA-256 of the first-paint script exactly as the tour HTML inlines it, or none without a build. */
async function firstPaintHash(clientDir: string | undefined): Promise<string[]> {
  if (!clientDir) return [];
  try {
    const script = await readFile(path.join(clientDir, FIRST_PAINT_FILE), 'utf8');
    return script ? [createHash('sha256').update(script, 'utf8').digest('base64')] : [];
  } catch {
    return [];
  }
}

/**
 * EMBED_ORIGINS (comma-separated origins, `*` or `none`) and HSTS (`auto`, `on`, `off`); a bad
 * value stops start-up with a sentence naming the variable.
 */
export function securityOptionsFromEnv(env: NodeJS.ProcessEnv, livekitUrl?: string): SecurityOptions {
  const hsts = (env.HSTS?.trim() || 'auto').toLowerCase();
  if (hsts !== 'auto' && hsts !== 'on' && hsts !== 'off') throw new Error(`Vantage: HSTS must be auto, on or off (got "${hsts.slice(0, 40)}").`);
  const raw = env.EMBED_ORIGINS?.trim() || '*';
  let embedOrigins: SecurityOptions['embedOrigins'];
  if (raw === '*' || raw === 'none') embedOrigins = raw;
  else {
    embedOrigins = raw.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
      const o = originOf(s);
      if (!o || !/^https?:/.test(o) || o !== s.replace(/\/+$/, '')) throw new Error(`Vantage: EMBED_ORIGINS must list origins such as https://agency.example, comma-separated (got "${s.slice(0, 80)}").`);
      return o;
    });
  }
  return { hsts, embedOrigins, livekitUrl };
}
