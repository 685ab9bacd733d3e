import { describe, expect, it } from 'vitest';
import type { Era } from '@protocol';
import { hiddenNodesAtEra } from '../../../client/model/hiddenNodesAtEra.ts';

// Given out of year order on purpose: the rule orders eras by year, as the AR timeline does.
const eras: Era[] = [
  { id: 'tang', year: 700, label: 'Tang', nodes: ['pagoda', 'wall'] },
  { id: 'han', year: -200, label: 'Han', labelZh: '汉', nodes: ['wall', 'gate'] },
  { id: 'ming', year: 1400, label: 'Ming', nodes: ['tower'] },
];

describe('hiddenNodesAtEra', () => {
  it('hides the nodes of later eras only; a node named twice stands from its first era', () => {
    expect([...hiddenNodesAtEra(eras, 'han')].sort()).toEqual(['pagoda', 'tower']);
    expect([...hiddenNodesAtEra(eras, 'tang')]).toEqual(['tower']);
    expect(hiddenNodesAtEra(eras, 'ming').size).toBe(0);
  });
  it('all eras (null) or an unknown era hides nothing', () => {
    expect(hiddenNodesAtEra(eras, null).size).toBe(0);
    expect(hiddenNodesAtEra(eras, 'qing').size).toBe(0);
  });
});
