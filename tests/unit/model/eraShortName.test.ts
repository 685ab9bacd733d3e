import { expect, it } from 'vitest';
import { eraShortName } from '../../../client/model/eraShortName.ts';

it('cuts an era label to its name and qualifier at the first colon, in English and Chinese', () => {
  expect(eraShortName('Tang (8th century): rammed-earth walls, four gates and the drum tower')).toEqual({ name: 'Tang', qualifier: ' (8th century)' });
  expect(eraShortName('唐（8世纪）：夯土城墙、四门与鼓楼')).toEqual({ name: '唐', qualifier: '（8世纪）' });
  expect(eraShortName('Song (c. 1100): the pagoda and the temple')).toEqual({ name: 'Song', qualifier: ' (c. 1100)' });
  // No colon, no brackets: the label is the name.
  expect(eraShortName('Late Qing')).toEqual({ name: 'Late Qing', qualifier: '' });
  expect(eraShortName('Republic: 1912–1949')).toEqual({ name: 'Republic', qualifier: '' });
  // A label that starts with its bracket keeps it.
  expect(eraShortName('(undated)')).toEqual({ name: '(undated)', qualifier: '' });
});
