import { Hono } from 'hono';
import { z } from 'zod';
import { textForLog } from '../protocol/index.ts';
import { ApiError } from './ApiError.ts';
import { readJsonBody } from './readJsonBody.ts';
import { serverLog } from '../log/serverLog.ts';

/** Where browsers send Content-Security-Policy violation reports (the policy's report-uri). */
export const CSP_REPORT_PATH = '/api/csp-report';

/** A report is a few hundred bytes; anything far larger is not a browser's. */
const MAX_BYTES = 16 * 1024;
/** Log lines per minute: a page that violates in a loop, or someone posting reports, cannot flood the log. */
const LINES_PER_MINUTE = 20;
/** What a blocked resource may be called in a log line besides an origin. */
const KEYWORDS = new Set(['inline', 'eval', 'wasm-eval', 'data', 'blob', 'self', 'trusted-types-policy', 'trusted-types-sink']);

export interface CspReportOptions {
  log?: (line: string) => void;
  now?: () => number;
}

/**
 * POST /api/csp-report: takes CSP violation reports in both browser formats (report-uri's
 * `application/csp-report` and the Reporting API's `application/reports+json`) and logs one
 * line for each — directive, what was blocked (a keyword or an origin, never a full URL or a
 * sample) and the page's first path segment — at most LINES_PER_MINUTE a minute, then a count
 * of what was left out. Always 204 for a report: the browser does nothing with the answer.
 */
export function cspReportRoutes(opts: CspReportOptions = {}) {
  const log = opts.log ?? ((line: string) => serverLog.warn(line));
  const now = opts.now ?? Date.now;
  let windowStart = -Infinity;
  let lines = 0;
  let dropped = 0;
  const write = (line: string) => {
    const t = now();
    if (t - windowStart >= 60_000) {
      if (dropped) log(`Vantage: ${dropped} more CSP violation report${dropped === 1 ? '' : 's'} not logged in the last minute`);
      windowStart = t;
      lines = 0;
      dropped = 0;
    }
    if (lines < LINES_PER_MINUTE) {
      lines++;
      log(line);
    } else dropped++;
  };

  const app = new Hono();
  app.post('/', async (c) => {
    // Any content type: browsers send application/csp-report or application/reports+json.
    const body = await readJsonBody(c, z.unknown(), MAX_BYTES);
    const reports = violations(body);
    if (!reports.length) throw new ApiError(400, 'invalid_body', 'This is not a CSP violation report (csp-report or csp-violation).');
    for (const r of reports.slice(0, 10)) write(`Vantage: CSP violation (${r.disposition}): ${r.directive} blocked ${r.blocked} on ${r.page}`);
    return c.body(null, 204);
  });
  return app;
}

interface Violation {
  directive: string;
  blocked: string;
  page: string;
  disposition: string;
}

/** The violations in either format, reduced to what is safe to log. */
function violations(body: unknown): Violation[] {
  const rec = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const out: Violation[] = [];
  // report-uri: { "csp-report": { "effective-directive", "blocked-uri", "document-uri", … } }
  const legacy = rec(rec(body)?.['csp-report']);
  if (legacy) out.push(reduce(str(legacy['effective-directive']) || str(legacy['violated-directive']), str(legacy['blocked-uri']), str(legacy['document-uri']), str(legacy.disposition)));
  // Reporting API: [{ type: "csp-violation", body: { effectiveDirective, blockedURL, documentURL, … } }]
  if (Array.isArray(body)) {
    for (const item of body.slice(0, 50)) {
      const r = rec(item);
      const b = rec(r?.body);
      if (r?.type !== 'csp-violation' || !b) continue;
      out.push(reduce(str(b.effectiveDirective), str(b.blockedURL), str(b.documentURL), str(b.disposition)));
    }
  }
  return out;
}

function reduce(directive: string, blocked: string, page: string, disposition: string): Violation {
  const d = directive.trim().split(/\s/)[0];
  return {
    directive: /^[a-z-]{1,40}$/.test(d) ? d : 'an unknown directive',
    blocked: blockedName(blocked),
    page: pageName(page),
    disposition: disposition === 'report' ? 'report only' : 'enforced',
  };
}

/** A keyword or the origin of what was blocked: a full URL could carry a session code or a token. */
function blockedName(raw: string): string {
  const v = raw.trim().toLowerCase();
  if (KEYWORDS.has(v)) return v;
  if (!v) return 'inline';
  try {
    const u = new URL(raw);
    if (u.protocol === 'data:' || u.protocol === 'blob:') return u.protocol.slice(0, -1);
    return textForLog(u.origin === 'null' ? `${u.protocol}…` : u.origin, 120);
  } catch {
    return 'something unnamed';
  }
}

/** The page's first path segment only ("/places/…"): the rest names places, codes and tokens. */
function pageName(raw: string): string {
  try {
    const seg = new URL(raw).pathname.split('/')[1] ?? '';
    if (!seg) return '/';
    return /^[a-z]{1,20}$/.test(seg) ? `/${seg}/…` : 'another page';
  } catch {
    return 'an unnamed page';
  }
}
