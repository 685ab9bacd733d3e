import { describe, expect, it } from 'vitest';
import { pickRendition } from '../../../client/model/pickRendition.ts';

const both = { modelUrl: '/m/model.glb', phoneModelUrl: '/m/phone.glb', bytes: 9_000_000, phoneBytes: 1_500_000 };
const desktop = { shortSide: 900, coarsePointer: false };

describe('pickRendition', () => {
  it('a phone (390 × 844, touch) gets the lighter model and its size', () => {
    expect(pickRendition(both, { shortSide: 390, coarsePointer: true })).toEqual({ url: '/m/phone.glb', bytes: 1_500_000, phone: true });
  });
  it('a desktop gets the full model; so does a touch tablet', () => {
    expect(pickRendition(both, desktop).url).toBe('/m/model.glb');
    expect(pickRendition(both, { shortSide: 800, coarsePointer: true }).url).toBe('/m/model.glb');
  });
  it('little memory gets the lighter model even on a big screen', () => {
    expect(pickRendition(both, { ...desktop, deviceMemory: 2 }).url).toBe('/m/phone.glb');
    expect(pickRendition(both, { ...desktop, deviceMemory: 8 }).url).toBe('/m/model.glb');
  });
  it('without a phone rendition a phone loads the full model', () => {
    expect(pickRendition({ modelUrl: '/m/model.glb', bytes: 5 }, { shortSide: 390, coarsePointer: true })).toEqual({ url: '/m/model.glb', bytes: 5, phone: false });
  });
});
