import { describe, expect, it } from 'vitest';
import type { Scene } from '@protocol';
import { dollhouseMarkers, MARKER_HEIGHT } from '../../../client/viewer/dollhouseMarkers.ts';
import { EYE_HEIGHT } from '../../../client/viewer/dollhouseFlight.ts';

const scene = (id: string, x: number, y: number) => ({ id, name: id, floor: { x, y } }) as unknown as Scene;

describe('dollhouse markers', () => {
  it('puts one marker per scene at its floor-plan point (plan y → model z), the eye 1.6 m up', () => {
    const plan = { width: 11, height: 8.2, rooms: [{ sceneId: 'kitchen', polygon: [[0, 0], [3.2, 0], [3.2, 3.4], [0, 3.4]] as [number, number][] }] };
    const [k, l] = dollhouseMarkers([scene('kitchen', 1.6, 2.15), scene('living', 3.05, 5.25)], plan);
    expect(k.sceneId).toBe('kitchen');
    expect(k.floor).toEqual({ x: 1.6, y: 0, z: 2.15 });
    expect(k.eye).toEqual({ x: 1.6, y: EYE_HEIGHT, z: 2.15 });
    expect(EYE_HEIGHT).toBe(1.6);
    expect(k.anchor).toEqual({ x: 1.6, y: MARKER_HEIGHT, z: 2.15 });
    expect(k.room).toEqual(plan.rooms[0].polygon);
    expect(l.room).toBeUndefined();
    expect(l.floor).toEqual({ x: 3.05, y: 0, z: 5.25 });
  });
});
