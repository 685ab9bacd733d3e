import type { Place } from '@protocol';

/** A point on the museum map, in metres (the floor plan's space). */
export interface MapPoint {
  x: number;
  y: number;
}

/** Where the walk starts: at an exhibit (the QR code's `?at=`), in a hall (tapped on the map), or the entrance hall. */
export type RouteStart = { exhibitId: string } | { hallId: string } | undefined;

export interface RouteStop {
  exhibitId: string;
  point: MapPoint;
  /** Metres walked from the previous stop (or the start). */
  walkMetres: number;
  walkMinutes: number;
  visitMinutes: number;
}

export interface MuseumRoute {
  start: MapPoint;
  /** The exhibit the walk starts at, when it started at one. */
  startExhibitId?: string;
  stops: RouteStop[];
  walkMetres: number;
  walkMinutes: number;
  visitMinutes: number;
  totalMinutes: number;
  /** Placed exhibits the time budget left out. */
  skipped: string[];
}

export interface PlanOptions {
  start?: RouteStart;
  /** Time budget in minutes (walking and looking); none: every exhibit on the map. */
  minutes?: number;
  /** Walking speed; a museum stroll is about 1 m/s. */
  metresPerSecond?: number;
}

interface Candidate {
  id: string;
  point: MapPoint;
  minutes: number;
  site: boolean;
}

const dist = (a: MapPoint, b: MapPoint) => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * A suggested walk through a museum's exhibits on its map. The order is a nearest-neighbour
 * walk from the start, improved by 2-opt (an open path: the visit ends at the last exhibit).
 * Distances are straight lines between map points — the map has no corridors to route through.
 * With a time budget it keeps the exhibits that fit: the one you stand at and the site model
 * (the sand table) first, then whichever adds the least time, so the most exhibits fit.
 */
export function planMuseumRoute(place: Pick<Place, 'tour' | 'exhibits'>, options: PlanOptions = {}): MuseumRoute {
  const speed = options.metresPerSecond ?? 1;
  const walkMin = (m: number) => m / speed / 60;
  const candidates: Candidate[] = (place.exhibits ?? []).flatMap((e) =>
    e.map ? [{ id: e.id, point: { x: e.map.x, y: e.map.y }, minutes: e.minutes, site: e.role === 'site' }] : [],
  );
  const { point: start, exhibit: startExhibit } = startPoint(place, options.start, candidates);
  const budget = options.minutes;
  const cost = (order: Candidate[]) => pathMetres(start, order) / speed / 60 + order.reduce((s, c) => s + c.minutes, 0);

  let chosen: Candidate[];
  if (budget === undefined) chosen = orderWalk(start, candidates, startExhibit);
  else {
    // Priority first (where you stand, then the sand table), then the cheapest to add.
    const priority = [startExhibit, candidates.find((c) => c.site && c !== startExhibit)].filter((c): c is Candidate => !!c);
    chosen = [];
    for (const c of priority) {
      const tryOrder = orderWalk(start, [...chosen, c], startExhibit);
      if (cost(tryOrder) <= budget + 1e-9) chosen = tryOrder;
    }
    for (;;) {
      let best: { order: Candidate[]; cost: number } | null = null;
      for (const c of candidates) {
        if (chosen.includes(c)) continue;
        const order = cheapestInsertion(start, chosen, c, startExhibit);
        const t = cost(order);
        if (t <= budget + 1e-9 && (!best || t < best.cost)) best = { order, cost: t };
      }
      if (!best) break;
      // Re-walk the whole set: insertion alone can leave crossings that 2-opt removes.
      const rewalked = orderWalk(start, best.order, startExhibit);
      chosen = cost(rewalked) <= best.cost ? rewalked : best.order;
    }
  }

  let prev = start;
  const stops = chosen.map((c) => {
    const walkMetres = dist(prev, c.point);
    prev = c.point;
    return { exhibitId: c.id, point: c.point, walkMetres, walkMinutes: walkMin(walkMetres), visitMinutes: c.minutes };
  });
  const walkMetres = stops.reduce((s, x) => s + x.walkMetres, 0);
  const visitMinutes = stops.reduce((s, x) => s + x.visitMinutes, 0);
  return {
    start,
    ...(startExhibit ? { startExhibitId: startExhibit.id } : {}),
    stops,
    walkMetres,
    walkMinutes: walkMin(walkMetres),
    visitMinutes,
    totalMinutes: walkMin(walkMetres) + visitMinutes,
    skipped: candidates.filter((c) => !chosen.includes(c)).map((c) => c.id),
  };
}

