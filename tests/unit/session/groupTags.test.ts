import { describe, expect, it } from 'vitest';
import { estimateTagWidth, groupTags, type TagPoint } from '../../../client/session/groupTags.ts';
import { sessionMessages } from '../../../client/i18n/sessionMessages.ts';

const m = sessionMessages('en');
const label = (names: string[]) => m.gazeTag(names.slice(0, 2), names.length - 2);
const pt = (id: string, x: number, y: number): TagPoint => ({ id, x, y, name: id });
/** The boxes the tags would take (centred under each group's first dot). */
const boxes = (gs: ReturnType<typeof groupTags>) => gs.map((g) => ({ x: g.x - estimateTagWidth(label(g.names)) / 2, w: estimateTagWidth(label(g.names)), y: g.y }));

describe('name tags of viewers looking at one spot', () => {
  it('merge into one readable tag: "Mum, Dad +1"', () => {
    const gs = groupTags([pt('Mum', 300, 200), pt('Dad', 302, 201), pt('Gran', 299, 199)], label);
    expect(gs).toHaveLength(1);
    expect(gs[0].ids).toEqual(['Mum', 'Dad', 'Gran']);
    expect(label(gs[0].names)).toBe('Mum, Dad +1');
  });

  it('keep apart the tags that do not touch, and no two tags left cover each other', () => {
    const pts = [pt('Mum', 100, 100), pt('Dad', 400, 100), pt('Gran', 130, 110), pt('Li', 180, 100), pt('Ann', 100, 300)];
    const gs = groupTags(pts, label);
    expect(gs.find((g) => g.ids.includes('Dad'))!.ids).toEqual(['Dad']);
    expect(gs.find((g) => g.ids.includes('Ann'))!.ids).toEqual(['Ann']);
    const b = boxes(gs);
    for (let i = 0; i < b.length; i++)
      for (let j = i + 1; j < b.length; j++) expect(b[i].x < b[j].x + b[j].w && b[j].x < b[i].x + b[i].w && Math.abs(b[i].y - b[j].y) < 22, `${gs[i].names} / ${gs[j].names}`).toBe(false);
  });

  it('say it in Chinese too', () => {
    expect(sessionMessages('zh-CN').gazeTag(['妈妈', '爸爸'], 1)).toBe('妈妈、爸爸 等 3 人');
  });
});
