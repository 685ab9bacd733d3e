import { describe, expect, it } from 'vitest';
import { formatMetres, MeasureTape, measureDistance } from '../../../client/viewer/measureTape.ts';

describe('measuring tape', () => {
  it('two clicks make a tape; a third starts a new one', () => {
    let t = new MeasureTape<[number, number]>();
    expect(t.distance).toBeNull();
    t = t.add([0, 0]);
    expect(t.complete).toBe(false);
    expect(t.distance).toBeNull();
    t = t.add([3, 4]);
    expect(t.complete).toBe(true);
    expect(t.distance).toBe(5);
    expect(t.midpoint).toEqual([1.5, 2]);
    const again = t.add([1, 1]);
    expect(again.points).toEqual([[1, 1]]);
    // Immutable: the old tape is unchanged (React state holds it).
    expect(t.points).toHaveLength(2);
  });

  it('measures in 3D', () => {
    expect(measureDistance([1, 2, 3], [1 + 2, 2 + 3, 3 + 6])).toBe(7);
    expect(() => measureDistance([0, 0], [0, 0, 0])).toThrow(/2-D and a 3-D/);
  });

  it('formats centimetres in the reader’s language', () => {
    expect(formatMetres(3.2, 'en')).toBe('3.20 m');
    expect(formatMetres(6.1035, 'en')).toBe('6.10 m');
    expect(formatMetres(0.005, 'en')).toBe('0.01 m');
    expect(formatMetres(2.456, 'zh-CN')).toBe('2.46 米');
  });
});
