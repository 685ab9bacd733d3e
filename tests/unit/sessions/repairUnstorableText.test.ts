import { expect, it } from 'vitest';
import { repairUnstorableText } from '../../../server/sessions/repairUnstorableText.ts';

it('replaces lone surrogates and NUL with U+FFFD, keeps pairs, and says where', () => {
  const fine = { name: 'Mum 😀', chat: [{ text: 'line 1\nline 2' }] };
  expect(repairUnstorableText(fine)).toEqual({ value: fine, repaired: [] });
  expect(repairUnstorableText(fine).value).toBe(fine);
  const bad = { name: 'Mum\ud800', chat: [{ text: 'ok' }, { text: 'a\u0000b \udc01 😀' }], n: 3, none: null };
  expect(repairUnstorableText(bad)).toEqual({
    value: { name: 'Mum\ufffd', chat: [{ text: 'ok' }, { text: 'a\ufffdb \ufffd 😀' }], n: 3, none: null },
    repaired: ['name', 'chat[1].text'],
  });
  expect(bad.name).toBe('Mum\ud800'); // the input is not changed
});
