import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionRecord, SessionStore, StoredSnapshot } from '../../../server/sessions/store/SessionStore.ts';
import { createRoomState, toStored } from '../../../server/sessions/SessionRoom.ts';

export interface StoreHarness {
  kind: SessionStore['kind'];
  /** The store, plus a place id (and owner) the store may reference. */
  open(): Promise<{ store: SessionStore; placeId: string; ownerId: string }>;
}

let n = 0;

/** The persistence contract every session store keeps: what survives a restart. */
export function storeCases(h: StoreHarness): void {
  describe(`session store on ${h.kind}`, () => {
    // Opening may be slow (a new PGlite folder takes seconds); not part of any case's time.
    beforeAll(() => h.open().then(() => {}), 60_000);
    const fixture = async () => {
      const { store, placeId, ownerId } = await h.open();
      const i = ++n;
      const record: SessionRecord = {
        id: `store-case-${i}-${Math.random().toString(36).slice(2, 8)}`,
        code: `C${String(i).padStart(9, '0')}${Math.random().toString(36).slice(2, 4)}`.slice(0, 10).toUpperCase(),
        placeId,
        ownerId,
        hostKeyHash: 'ab'.repeat(32),
        createdAt: 1_700_000_000_123,
      };
      const state = createRoomState({
        id: record.id,
        placeId,
        hostId: 'host',
        hostName: 'Agent “Li”',
        sceneIds: ['living', 'kitchen'],
        startScene: 'living',
        startView: { yaw: -37.25, pitch: 4.5, fov: 75 },
        maxViewers: 10,
        at: record.createdAt,
      });
      return { store, record, snapshot: { seq: 0, state: toStored(state) } as StoredSnapshot };
    };

    it('creates a session and finds it by id and by code, exactly as saved', async () => {
      const { store, record, snapshot } = await fixture();
      expect(await store.create(record, snapshot)).toBe(true);
      expect(await store.get(record.id)).toEqual(record);
      expect(await store.findByCode(record.code)).toEqual(record);
      expect(await store.loadSnapshot(record.id)).toEqual(snapshot);
      expect(await store.get('no-such-session')).toBeNull();
      expect(await store.findByCode('ZZZZZZZZZZ')).toBeNull();
      expect(await store.loadSnapshot('no-such-session')).toBeNull();
    });

    it('refuses a second session with the same code (the caller draws another)', async () => {
      const { store, record, snapshot } = await fixture();
      expect(await store.create(record, snapshot)).toBe(true);
      expect(await store.create({ ...record, id: `${record.id}-b` }, snapshot)).toBe(false);
      expect(await store.get(`${record.id}-b`)).toBeNull();
      expect((await store.findByCode(record.code))!.id).toBe(record.id);
    });

    it('keeps the snapshot with the highest seq, whatever order the saves arrive in', async () => {
      const { store, record, snapshot } = await fixture();
      await store.create(record, snapshot);
      const at = (seq: number, sceneId: string): StoredSnapshot => ({ seq, state: { ...snapshot.state, room: { ...snapshot.state.room, sceneId } } });
      await store.saveSnapshot(record.id, at(5, 'kitchen'));
      await store.saveSnapshot(record.id, at(3, 'living'));
      expect(await store.loadSnapshot(record.id)).toEqual(at(5, 'kitchen'));
      await store.saveSnapshot(record.id, at(9, 'living'));
      expect((await store.loadSnapshot(record.id))!.seq).toBe(9);
    });

    it('keeps participants, chat and ended status', async () => {
      const { store, record, snapshot } = await fixture();
      await store.create(record, snapshot);
      const state = {
        ...snapshot.state,
        status: 'ended' as const,
        endedAt: 1_700_000_009_000,
        participants: [
          ...snapshot.state.participants,
          { id: 'mum', name: '妈妈 <b>', role: 'viewer' as const, connected: false, following: true, hand: true, muted: false, speaker: true, joinedAt: 1, conn: 'i~1', disconnectedAt: 2 },
        ],
        chat: [{ id: 1, from: 'mum', name: '妈妈 <b>', text: 'line 1\nline 2 “quoted”', at: 3 }],
      };
      await store.saveSnapshot(record.id, { seq: 12, state });
      expect(await store.loadSnapshot(record.id)).toEqual({ seq: 12, state });
    });

    it('ignores a snapshot for a session it does not have', async () => {
      const { store, snapshot } = await fixture();
      await store.saveSnapshot('never-created', { ...snapshot, seq: 4 });
      expect(await store.loadSnapshot('never-created')).toBeNull();
    });
  });
}
