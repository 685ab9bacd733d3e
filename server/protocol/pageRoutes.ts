/**
 * The app's pages, matched in one place: the server reads it for a page's status and a tour
 * link's first paint, the client router for what to render. Imports nothing.
 */
export type PageRoute =
  | { page: 'catalogue' }
  | { page: 'place'; placeId: string }
  | { page: 'tour'; placeId: string }
  | { page: 'book'; placeId: string }
  /** A museum's exhibit in the 3D viewer (`?point=<info point>` opens one). */
  | { page: 'exhibit'; placeId: string; exhibitId: string }
  /** A museum's map guide: halls, exhibits, you are here, routes (`?at=<exhibit>`, `?minutes=30|60|90`). */
  | { page: 'map'; placeId: string }
  /** A public tour framed by another site (the only page that may be framed). */
  | { page: 'embed'; placeId: string }
  | { page: 'ticket'; code: string }
  | { page: 'manage'; token: string }
  | { page: 'host' }
  | { page: 'join'; code?: string }
  | { page: 'session'; code: string }
  | { page: 'sessionHost'; sessionId: string };

/** Pages about one place: the server answers 404 for them when the place is not public. */
export const PLACE_PAGES = ['place', 'tour', 'book', 'embed', 'exhibit', 'map'] as const;

/** `decodeURIComponent` that answers null for a malformed %-escape instead of throwing. */
export function decodePathSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

const TABLE: [RegExp, (m: RegExpExecArray) => PageRoute | null][] = [
  [/^\/(?:places\/?)?$/, () => ({ page: 'catalogue' })],
  [/^\/places\/([^/]+)\/tour\/?$/, (m) => placePage('tour', m[1])],
  [/^\/places\/([^/]+)\/book\/?$/, (m) => placePage('book', m[1])],
  [/^\/places\/([^/]+)\/map\/?$/, (m) => placePage('map', m[1])],
  [/^\/places\/([^/]+)\/exhibits\/([a-z0-9][a-z0-9-]{0,63})\/?$/, (m) => exhibitPage(m[1], m[2])],
  [/^\/places\/([^/]+)\/?$/, (m) => placePage('place', m[1])],
  [/^\/embed\/places\/([^/]+)\/?$/, (m) => placePage('embed', m[1])],
  [/^\/book\/ticket\/([A-Za-z0-9-]{1,40})\/?$/, (m) => ({ page: 'ticket', code: m[1] })],
  [/^\/book\/manage\/([A-Za-z0-9_-]{1,200})\/?$/, (m) => ({ page: 'manage', token: m[1] })],
  [/^\/host(?:\/.*)?$/, () => ({ page: 'host' })],
  [/^\/join\/?$/, () => ({ page: 'join' })],
  [/^\/join\/([A-Za-z0-9-]{1,40})\/?$/, (m) => ({ page: 'join', code: m[1] })],
  [/^\/s\/([A-Za-z0-9-]{1,40})\/?$/, (m) => ({ page: 'session', code: m[1] })],
  [/^\/sessions\/([A-Za-z0-9_-]{1,64})\/host\/?$/, (m) => ({ page: 'sessionHost', sessionId: m[1] })],
];

function exhibitPage(raw: string, exhibitId: string): PageRoute | null {
  const placeId = decodePathSegment(raw);
  return placeId === null ? null : { page: 'exhibit', placeId, exhibitId };
}

function placePage(page: Exclude<(typeof PLACE_PAGES)[number], 'exhibit'>, raw: string): PageRoute | null {
  const placeId = decodePathSegment(raw);
  return placeId === null ? null : { page, placeId };
}

/** The page at `pathname` (still %-encoded, as in `location.pathname`), or null: not found. */
export function matchPageRoute(pathname: string): PageRoute | null {
  for (const [re, make] of TABLE) {
    const m = re.exec(pathname);
    if (m) return make(m);
  }
  return null;
}

/** The place a tour link opens (`/places/:id/tour`), or undefined. */
export function tourPlaceId(pathname: string): string | undefined {
  const r = matchPageRoute(pathname);
  return r?.page === 'tour' ? r.placeId : undefined;
}
