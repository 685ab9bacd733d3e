import { describe, expect, it } from 'vitest';
import { ArPlacement, type ArPose } from '../../../../client/xr/ar/arPlacement.ts';
import { arCoaching } from '../../../../client/xr/ar/arCoaching.ts';

const table: ArPose = { position: [0, 0.74, -0.6], orientation: [0, 0, 0, 1] };

describe('ArPlacement', () => {
  it('goes searching → surface → placed, and back from a tracking loss to where it was', () => {
    const p = new ArPlacement(0);
    expect(p.snapshot.phase).toBe('searching');
    expect(arCoaching(p.snapshot, 0)).toBe('findSurface');
    expect(p.select(10), 'a tap before any surface places nothing').toBeNull();

    p.frame(16, { tracked: true, hit: table });
    expect(p.snapshot.phase).toBe('surface');
    expect(p.snapshot.reticle?.position[1]).toBe(0.74);
    expect(arCoaching(p.snapshot, 16)).toBe('tapToPlace');

    expect(p.select(32)).toEqual(table);
    expect(p.snapshot.phase).toBe('placed');
    expect(arCoaching(p.snapshot, 40)).toBe('gestures');
    expect(arCoaching(p.snapshot, 10_000), 'the gesture hint goes away').toBeNull();

    // One dropped frame is not a loss; 300 ms is.
    p.frame(10_016, { tracked: false, hit: null });
    expect(p.snapshot.phase).toBe('placed');
    p.frame(10_400, { tracked: false, hit: null });
    expect(p.snapshot.phase).toBe('lost');
    expect(p.snapshot.reticle).toBeNull();
    expect(arCoaching(p.snapshot, 10_400)).toBe('trackingLost');
    expect(p.select(10_410), 'no placing blind').toBeNull();

    p.frame(11_000, { tracked: true, hit: null });
    expect(p.snapshot.phase, 'recovers to placed, models kept').toBe('placed');
    expect(p.snapshot.placedCount).toBe(1);
    expect(arCoaching(p.snapshot, 11_100)).toBe('trackingBack');
    expect(arCoaching(p.snapshot, 20_000)).toBeNull();
  });

  it('keeps the reticle through a short gap in hits, drops it after the grace', () => {
    const p = new ArPlacement(0, { hitGraceMs: 400 });
    p.frame(0, { tracked: true, hit: table });
    p.frame(200, { tracked: true, hit: null });
    expect(p.snapshot.phase).toBe('surface');
    p.frame(500, { tracked: true, hit: null });
    expect(p.snapshot.phase).toBe('searching');
    expect(p.snapshot.reticle).toBeNull();
  });

  it('places several models and returns to the surface when the last is removed', () => {
    const p = new ArPlacement(0);
    p.frame(0, { tracked: true, hit: table });
    expect(p.select(1)).not.toBeNull();
    expect(p.select(2), 'a second model beside the first').not.toBeNull();
    expect(p.snapshot.placedCount).toBe(2);
    p.removed(3);
    expect(p.snapshot.phase).toBe('placed');
    p.removed(4);
    expect(p.snapshot.phase).toBe('surface');
  });

  it('a loss before anything was placed recovers to searching', () => {
    const p = new ArPlacement(0);
    const phases: string[] = [];
    p.onChange((s) => phases.push(s.phase));
    p.frame(0, { tracked: true, hit: table });
    p.frame(100, { tracked: false, hit: null });
    p.frame(500, { tracked: false, hit: null });
    p.frame(600, { tracked: true, hit: null });
    expect(phases).toEqual(['surface', 'lost', 'searching']);
  });
});
