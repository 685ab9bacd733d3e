import { describe, expect, it } from 'vitest';
import type { ShowMoment } from '../../../server/protocol/index.ts';
import { CHAT_SHOWN, REACTION_SHOWN_MS, momentsAt } from '../../../client/show/momentsAt.ts';

const chat = (t: number, text: string): ShowMoment => ({ kind: 'chat', t, name: 'Mei', text });
const react = (t: number): ShowMoment => ({ kind: 'reaction', t, reaction: 'clap' });

describe('momentsAt', () => {
  const moments = [chat(1000, 'a'), react(1500), chat(2000, 'b'), react(9000), chat(9500, 'c')];

  it('shows what was said up to the moment and the reactions of the last few seconds, nothing from later', () => {
    expect(momentsAt(moments, 999)).toEqual({ chat: [], reactions: [] });
    const at2 = momentsAt(moments, 2000);
    expect(at2.chat.map((c) => c.m.text)).toEqual(['a', 'b']);
    expect(at2.reactions.map((r) => r.i)).toEqual([1]);
    expect(momentsAt(moments, 1500 + REACTION_SHOWN_MS).reactions).toEqual([]);
    // A seek back hides what came after.
    expect(momentsAt(moments, 9600).chat.map((c) => c.m.text)).toEqual(['a', 'b', 'c']);
    expect(momentsAt(moments, 5000).chat.map((c) => c.m.text)).toEqual(['a', 'b']);
  });

  it('keeps the latest chat lines only, oldest first', () => {
    const many = Array.from({ length: 20 }, (_, i) => chat(i * 100, `m${i}`));
    expect(momentsAt(many, 1_000_000).chat.map((c) => c.m.text)).toEqual(Array.from({ length: CHAT_SHOWN }, (_, i) => `m${20 - CHAT_SHOWN + i}`));
  });
});
