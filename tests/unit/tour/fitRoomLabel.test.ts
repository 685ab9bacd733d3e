import { describe, expect, it } from 'vitest';
import { fitRoomLabel } from '../../../client/tour/fitRoomLabel.ts';

describe('fitRoomLabel', () => {
  it('keeps a short name at its size', () => {
    expect(fitRoomLabel('Kitchen', 3, 0.4)).toEqual({ lines: ['Kitchen'], size: 0.4 });
    expect(fitRoomLabel('厨房', 1.2, 0.4)).toEqual({ lines: ['厨房'], size: 0.4 });
  });

  it('shrinks a name a little too long, and breaks a long one at the slash or space nearest its middle', () => {
    const a = fitRoomLabel('Master bedroom', 3, 0.45);
    expect(a.lines).toEqual(['Master bedroom']);
    expect(a.size).toBeLessThan(0.45);
    const b = fitRoomLabel('Study / second bedroom', 3, 0.45);
    expect(b.lines).toEqual(['Study /', 'second bedroom']);
    // Every line now fits inside the room.
    for (const l of b.lines) expect(l.length * 0.58 * b.size).toBeLessThanOrEqual(3);
  });
});
