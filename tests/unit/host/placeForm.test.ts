import { describe, expect, it } from 'vitest';
import { placeCreateSchema } from '@protocol';
import { placeFormToBody, placeFormValues } from '../../../client/host/placeForm.ts';

describe('placeFormToBody', () => {
  const filled = { ...placeFormValues(), title: ' Sunny flat ', city: 'Shanghai', lat: '31.2', lng: '121,47', price: '2,350,000', areaM2: '89.5' };

  it('builds a body the API accepts: numbers parsed, separators dropped, empty price on request', () => {
    const r = placeFormToBody(filled);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.body).toMatchObject({ kind: 'home', title: 'Sunny flat', lat: 31.2, lng: 121.47, price: 2350000, currency: 'CNY', areaM2: 89.5 });
    expect(placeCreateSchema.safeParse(r.body).success).toBe(true);
    const onRequest = placeFormToBody({ ...filled, price: '', areaM2: '' });
    expect(onRequest.ok && onRequest.body.price).toBe(null);
    expect(onRequest.ok && onRequest.body.areaM2).toBe(null);
  });

  it('names each field that is wrong', () => {
    const r = placeFormToBody({ ...filled, title: '  ', lat: '95', lng: 'east', price: '-1', areaM2: '0', currency: 'yuan' });
    expect(r).toEqual({ ok: false, problems: { title: 'required', lat: 'lat', lng: 'number', price: 'nonNegative', areaM2: 'positive', currency: 'currency' } });
  });
});
