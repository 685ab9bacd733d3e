import { describe, expect, it } from 'vitest';
import { hostHref, parseHostRoute } from '../../../client/host/parseHostRoute.ts';

describe('parseHostRoute', () => {
  it('names every console page, with or without a trailing slash', () => {
    expect(parseHostRoute('/host')).toEqual({ page: 'places' });
    expect(parseHostRoute('/host/')).toEqual({ page: 'places' });
    expect(parseHostRoute('/host/places')).toEqual({ page: 'places' });
    expect(parseHostRoute('/host/places/new')).toEqual({ page: 'new-place' });
    expect(parseHostRoute('/host/places/flat-1')).toEqual({ page: 'place', placeId: 'flat-1' });
    expect(parseHostRoute('/host/places/flat-1/')).toEqual({ page: 'place', placeId: 'flat-1' });
    expect(parseHostRoute('/host/places/flat-1/floorplan')).toEqual({ page: 'floorplan', placeId: 'flat-1' });
    expect(parseHostRoute('/host/places/flat-1/rooms/kitchen')).toEqual({ page: 'room', placeId: 'flat-1', sceneId: 'kitchen' });
    expect(parseHostRoute('/host/team')).toEqual({ page: 'team' });
    expect(parseHostRoute('/host/invite/abc_DEF-123')).toEqual({ page: 'invite', token: 'abc_DEF-123' });
  });

  it('anything else is not found (never a crash on a bad escape)', () => {
    expect(parseHostRoute('/host/bookings')).toEqual({ page: 'not-found' });
    expect(parseHostRoute('/host/places/a/rooms')).toEqual({ page: 'not-found' });
    expect(parseHostRoute('/host/places/a/b/c/d')).toEqual({ page: 'not-found' });
    expect(parseHostRoute('/host/places/%E0%A4%A')).toEqual({ page: 'place', placeId: '%E0%A4%A' });
  });

  it('hostHref is its inverse', () => {
    for (const r of [
      { page: 'places' },
      { page: 'new-place' },
      { page: 'place', placeId: 'a b/c' },
      { page: 'room', placeId: 'flat', sceneId: 'living room' },
      { page: 'floorplan', placeId: 'flat' },
      { page: 'team' },
      { page: 'invite', token: 'abc_DEF-123' },
    ] as const)
      expect(parseHostRoute(hostHref(r))).toEqual(r);
  });
});
