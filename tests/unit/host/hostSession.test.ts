import { describe, expect, it } from 'vitest';
import { clearSession, loadSession, saveSession, SESSION_KEY } from '../../../client/host/hostSession.ts';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}
const session = { token: 'tok', expiresAt: '2030-01-01T00:00:00.000Z', host: { id: 'h1', email: 'host@vantage.local', name: 'Host' } };

describe('hostSession', () => {
  it('keeps the token across reloads until it expires', () => {
    const s = memoryStorage();
    saveSession(session, s);
    expect(loadSession(s, Date.parse('2029-12-31'))).toEqual(session);
    expect(loadSession(s, Date.parse('2030-01-02'))).toBeNull();
    expect(s.m.has(SESSION_KEY)).toBe(false); // an expired entry is removed
  });

  it('an unreadable entry is signed out, not a crash; sign-out clears it', () => {
    const s = memoryStorage();
    s.setItem(SESSION_KEY, '{not json');
    expect(loadSession(s)).toBeNull();
    saveSession(session, s);
    clearSession(s);
    expect(loadSession(s)).toBeNull();
  });
});
