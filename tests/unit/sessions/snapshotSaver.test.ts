import { describe, expect, it } from 'vitest';
import type { Db } from '../../../server/db/Db.ts';
import { createDbPlaceStore } from '../../../server/db/createDbPlaceStore.ts';
import { createHostStore } from '../../../server/db/createHostStore.ts';
import { migrate } from '../../../server/db/migrate.ts';
import { createDbSessionStore } from '../../../server/sessions/store/db.ts';
import { usePgliteDirs } from '../../support/usePgliteDirs.ts';
import { usePostgresSchemas } from '../../support/usePostgresSchemas.ts';
import { samplePlace } from '../db/samplePlace.ts';
import { hubWorld } from './helpers/fakeClient.ts';

// A value Postgres cannot store as JSON (a lone UTF-16 surrogate, NUL) that reached a session
// anyway — a seat token or a bus entry from an instance older than the text rule — must not
// switch off its crash recovery: the snapshot is still saved (the value repaired), the log
// says so once, and a restart brings back the latest state.
const engines: [string, (name: string) => Promise<Db>][] = [
  ['Postgres', usePostgresSchemas('vantage_saver')],
  ['PGlite', await usePgliteDirs('vantage-saver')],
];

for (const [engine, open] of engines) {
  describe(`snapshots on ${engine}`, () => {
    it('after a poisoned value the next save succeeds and a restart restores the latest state', async () => {
      const db = await open('saver');
      await migrate(db);
      const owner = await createHostStore(db).create({ email: 'agent@example.com', name: 'Agent Li', password: 'agent-pass-1' });
      await createDbPlaceStore(db).put(samplePlace('flat', { hostId: owner.id }));
      const store = createDbSessionStore(db);
      const w = await hubWorld({ persistEveryMs: 20 }, { store, ownerId: owner.id });
      try {
        const host = await w.host();
        const hostId = host.welcome!.you.id;
        const at = Date.now();
        const origin = w.bus.instanceId;
        await w.bus.append(w.sessionId, { type: 'attach', pid: 'vOld', name: 'Mum\ud800', role: 'viewer', conn: `${origin}~900`, at, origin });
        await w.bus.append(w.sessionId, { type: 'intent', by: hostId, intent: { type: 'chat', text: 'bell\u0000 \udc01' }, at, origin });
        host.sendFrame({ type: 'goto', sceneId: 'kitchen', view: { yaw: 30, pitch: 0, fov: 80 } });
        const saved = () => store.loadSnapshot(w.sessionId);
        const savedRoom = async (sceneId: string) => {
          const end = Date.now() + 3000;
          while ((await saved())!.state.room.sceneId !== sceneId && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
          return (await saved())!.state.room.sceneId;
        };
        expect(await savedRoom('kitchen')).toBe('kitchen');
        // Later saves keep working, and the repair is logged once, not per save.
        host.sendFrame({ type: 'goto', sceneId: 'bedroom' });
        await host.next('delta', (d) => d.changes.some((c) => c.type === 'room' && c.sceneId === 'bedroom'));
        expect(await savedRoom('bedroom')).toBe('bedroom');
        expect(w.logs.filter((l) => /could not|repair|cannot be stored/i.test(l))).toHaveLength(1);
        expect(w.logs.join('\n')).not.toMatch(/[\ud800-\udfff]/);

        // kill -9: nothing more is written; another process opens the same database.
        const restarted = await hubWorld({}, { store, sessionId: w.sessionId, hostKey: w.hostKey });
        try {
          const live = (await restarted.hub.open(w.sessionId))!;
          expect(live.state.room.sceneId).toBe('bedroom');
          expect(live.state.participants.get('vOld')?.name).toBe('Mum\ufffd');
          expect(live.state.chat.map((m) => m.text)).toEqual(['bell\ufffd \ufffd']);
        } finally {
          await restarted.close();
        }
      } finally {
        await w.close();
      }
    }, 90_000);
  });
}
