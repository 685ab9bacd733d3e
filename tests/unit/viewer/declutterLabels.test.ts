import { describe, expect, it } from 'vitest';
import { declutterLabels, type LabelBox } from '../../../client/viewer/declutterLabels.ts';

const box = (id: string, x: number, y: number, width = 120): LabelBox => ({ id, x, y, width, height: 40 });
const rect = (l: LabelBox, p: { x: number; y: number }) => ({ left: p.x - l.width / 2, right: p.x + l.width / 2, top: p.y - l.height, bottom: p.y });

describe('declutterLabels', () => {
  it('leaves labels apart alone and keeps one at the edge inside the screen', () => {
    const out = declutterLabels([box('a', 100, 300), box('b', 300, 500), box('c', 380, 200, 200)], 390);
    expect(out.get('a')).toEqual({ x: 100, y: 300, collapsed: false });
    expect(out.get('b')).toEqual({ x: 300, y: 500, collapsed: false });
    // 200 px wide at x 380 on a 390 px screen: moved in so it ends 8 px from the edge.
    expect(out.get('c')!.x + 100).toBe(382);
  });

  it('lifts an overlapping label clear, and collapses one that cannot get clear; none of the shown ones overlap', () => {
    const labels = [box('a', 200, 400), box('b', 210, 405), box('c', 190, 395), box('d', 205, 402)];
    const out = declutterLabels(labels, 390);
    expect(out.get('a')!.collapsed).toBe(false);
    expect(out.get('b')!.collapsed).toBe(false);
    expect(out.get('b')!.y).toBeLessThan(405);
    expect([...out.values()].some((p) => p.collapsed)).toBe(true);
    const shown = labels.filter((l) => !out.get(l.id)!.collapsed).map((l) => rect(l, out.get(l.id)!));
    for (const [i, r] of shown.entries()) for (const s of shown.slice(i + 1)) expect(r.left < s.right && r.right > s.left && r.top < s.bottom && r.bottom > s.top).toBe(false);
  });
});
