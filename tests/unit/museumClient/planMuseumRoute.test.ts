import { describe, expect, it } from 'vitest';
import { planMuseumRoute } from '../../../client/museum/planMuseumRoute.ts';
import { exhibit, museum } from './museumFixture.ts';

const ids = (r: { stops: { exhibitId: string }[] }) => r.stops.map((s) => s.exhibitId);

describe('planMuseumRoute', () => {
  it('walks from the exhibit you stand at to the nearest next, and counts its metres', () => {
    const place = museum([exhibit('d', 20, 5), exhibit('a', 0, 5), exhibit('b', 10, 5), exhibit('c', 5, 5)]);
    const r = planMuseumRoute(place, { start: { exhibitId: 'a' } });
    expect(ids(r)).toEqual(['a', 'c', 'b', 'd']);
    expect(r.startExhibitId).toBe('a');
    expect(r.start).toEqual({ x: 0, y: 5 });
    expect(r.stops[0].walkMetres).toBe(0);
    expect(r.stops.map((s) => s.walkMetres)).toEqual([0, 5, 5, 10]);
    expect(r.walkMetres).toBe(20);
  });

  it('2-opt undoes a nearest-neighbour detour', () => {
    // From the start (the east hall's centre, 10,10): nearest-neighbour goes a (1 m), b (3 m), c (7 m) = 11 m;
    // b, a, c is 2 + 3 + 4 = 9 m.
    const place = museum([exhibit('a', 11, 10), exhibit('b', 8, 10), exhibit('c', 15, 10)]);
    const r = planMuseumRoute(place);
    expect(r.start).toEqual({ x: 10, y: 10 });
    expect(ids(r)).toEqual(['b', 'a', 'c']);
    expect(r.walkMetres).toBeCloseTo(9, 9);
  });

  it('times walking at 1 m/s and adds each exhibit’s minutes', () => {
    const place = museum([exhibit('a', 10, 10, { minutes: 4 }), exhibit('b', 10, 70, { minutes: 6 }), exhibit('c', 10, 190, { minutes: 0 })]);
    const r = planMuseumRoute(place);
    // 0 m, then 60 m (1 min), then 120 m (2 min).
    expect(r.stops.map((s) => s.walkMinutes)).toEqual([0, 1, 2]);
    expect(r.walkMinutes).toBe(3);
    expect(r.visitMinutes).toBe(10);
    expect(r.totalMinutes).toBe(13);
    expect(planMuseumRoute(place, { metresPerSecond: 0.5 }).walkMinutes).toBe(6);
  });

  it('keeps what fits in 30, 60 and 90 minutes, the site model first even when it is far', () => {
    const near = Array.from({ length: 12 }, (_, i) => exhibit(`e${i}`, 2 + (i % 6) * 3, 3 + Math.floor(i / 6) * 4, { minutes: 10 }));
    const site = exhibit('site', 39, 19, { role: 'site', minutes: 15 });
    const place = museum([...near, site]);
    const counts: number[] = [];
    for (const minutes of [30, 60, 90]) {
      const r = planMuseumRoute(place, { minutes });
      expect(r.totalMinutes).toBeLessThanOrEqual(minutes);
      expect(ids(r)).toContain('site');
      expect(r.skipped.length + r.stops.length).toBe(13);
      counts.push(r.stops.length);
    }
    // 15 + 10 (+ walking) fits 30; 15 + 4 × 10 fits 60; 15 + 7 × 10 fits 90 — never one more.
    expect(counts).toEqual([2, 5, 8]);
    // Without the budget every placed exhibit is on the walk.
    expect(planMuseumRoute(place).stops).toHaveLength(13);
  });

  it('keeps the exhibit you stand at first, and fits the rest around it', () => {
    const place = museum([exhibit('a', 2, 2), exhibit('b', 30, 10), exhibit('c', 35, 10), exhibit('d', 5, 2)]);
    const r = planMuseumRoute(place, { start: { exhibitId: 'c' }, minutes: 12 });
    expect(ids(r)).toEqual(['c', 'b']);
    expect(r.skipped.sort()).toEqual(['a', 'd']);
  });

  it('starts in a tapped hall, and leaves out exhibits with no place on the map', () => {
    const place = museum([exhibit('a', 2, 10), exhibit('b', 38, 10), exhibit('nowhere', null, 0)]);
    const r = planMuseumRoute(place, { start: { hallId: 'west' } });
    expect(r.start).toEqual({ x: 30, y: 10 });
    expect(ids(r)).toEqual(['b', 'a']);
    expect(r.skipped).toEqual([]);
    // An unknown exhibit id falls back to the first hall.
    expect(planMuseumRoute(place, { start: { exhibitId: 'gone' } }).start).toEqual({ x: 10, y: 10 });
  });

  it('has an empty walk for a museum without exhibits', () => {
    const r = planMuseumRoute(museum([]), { minutes: 30 });
    expect(r.stops).toEqual([]);
    expect(r.totalMinutes).toBe(0);
  });
});
