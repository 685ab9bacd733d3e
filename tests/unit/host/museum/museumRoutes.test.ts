import { describe, expect, it } from 'vitest';
import { hostHref, parseHostRoute } from '../../../../client/host/parseHostRoute.ts';

describe('museum console addresses', () => {
  it('parse and build /host/places/:id/exhibits/:exhibitId and /host/places/:id/qr', () => {
    expect(parseHostRoute('/host/places/old-town/exhibits/bronze-ding')).toEqual({ page: 'exhibit', placeId: 'old-town', exhibitId: 'bronze-ding' });
    expect(parseHostRoute('/host/places/old-town/qr/')).toEqual({ page: 'qr', placeId: 'old-town' });
    expect(parseHostRoute('/host/places/old-town/exhibits')).toEqual({ page: 'not-found' });
    expect(hostHref({ page: 'exhibit', placeId: 'a b', exhibitId: 'x' })).toBe('/host/places/a%20b/exhibits/x');
    expect(hostHref({ page: 'qr', placeId: 'old-town' })).toBe('/host/places/old-town/qr');
  });
});
