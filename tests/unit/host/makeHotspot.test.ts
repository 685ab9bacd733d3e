import { describe, expect, it } from 'vitest';
import { hotspotSchema } from '@protocol';
import { makeHotspot, newHotspotId, withHotspotKind } from '../../../client/host/makeHotspot.ts';

describe('makeHotspot', () => {
  it('is a door to the given room, or an info point when there is no other room', () => {
    expect(makeHotspot({ yaw: 12, pitch: -3 }, 'kitchen', 'a')).toEqual({ id: 'a', kind: 'scene', target: 'kitchen', yaw: 12, pitch: -3 });
    const info = makeHotspot({ yaw: 1, pitch: 2 }, undefined, 'b');
    expect(info).toEqual({ id: 'b', kind: 'info', yaw: 1, pitch: 2, title: '', text: '' });
    expect(hotspotSchema.safeParse(info).success).toBe(true);
  });

  it('switching kind keeps id and position', () => {
    const door = makeHotspot({ yaw: 40, pitch: 5 }, 'hall', 'c');
    const info = withHotspotKind(door, 'info', 'hall');
    expect(info).toMatchObject({ id: 'c', kind: 'info', yaw: 40, pitch: 5 });
    expect(withHotspotKind(info, 'scene', 'bath')).toEqual({ id: 'c', kind: 'scene', target: 'bath', yaw: 40, pitch: 5 });
    expect(withHotspotKind(info, 'scene', undefined)).toBe(info);
  });

  it('ids differ even within one millisecond', () => {
    expect(newHotspotId(5)).not.toBe(newHotspotId(5));
  });
});
