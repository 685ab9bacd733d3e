import { describe, expect, it } from 'vitest';
import { matchPageRoute, tourPlaceId } from '../../../server/protocol/pageRoutes.ts';

describe('matchPageRoute (the page table server and client share)', () => {
  it('names each page and its parameter, decoded once', () => {
    expect(matchPageRoute('/')).toEqual({ page: 'catalogue' });
    expect(matchPageRoute('/places/')).toEqual({ page: 'catalogue' });
    expect(matchPageRoute('/places/%E6%B1%9F%E6%99%AF/tour')).toEqual({ page: 'tour', placeId: '江景' });
    expect(matchPageRoute('/places/flat-1/book/')).toEqual({ page: 'book', placeId: 'flat-1' });
    expect(matchPageRoute('/places/flat-1')).toEqual({ page: 'place', placeId: 'flat-1' });
    expect(matchPageRoute('/embed/places/flat-1')).toEqual({ page: 'embed', placeId: 'flat-1' });
    expect(matchPageRoute('/book/ticket/ABCD-1234')).toEqual({ page: 'ticket', code: 'ABCD-1234' });
    expect(matchPageRoute('/book/manage/tok_en-1')).toEqual({ page: 'manage', token: 'tok_en-1' });
    expect(matchPageRoute('/host/places/x')).toEqual({ page: 'host' });
    expect(matchPageRoute('/join')).toEqual({ page: 'join' });
    expect(matchPageRoute('/join/ABCDE-FGHJK')).toEqual({ page: 'join', code: 'ABCDE-FGHJK' });
    expect(matchPageRoute('/s/ABCDE-FGHJK')).toEqual({ page: 'session', code: 'ABCDE-FGHJK' });
    expect(matchPageRoute('/sessions/s_1/host')).toEqual({ page: 'sessionHost', sessionId: 's_1' });
    expect(tourPlaceId('/places/a%2Fb/tour')).toBe('a/b');
  });

  it('answers not-found (null), never throws, for unknown pages and broken %-escapes', () => {
    for (const p of ['/nope', '/hostile', '/places/a/b/c', '/book/x', '/places/%/tour', '/places/%E0%A4%A/tour', '/embed/places/%']) {
      expect(matchPageRoute(p), p).toBeNull();
    }
  });
});
