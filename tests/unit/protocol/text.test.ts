import { describe, expect, it } from 'vitest';
import { textForLog, textProblem, textSchema } from '../../../server/protocol/text.ts';

describe('the text rule', () => {
  const line = textSchema({ max: 10 });
  const para = textSchema({ max: 50, multiline: true });

  it('keeps ordinary text in every script, trimmed and NFC', () => {
    expect(line.parse('  李女士 ')).toBe('李女士');
    expect(line.parse('Cafe\u0301')).toBe('Café');
    expect(line.parse('👨‍👩‍👧 home')).toBe('👨‍👩‍👧 home');
    expect(para.parse('line one\r\nline two')).toBe('line one\nline two');
  });

  it('refuses an unpaired surrogate, NUL, other controls and bidi overrides with one phrase', () => {
    for (const bad of ['a\ud800b', 'x\udc00', 'a\u0000b', 'tab\there', 'a\u001bb', 'evil\u202egnp', 'a\u2028b']) {
      const r = line.safeParse(bad);
      expect(r.success, JSON.stringify(bad)).toBe(false);
      expect(r.error!.issues[0].message).toMatch(/broken character|control characters/);
    }
    expect(line.safeParse('two\nlines').success).toBe(false);
    expect(para.safeParse('two\nlines').success).toBe(true);
    expect(para.safeParse('nul\u0000').success).toBe(false);
  });

  it('counts characters, not UTF-16 units, and refuses empty text unless allowed', () => {
    expect(line.safeParse('😀'.repeat(10)).success).toBe(true);
    expect(line.safeParse('😀'.repeat(11)).success).toBe(false);
    expect(line.safeParse('   ').success).toBe(false);
    expect(textSchema({ max: 5, min: 0 }).parse('  ')).toBe('');
    expect(textProblem('x'.repeat(11), { max: 10 })).toBe('use at most 10 characters');
  });

  it('makes untrusted text one safe log line', () => {
    expect(textForLog('/a\r\nforged: yes')).toBe('/a\\x0d\\x0aforged: yes');
    expect(textForLog('a\ud800')).toBe('a\ufffd');
    expect(textForLog('x'.repeat(500), 10)).toBe('xxxxxxxxxx…');
  });
});
