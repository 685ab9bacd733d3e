import { describe, expect, it } from 'vitest';
import { unreachableRooms } from '../../../server/protocol/index.ts';

const room = (id: string, ...to: string[]) => ({ id, hotspots: [{ kind: 'info' }, ...to.map((t) => ({ kind: 'scene', target: t }))] });

describe('unreachableRooms', () => {
  it('finds the rooms no chain of doors from the start room leads to', () => {
    const tour = { startScene: 'hall', scenes: [room('hall', 'kitchen'), room('kitchen', 'hall', 'pantry'), room('pantry'), room('study', 'hall'), room('attic')] };
    // The study has a door out, but none in; the attic none at all.
    expect(unreachableRooms(tour)).toEqual(['study', 'attic']);
  });

  it('every room reachable, one room, or no rooms: nothing to warn about', () => {
    expect(unreachableRooms({ startScene: 'a', scenes: [room('a', 'b'), room('b')] })).toEqual([]);
    expect(unreachableRooms({ startScene: 'a', scenes: [room('a')] })).toEqual([]);
    expect(unreachableRooms({ startScene: '', scenes: [] })).toEqual([]);
  });
});
