import { describe, expect, it } from 'vitest';
import { placePatchSchema, type HostPlace } from '@protocol';
import { placePatchFor } from '../../../client/host/placePatchFor.ts';

const place = {
  id: 'flat',
  kind: 'home',
  title: 'Flat',
  city: 'Hangzhou',
  address: '1 River Rd',
  price: 4200000,
  currency: 'CNY',
  coverUrl: '',
  rooms: 0,
  description: 'Sunny',
  lat: 30.2,
  lng: 120.1,
  areaM2: 89,
  published: false,
  tour: { startScene: '', scenes: [] },
} satisfies HostPlace;

describe('placePatchFor', () => {
  it('publishing keeps the listing as the server will read it (its patch schema fills omitted fields with defaults)', () => {
    const body = placePatchSchema.parse(placePatchFor(place, { published: true }));
    expect(body).toMatchObject({ published: true, city: 'Hangzhou', address: '1 River Rd', price: 4200000, lat: 30.2, lng: 120.1, areaM2: 89, description: 'Sunny' });
  });

  it('the patch wins over the restated fields', () => {
    expect(placePatchFor(place, { title: 'New title', startScene: 'hall' })).toMatchObject({ title: 'New title', startScene: 'hall', city: 'Hangzhou' });
  });
});
