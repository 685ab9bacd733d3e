import { expect, it } from 'vitest';
import { createRoomState, toStored } from '../../../server/sessions/SessionRoom.ts';
import { SnapshotSaver } from '../../../server/sessions/SnapshotSaver.ts';
import type { SessionStore, StoredSnapshot } from '../../../server/sessions/store/SessionStore.ts';

const state = toStored(
  createRoomState({ id: 's', placeId: 'p', hostId: 'h', hostName: 'Agent', sceneIds: ['a', 'b'], startScene: 'a', startView: { yaw: 0, pitch: 0, fov: 80 }, maxViewers: 5, at: 1 }),
);

function saverOver(save: (s: StoredSnapshot) => Promise<void>, everyMs: number, logs: string[] = []) {
  let seq = 0;
  const store = { saveSnapshot: (_id: string, s: StoredSnapshot) => save(s) } as unknown as SessionStore;
  const saver = new SnapshotSaver({ sessionId: 's', store, snapshot: () => ({ seq: ++seq, state }), everyMs, now: Date.now, log: (l) => logs.push(l) });
  return saver;
}

it('a flush after an urgent save and some churn writes at once, not a throttle later', async () => {
  const writes: number[] = [];
  const saver = saverOver(async (s) => void writes.push(s.seq), 60_000);
  await saver.request(true);
  void saver.request(false); // churn: waits for the throttle…
  const t0 = Date.now();
  await saver.flush(); // …until shutdown asks for the latest state now
  expect(Date.now() - t0).toBeLessThan(1000);
  expect(writes).toHaveLength(2);
  saver.dispose();
});

it('churn is throttled: many requests inside one period make one more write', async () => {
  const writes: number[] = [];
  const saver = saverOver(async (s) => void writes.push(s.seq), 100);
  await saver.request(false);
  const all = Array.from({ length: 20 }, () => saver.request(false));
  await Promise.all(all);
  expect(writes).toHaveLength(2);
  saver.dispose();
});

it('a failing store is said once and tried again a throttle later, until it saves', async () => {
  const logs: string[] = [];
  let fail = 3;
  let saved = 0;
  const saver = saverOver(async () => {
    if (fail-- > 0) throw new Error('connection refused\nforged line');
    saved++;
  }, 20, logs);
  await saver.request(false);
  const end = Date.now() + 2000;
  while (!saved && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  expect(saved).toBe(1);
  expect(logs).toHaveLength(2);
  expect(logs[0]).toMatch(/could not save its snapshot \(connection refused\\x0aforged line\); retrying/);
  expect(logs[1]).toMatch(/saved again/);
  saver.dispose();
});
