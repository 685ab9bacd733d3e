import { loginResultSchema, type LoginResult } from '@protocol';

export const SESSION_KEY = 'vantage.hostSession';

/** Storage the session lives in (localStorage in the browser, a Map in tests). */
export interface SessionStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * The signed-in host's token, kept in localStorage so a reload or a new tab stays signed
 * in. An expired or unreadable entry counts as signed out (and is removed).
 */
export function loadSession(storage: SessionStorage = localStorage, now = Date.now()): LoginResult | null {
  let raw: string | null;
  try {
    raw = storage.getItem(SESSION_KEY);
  } catch {
    return null; // storage disabled (private mode): sign in each visit
  }
  if (!raw) return null;
  let parsed;
  try {
    parsed = loginResultSchema.safeParse(JSON.parse(raw));
  } catch {
    parsed = null;
  }
  if (!parsed?.success || !(Date.parse(parsed.data.expiresAt) > now)) {
    clearSession(storage);
    return null;
  }
  return parsed.data;
}

export function saveSession(session: LoginResult, storage: SessionStorage = localStorage): void {
  try {
    storage.setItem(SESSION_KEY, JSON.stringify(session));
  } catch {
    // Storage full or disabled: the session still works until the tab closes.
  }
}

export function clearSession(storage: SessionStorage = localStorage): void {
  try {
    storage.removeItem(SESSION_KEY);
  } catch {
    // nothing stored, nothing to clear
  }
}
