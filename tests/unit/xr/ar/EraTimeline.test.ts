import { describe, expect, it } from 'vitest';
import type { Era } from '@protocol';
import { EraTimeline } from '../../../../client/xr/ar/EraTimeline.ts';
import { EraPlayer } from '../../../../client/xr/ar/EraPlayer.ts';

const eras: Era[] = [
  { id: 'ming', year: 1370, label: 'Ming walls', nodes: ['wall-n', 'wall-s', 'gate'] },
  { id: 'han', year: -200, label: 'Han town', labelZh: '汉代县城', nodes: ['hall', 'gate'] },
  { id: 'qing', year: 1750, label: 'Qing market', nodes: ['market'] },
];

describe('EraTimeline', () => {
  const tl = new EraTimeline(eras, { riseMs: 1000, holdMs: 1000 });

  it('orders eras by year; a node named twice rises in the earlier era', () => {
    expect(tl.eras.map((e) => e.id)).toEqual(['han', 'ming', 'qing']);
    expect(tl.eraOfNode.get('gate')).toBe(0);
    expect(tl.eraOfNode.get('wall-n')).toBe(1);
    expect(tl.duration).toBe(6000);
  });

  it('hides every era node before the start and raises them era by era with the caption', () => {
    const before = tl.at(-1);
    expect(before.eraIndex).toBe(-1);
    expect(before.era).toBeNull();
    expect([...before.rise.values()].every((v) => v === 0)).toBe(true);
    expect([...before.rise.keys()].sort()).toEqual(['gate', 'hall', 'market', 'wall-n', 'wall-s']);

    const han = tl.at(1000);
    expect(han.era?.label).toBe('Han town');
    expect(han.rise.get('hall')).toBe(1);
    expect(han.rise.get('gate')).toBe(1);
    expect(han.rise.get('wall-n'), 'later eras still hidden').toBe(0);

    const midMing = tl.at(2000 + 600);
    expect(midMing.era?.id).toBe('ming');
    const n = midMing.rise.get('wall-n')!, s = midMing.rise.get('wall-s')!;
    expect(n).toBeGreaterThan(0);
    expect(s, 'staggered: the second node is behind the first').toBeLessThan(n);
    expect(midMing.sweep).toBeCloseTo(0.6);

    const end = tl.at(6000);
    expect(end.done).toBe(true);
    expect(end.era?.id).toBe('qing');
    expect([...end.rise.values()].every((v) => v === 1)).toBe(true);
    expect(end.sweep).toBeNull();
  });

  it('eases: rising is quick at first and slows at the top', () => {
    const a = tl.at(250).rise.get('hall')!; // first node of han: window 0..500 ms
    expect(a).toBeGreaterThan(0.5); // linear would be 0.5
    expect(a).toBeLessThan(1);
  });
});

describe('EraPlayer', () => {
  it('plays, pauses, jumps to an era and stops at the end', () => {
    const p = new EraPlayer(new EraTimeline(eras, { riseMs: 1000, holdMs: 1000 }));
    expect(p.frame(0).eraIndex).toBe(-1);
    p.play(100);
    expect(p.frame(1100).era?.id).toBe('han');
    p.pause(1100);
    expect(p.frame(50_000).era?.id, 'paused stays').toBe('han');
    p.showEra(2, 50_000);
    expect(p.frame(50_001).rise.get('market')).toBe(1);
    p.play(60_000);
    expect(p.frame(60_000 + 10_000).done).toBe(true);
    expect(p.playing).toBe(false);
    p.play(80_000);
    expect(p.frame(80_000).rise.get('hall'), 'replay from the start').toBe(0);
  });
});
