import { describe, expect, it } from 'vitest';
import { listingFacts, pricePerM2 } from '../../../client/app/listingFacts.ts';
import { mapTileGrid } from '../../../client/app/mapTileGrid.ts';
import { addressLine } from '../../../client/app/addressLine.ts';
import { telHref } from '../../../client/app/telHref.ts';
import { listingMessages } from '../../../client/i18n/listingMessages.ts';
import { placeFormToBody, placeFormValues } from '../../../client/host/placeForm.ts';

const flat = { price: 4_200_000, currency: 'CNY', areaM2: 90, facts: { bedrooms: 2, livingRooms: 1, bathrooms: 1, floor: 15, totalFloors: 28, orientation: ['s' as const, 'n' as const], yearBuilt: 2012 } };

describe('listing facts', () => {
  it('reads like a Beike listing in Chinese and plainly in English', () => {
    const zh = listingFacts('zh-CN', listingMessages('zh-CN'), flat).map((f) => [f.label, f.value]);
    expect(zh).toEqual([
      ['户型', '2室1厅1卫'],
      ['建筑面积', '90 m²'],
      ['单价', '¥46,667/m²'],
      ['楼层', '15/28层'],
      ['朝向', '南北通透'],
      ['年代', '2012年建'],
    ]);
    const en = listingFacts('en', listingMessages('en'), { ...flat, facts: { ...flat.facts, orientation: ['s' as const] } }).map((f) => f.value);
    expect(en).toEqual(['2 bed · 1 living · 1 bath', '90 m²', 'CN¥46,667/m²', '15 of 28', 'South-facing', '2012']);
  });

  it('leaves out what the agent did not give; no price per m² without both price and area', () => {
    expect(listingFacts('en', listingMessages('en'), { price: null, currency: 'CNY', areaM2: null })).toEqual([]);
    expect(pricePerM2('zh-CN', 1_000_000, null, 'CNY')).toBeNull();
    expect(listingMessages('zh-CN').orientation(['se', 'w'])).toBe('朝东南、西');
    expect(listingMessages('en').orientation(['e', 's', 'w'])).toBe('Faces east, south and west');
  });

  it('says the city once', () => {
    expect(addressLine({ address: 'Unit 1502, Qianjiang Riverside Garden, Hangzhou', city: 'Hangzhou' })).toBe('Unit 1502, Qianjiang Riverside Garden, Hangzhou');
    expect(addressLine({ address: '8 Canal St', city: 'Suzhou' })).toBe('8 Canal St, Suzhou');
    expect(addressLine({ address: '', city: 'Suzhou' })).toBe('Suzhou');
    expect(telHref('+86 138-0013-8000')).toBe('tel:+8613800138000');
  });
});

describe('map tiles', () => {
  it('centres the point: the tile under it spans the centre, x wraps at the antimeridian', () => {
    const tiles = mapTileGrid('https://t.example/{z}/{x}/{y}.png', 30.2455, 120.2146, 15);
    expect(tiles).toHaveLength(15);
    const under = tiles.filter((t) => t.dx <= 0 && t.dx > -256 && t.dy <= 0 && t.dy > -256);
    expect(under).toHaveLength(1);
    // Hangzhou at z15: x = floor(27326.2), y = floor(13493.43) (the slippy-map formula, worked out by hand).
    expect(under[0].url).toBe('https://t.example/15/27326/13493.png');
    const wrapped = mapTileGrid('{z}/{x}/{y}', 0, 179.999, 3);
    expect(wrapped.map((t) => t.url)).toContain('3/0/4');
  });
});

describe('place form facts', () => {
  it('builds the facts and refuses a floor above the building', () => {
    const v = { ...placeFormValues(), title: 'Flat', bedrooms: '2', livingRooms: '1', floor: '12', totalFloors: '18', yearBuilt: '2008', orientation: ['s' as const], district: ' Xihu ' };
    const ok = placeFormToBody(v);
    expect(ok.ok && ok.body.facts).toEqual({ bedrooms: 2, livingRooms: 1, floor: 12, totalFloors: 18, yearBuilt: 2008, orientation: ['s'], district: 'Xihu' });
    expect(ok.ok && [ok.body.lat, ok.body.lng]).toEqual([0, 0]);
    expect(placeFormToBody({ ...v, floor: '20' })).toEqual({ ok: false, problems: { floor: 'floorAbove' } });
    expect(placeFormToBody({ ...v, bedrooms: '2.5', yearBuilt: '208' })).toEqual({ ok: false, problems: { bedrooms: 'whole', yearBuilt: 'year' } });
  });
});
