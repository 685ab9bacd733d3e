/**
 * The part of a WebSocket the session client uses. The browser's WebSocket fits it as is;
 * tests pass a fake, so the client's logic runs in Node without a network.
 */
export interface SessionSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type SessionSocketFactory = (url: string) => SessionSocket;

/** The browser's WebSocket. */
export const browserSocket: SessionSocketFactory = (url) => new WebSocket(url) as unknown as SessionSocket;

/** ws(s)://<this origin><path>: the socket lives on the same origin as the page. */
export function sessionSocketUrl(wsPath: string, origin = location.origin): string {
  return `${origin.replace(/^http/, 'ws')}${wsPath}`;
}
