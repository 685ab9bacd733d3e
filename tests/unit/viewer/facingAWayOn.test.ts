import { describe, expect, it } from 'vitest';
import type { Hotspot } from '../../../server/protocol/index.ts';
import { facingAWayOn } from '../../../client/viewer/facingAWayOn.ts';
import { yawDelta } from '../../../client/viewer/viewMath.ts';

const door = (id: string, yaw: number): Hotspot => ({ id, kind: 'scene', target: id, yaw, pitch: -5 });
const info: Hotspot = { id: 'i', kind: 'info', yaw: 0, pitch: 0, title: 'View', text: 'South' };
const PHONE = 390 / 844;
const DESKTOP = 16 / 9;

describe('facingAWayOn', () => {
  it('turns a phone’s first view just enough that the nearest door is in sight, on the side it was on', () => {
    const room = { hotspots: [info, door('kitchen', 320), door('hall', 100)] };
    const v = facingAWayOn(room, { yaw: 210, pitch: -5, fov: 89 }, PHONE);
    // Both doors are 110° away, one each side: one of them comes into sight.
    const seen = [320, 100].map((y) => Math.abs(yawDelta(v.yaw, y)));
    expect(Math.min(...seen)).toBeLessThan(40);
    expect(Math.abs(yawDelta(210, v.yaw))).toBeLessThan(110);
    expect(v.pitch).toBe(-5);
    expect(v.fov).toBe(89);
  });

  it('keeps a view that already shows a door, one the host chose, and a room without doors', () => {
    const room = { hotspots: [door('kitchen', 230)] };
    expect(facingAWayOn(room, { yaw: 210, pitch: 0, fov: 89 }, PHONE)).toEqual({ yaw: 210, pitch: 0, fov: 89 });
    expect(facingAWayOn({ ...room, initialViewChosen: true }, { yaw: 0, pitch: 0, fov: 89 }, PHONE)).toEqual({ yaw: 0, pitch: 0, fov: 89 });
    expect(facingAWayOn({ hotspots: [info] }, { yaw: 0, pitch: 0, fov: 89 }, PHONE)).toEqual({ yaw: 0, pitch: 0, fov: 89 });
  });

  it('a door 30° off is in sight on a desktop but not on a narrow phone', () => {
    const room = { hotspots: [door('kitchen', 30)] };
    expect(facingAWayOn(room, { yaw: 0, pitch: 0, fov: 89 }, DESKTOP).yaw).toBe(0);
    const phone = facingAWayOn(room, { yaw: 0, pitch: 0, fov: 89 }, PHONE);
    expect(phone.yaw).toBeGreaterThan(0);
    expect(phone.yaw).toBeLessThan(30);
  });
});
