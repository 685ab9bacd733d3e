/**
 * The one text rule for every free-text field people type (names, chat, notes, titles,
 * room names, hotspot text, feedback, file names): well-formed Unicode, no control
 * characters (newlines only where a paragraph is allowed), and a length limit counted in
 * characters as people count them. Imports nothing but zod.
 *
 * Why refuse rather than clean silently: a lone UTF-16 surrogate cannot be stored as JSON
 * in Postgres ("invalid input syntax for type json") and NUL cannot be stored at all, so
 * one such string poisons every later save that carries it. Refusing at the edge keeps
 * every stored value saveable; the error names the field and the fix.
 */
import { z } from 'zod';

/** C0/C1 controls and DEL, the Unicode line/paragraph separators, bidi embeddings/overrides/isolates. */
const FORBIDDEN_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** The same, but a newline may separate paragraphs (\r\n and \r are folded into \n first). */
const FORBIDDEN_IN_PARAGRAPH = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

export interface TextRule {
  /** Most characters (code points), after trimming. */
  max: number;
  /** Fewest characters after trimming; 0 allows an empty string. Default 1. */
  min?: number;
  /** Newlines allowed (a paragraph: notes, chat, descriptions). Default false. */
  multiline?: boolean;
}

/** Lone UTF-16 surrogates; `String.prototype.isWellFormed` is ES2024, so checked by hand. */
function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** Length as people count it: code points, not UTF-16 units. */
export function textLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * What is wrong with `raw` under the rule, as a short phrase for an error message, or
 * null when it is fine. Checks the value as it will be stored (see `normaliseText`).
 */
export function textProblem(raw: string, rule: TextRule): string | null {
  if (!isWellFormed(raw)) return 'contains a broken character (an unpaired UTF-16 surrogate); retype it';
  const v = normaliseText(raw, rule.multiline ?? false);
  if ((rule.multiline ? FORBIDDEN_IN_PARAGRAPH : FORBIDDEN_IN_LINE).test(v))
    return rule.multiline ? 'remove control characters (only line breaks are allowed)' : 'remove control characters and line breaks';
  const n = textLength(v);
  const min = rule.min ?? 1;
  if (n < min) return min === 1 ? 'must not be empty' : `use at least ${min} characters`;
  if (n > rule.max) return `use at most ${rule.max} characters`;
  return null;
}

/** The stored form: NFC, line breaks folded to \n, trimmed. Call only on well-formed text. */
export function normaliseText(raw: string, multiline: boolean): string {
  const v = raw.normalize('NFC').trim();
  return multiline ? v.replace(/\r\n?/g, '\n') : v;
}

/**
 * A zod schema for one free-text field under the text rule. Parses to the stored form
 * (`normaliseText`); a bad value fails with one phrase that says what to change.
 */
export function textSchema(rule: TextRule) {
  const multiline = rule.multiline ?? false;
  return (
    z
      // Bounds the work before any scan: a 4× budget covers NFC expansion and surrounding space.
      .string()
      .max(rule.max * 4 + 64, `use at most ${rule.max} characters`)
      .superRefine((raw, ctx) => {
        const problem = textProblem(raw, rule);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .transform((raw) => normaliseText(raw, multiline))
  );
}

/**
 * Untrusted text made safe for one log line: controls (CR/LF could forge a line) become
 * `\xNN`-style escapes, broken surrogates U+FFFD, and long values are cut.
 */
export function textForLog(raw: string, max = 200): string {
  let out = '';
  for (const ch of raw.length > max * 2 ? raw.slice(0, max * 2) : raw) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
    if (out.length >= max) return `${out.slice(0, max)}…`;
  }
  return out;
}
