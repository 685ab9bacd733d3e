import { describe, expect, it } from 'vitest';
import { sessionMessages } from '../../../client/i18n/sessionMessages.ts';
import { SessionApiError } from '../../../client/session/sessionApi.ts';
import { startSessionError } from '../../../client/session/startSessionError.ts';

describe('startSessionError: one sentence per refusal of POST /api/sessions', () => {
  it('names each known code in en and zh-CN, sends an expired sign-in to the console, and falls back for the rest', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const m = sessionMessages(lang);
      const say = (status: number, code: string) => startSessionError(new SessionApiError(status, code, 'server text'), m);
      expect(say(409, 'nothing_to_show')).toEqual({ text: m.startNothingToShow });
      expect(say(409, 'not_published')).toEqual({ text: m.startNotPublished });
      expect(say(404, 'place_not_found')).toEqual({ text: m.startPlaceNotFound });
      expect(say(404, 'exhibit_not_found')).toEqual({ text: m.startExhibitNotFound });
      expect(say(401, 'account_disabled')).toEqual({ text: m.startAccountDisabled });
      expect(say(401, 'invalid_token')).toEqual({ text: m.startSignIn, signIn: true });
      expect(say(0, 'offline')).toEqual({ text: m.offline });
      expect(say(200, 'bad_response')).toEqual({ text: m.startBadResponse });
      expect(say(503, 'unavailable')).toEqual({ text: m.startServerDown });
      expect(say(400, 'invalid_body')).toEqual({ text: m.startFailed });
      expect(startSessionError(new Error('boom'), m)).toEqual({ text: m.startFailed });
      // Every sentence is the language's own, never the server's English.
      const texts = ['nothing_to_show', 'not_published', 'place_not_found', 'exhibit_not_found', 'account_disabled'].map((c) => say(409, c).text);
      expect(new Set(texts).size).toBe(texts.length);
      expect(texts.some((t) => t.includes('server text'))).toBe(false);
    }
    expect(sessionMessages('zh-CN').startNothingToShow).not.toBe(sessionMessages('en').startNothingToShow);
  });
});
