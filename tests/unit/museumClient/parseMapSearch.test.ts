import { describe, expect, it } from 'vitest';
import { parseMapSearch } from '../../../client/museum/parseMapSearch.ts';
import { mapHref } from '../../../client/museum/mapHref.ts';

const known = { exhibits: ['ding', 'vase'], halls: ['bronze'] };

describe('parseMapSearch', () => {
  it('reads the exhibit you stand at and the time you have', () => {
    expect(parseMapSearch('?at=ding&minutes=60', known)).toEqual({ start: { exhibitId: 'ding' }, minutes: 60 });
    expect(parseMapSearch('?hall=bronze', known)).toEqual({ start: { hallId: 'bronze' } });
  });
  it('ignores an unknown exhibit or hall and a budget it does not offer', () => {
    expect(parseMapSearch('?at=gone&minutes=45', known)).toEqual({ start: undefined });
    expect(parseMapSearch('?hall=attic&minutes=abc', known)).toEqual({ start: undefined });
  });
  it('round-trips what mapHref writes', () => {
    const href = mapHref('demo museum', { at: 'vase', minutes: 90 });
    expect(href).toBe('/places/demo%20museum/map?at=vase&minutes=90');
    expect(parseMapSearch(href.slice(href.indexOf('?')), known)).toEqual({ start: { exhibitId: 'vase' }, minutes: 90 });
  });
});
