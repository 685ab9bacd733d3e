import { describe, expect, it } from 'vitest';
import { returnDoor } from '../../../client/host/returnDoor.ts';

describe('returnDoor', () => {
  it('puts the way back where the other room lies on the plan, turned by the room’s north', () => {
    const hall = { id: 'hall', floor: { x: 5, y: 2 } };
    // The study is south of the hall: the way back points north (bearing 0) → yaw = the study's north.
    const study = { hotspots: [], floor: { x: 5, y: 6 }, north: 30 };
    expect(returnDoor(hall, study, 'h1')).toEqual({ id: 'h1', kind: 'scene', target: 'hall', yaw: 30, pitch: -10 });
    // East of the kitchen: bearing 90.
    expect(returnDoor({ id: 'k', floor: { x: 9, y: 6 } }, study, 'h2')!.yaw).toBe(120);
  });

  it('offers nothing when the way back exists', () => {
    const study = { hotspots: [{ id: 'x', kind: 'scene' as const, target: 'hall', yaw: 0, pitch: 0 }], floor: { x: 0, y: 0 }, north: 0 };
    expect(returnDoor({ id: 'hall', floor: { x: 1, y: 1 } }, study)).toBeNull();
  });
});
