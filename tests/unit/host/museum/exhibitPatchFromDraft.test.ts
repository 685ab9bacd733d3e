import { describe, expect, it } from 'vitest';
import { exhibitDraft } from '../../../../client/host/museum/exhibitDraft.ts';
import { exhibitPatchFromDraft } from '../../../../client/host/museum/exhibitPatchFromDraft.ts';
import { moveItem } from '../../../../client/host/museum/moveItem.ts';
import { newInfoPointId } from '../../../../client/host/museum/newInfoPointId.ts';
import { titleFromFileName } from '../../../../client/host/museum/titleFromFileName.ts';
import { sampleExhibit } from './sampleExhibit.ts';

describe('the exhibit editor draft', () => {
  it('round-trips an exhibit into a PATCH without its media URLs; an empty Chinese text clears (exhibit) or is left out (point)', () => {
    const built = exhibitPatchFromDraft(exhibitDraft(sampleExhibit()));
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.patch).toMatchObject({ title: 'Bronze ding', titleZh: '青铜鼎', descriptionZh: '', role: 'exhibit', hall: null, map: null });
    expect(built.patch.infoPoints).toEqual([
      { id: 'p1', position: [0, 1, 1], normal: [0, 0, 1], title: 'Inscription', titleZh: '铭文', text: 'Cast, not carved.', textZh: undefined },
      { id: 'p2', position: [1, 1, 0], title: 'Handle', titleZh: undefined, text: '', textZh: undefined },
    ]);
  });

  it('names every missing title, the exhibit first, then each point by its place in the list', () => {
    const d = exhibitDraft(sampleExhibit());
    d.title = '  ';
    d.infoPoints[1].title = '';
    expect(exhibitPatchFromDraft(d)).toEqual({
      ok: false,
      problems: [
        { path: 'title', problem: 'required' },
        { path: 'infoPoints.1.title', problem: 'required' },
      ],
    });
  });

  it('reorders, numbers and titles as the host expects', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, 5)).toEqual(['b', 'c', 'a']);
    expect(newInfoPointId(['p1', 'p3'])).toBe('p2');
    expect(newInfoPointId([])).toBe('p1');
    expect(titleFromFileName('bronze_ding-v2.GLB')).toBe('bronze ding v2');
    expect(titleFromFileName('.glb')).toBe('Exhibit');
  });
});
