import WebSocket from 'ws';
import type { ServerFrame, ServerFrameOf, WelcomeFrame } from '../../../../server/protocol/session.ts';
import { waitFor } from './fakeClient.ts';

/** A real `ws` client speaking the session protocol, recording every frame with its arrival time. */
export class WsClient {
  frames: (ServerFrame & { receivedAt: number })[] = [];
  closed: { code: number; reason: string } | null = null;
  welcome?: WelcomeFrame;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      this.frames.push({ ...(JSON.parse(data.toString()) as ServerFrame), receivedAt: performance.now() });
    });
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
    ws.on('error', () => {});
  }

  /** Opens a socket to `${wsUrl}/ws/sessions/${id}` and sends hello; resolves on welcome or rejection. */
  static async connect(wsUrl: string, sessionId: string, hello: Record<string, unknown>): Promise<WsClient> {
    const ws = new WebSocket(`${wsUrl}/ws/sessions/${sessionId}`);
    const c = new WsClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    c.send({ type: 'hello', v: 1, ...hello });
    await waitFor(() => c.frames.find((f) => f.type === 'welcome' || f.type === 'rejected') || c.closed, 'welcome or rejected', 10_000);
    c.welcome = c.of('welcome')[0];
    return c;
  }

  send(f: unknown) {
    this.ws.send(typeof f === 'string' || Buffer.isBuffer(f) ? f : JSON.stringify(f));
  }
  of<T extends ServerFrame['type']>(type: T): (ServerFrameOf<T> & { receivedAt: number })[] {
    return this.frames.filter((f) => f.type === type) as (ServerFrameOf<T> & { receivedAt: number })[];
  }
  next<T extends ServerFrame['type']>(type: T, pred: (f: ServerFrameOf<T>) => boolean = () => true, ms = 5000) {
    return waitFor(() => this.of(type).find(pred), `a ${type} frame`, ms);
  }
  lastSeq() {
    return Math.max(this.welcome?.seq ?? 0, ...this.of('delta').map((d) => d.seq));
  }
  /** The network drops: the TCP connection dies without a close frame. */
  drop() {
    this.ws.terminate();
  }
  async close() {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await waitFor(() => this.closed, 'close', 3000).catch(() => this.ws.terminate());
  }
  waitClosed(ms = 5000) {
    return waitFor(() => this.closed, 'the socket to close', ms);
  }
}

/** Does what the client app does: REST join with a name, then the socket. */
export async function joinAs(baseUrl: string, wsUrl: string, sessionId: string, name: string): Promise<WsClient> {
  const res = await fetch(`${baseUrl}/api/sessions/${sessionId}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
  if (res.status !== 201) throw new Error(`join failed: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return WsClient.connect(wsUrl, sessionId, { token });
}

/** POST /api/sessions as the host; returns the body. */
export async function startSession(baseUrl: string, hostToken: string, placeId: string) {
  const res = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hostToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ placeId }),
  });
  if (res.status !== 201) throw new Error(`start failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; code: string; joinUrl: string; hostUrl: string; hostKey: string };
}

/** The host key from a hostUrl (it rides in the fragment). */
export const hostKeyOf = (hostUrl: string) => new URL(hostUrl).hash.replace(/^#host=/, '');
