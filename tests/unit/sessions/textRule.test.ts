import { afterEach, expect, it } from 'vitest';
import { SESSION_CLOSE_CODES } from '../../../server/protocol/session.ts';
import { createSeatTokens } from '../../../server/sessions/seatTokens.ts';
import { SECRET, hubWorld, type HubWorld } from './helpers/fakeClient.ts';

// The one text rule at the socket: a name or chat line that could not be saved (a lone UTF-16
// surrogate breaks every later snapshot write in Postgres) is refused where it comes in.
let world: HubWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

it('a chat line with a lone surrogate is refused with a clear reason and reaches nobody', async () => {
  const w = (world = await hubWorld());
  const host = await w.host();
  const mum = await w.viewer('Mum');
  mum.sendFrame({ type: 'chat', text: 'see you \ud83d there', ref: 'bad' });
  const err = await mum.next('error', (e) => e.ref === 'bad');
  expect(err).toMatchObject({ code: 'invalid_frame' });
  expect(err.message).toMatch(/^text: .*broken character/);
  mum.sendFrame({ type: 'chat', text: 'see you 🙂 there', ref: 'good' });
  await host.next('delta', (d) => d.changes.some((c) => c.type === 'chat'));
  expect((await w.hub.open(w.sessionId))!.state.chat.map((m) => m.text)).toEqual(['see you 🙂 there']);
});

it('a seat whose name holds a lone surrogate is rejected at the hello, saying what to do', async () => {
  const w = (world = await hubWorld());
  // A token signed before names were checked (they last 12 hours).
  const token = createSeatTokens(SECRET).sign({ sid: w.sessionId, pid: 'vOld', name: 'Mum\udc00' }).token;
  const c = await w.connect({ token });
  expect(c.welcome).toBeUndefined();
  expect(c.of('rejected')[0]).toMatchObject({ reason: 'unauthorized', message: expect.stringMatching(/name.*join again/i) });
  expect(c.closed?.code).toBe(SESSION_CLOSE_CODES.unauthorized);
  expect([...(await w.hub.open(w.sessionId))!.state.participants.values()].map((p) => p.name)).toEqual(['Agent Li']);
});