/** The start's map point: the exhibit's, the hall's (its room shape's centre), else the tour's first hall. */
function startPoint(place: Pick<Place, 'tour'>, start: RouteStart, candidates: Candidate[]): { point: MapPoint; exhibit?: Candidate } {
  if (start && 'exhibitId' in start) {
    const exhibit = candidates.find((c) => c.id === start.exhibitId);
    if (exhibit) return { point: exhibit.point, exhibit };
  }
  const hallId = start && 'hallId' in start ? start.hallId : place.tour.startScene;
  return { point: hallPoint(place, hallId) ?? hallPoint(place, place.tour.startScene) ?? { x: 0, y: 0 } };
}

/** A hall's point on the map: the centre of its room shape, else the point its panorama was taken at. */
export function hallPoint(place: Pick<Place, 'tour'>, hallId: string): MapPoint | undefined {
  const room = place.tour.floorPlan?.rooms.find((r) => r.sceneId === hallId);
  if (room && room.polygon.length > 0) {
    const n = room.polygon.length;
    return { x: room.polygon.reduce((s, p) => s + p[0], 0) / n, y: room.polygon.reduce((s, p) => s + p[1], 0) / n };
  }
  const scene = place.tour.scenes.find((s) => s.id === hallId);
  return scene ? { x: scene.floor.x, y: scene.floor.y } : undefined;
}

function pathMetres(start: MapPoint, order: Candidate[]): number {
  let m = 0;
  let prev = start;
  for (const c of order) {
    m += dist(prev, c.point);
    prev = c.point;
  }
  return m;
}

/** Nearest neighbour from the start (the exhibit you stand at stays first), then 2-opt until no swap shortens it. */
function orderWalk(start: MapPoint, set: Candidate[], first?: Candidate): Candidate[] {
  const left = set.filter((c) => c !== first);
  const order: Candidate[] = first && set.includes(first) ? [first] : [];
  let at = order.length ? order[0].point : start;
  while (left.length) {
    let k = 0;
    for (let i = 1; i < left.length; i++) if (dist(at, left[i].point) < dist(at, left[k].point) - 1e-9) k = i;
    const [next] = left.splice(k, 1);
    order.push(next);
    at = next.point;
  }
  return twoOpt(start, order, order[0] === first ? 1 : 0);
}

/** 2-opt on an open path from `start`: reverse order[i..j] while that shortens it (i ≥ fixed keeps a pinned first stop). */
function twoOpt(start: MapPoint, order: Candidate[], fixed: number): Candidate[] {
  const pts = [start, ...order.map((c) => c.point)];
  const nodes = [null, ...order];
  let improved = true;
  let guard = 0;
  while (improved && guard++ < 100) {
    improved = false;
    for (let i = 1 + fixed; i < pts.length - 1; i++) {
      for (let j = i + 1; j < pts.length; j++) {
        const before = dist(pts[i - 1], pts[i]) + (j + 1 < pts.length ? dist(pts[j], pts[j + 1]) : 0);
        const after = dist(pts[i - 1], pts[j]) + (j + 1 < pts.length ? dist(pts[i], pts[j + 1]) : 0);
        if (after < before - 1e-9) {
          pts.splice(i, j - i + 1, ...pts.slice(i, j + 1).reverse());
          nodes.splice(i, j - i + 1, ...nodes.slice(i, j + 1).reverse());
          improved = true;
        }
      }
    }
  }
  return nodes.slice(1) as Candidate[];
}

/** `c` put where it lengthens the walk least (never before a pinned first stop). */
function cheapestInsertion(start: MapPoint, order: Candidate[], c: Candidate, first?: Candidate): Candidate[] {
  const from = order[0] && order[0] === first ? 1 : 0;
  let best: Candidate[] | null = null;
  let bestM = Infinity;
  for (let i = from; i <= order.length; i++) {
    const o = [...order.slice(0, i), c, ...order.slice(i)];
    const m = pathMetres(start, o);
    if (m < bestM) {
      bestM = m;
      best = o;
    }
  }
  return best ?? [c];
}
