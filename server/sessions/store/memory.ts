import type { SessionRecord, SessionStore, StoredSnapshot } from './SessionStore.ts';

/** Sessions in this process only (tests; nothing survives a restart). */
export function createMemorySessionStore(): SessionStore {
  const records = new Map<string, SessionRecord>();
  const codes = new Map<string, string>();
  const snaps = new Map<string, string>();
  return {
    kind: 'memory',
    async create(record, snapshot) {
      if (codes.has(record.code)) return false;
      records.set(record.id, { ...record });
      codes.set(record.code, record.id);
      snaps.set(record.id, JSON.stringify(snapshot));
      return true;
    },
    async get(id) {
      const r = records.get(id);
      return r ? { ...r } : null;
    },
    async findByCode(code) {
      const id = codes.get(code);
      return id ? { ...records.get(id)! } : null;
    },
    async loadSnapshot(id) {
      const s = snaps.get(id);
      return s ? (JSON.parse(s) as StoredSnapshot) : null;
    },
    async saveSnapshot(id, snapshot) {
      const cur = snaps.get(id);
      if (!records.has(id) || (cur && (JSON.parse(cur) as StoredSnapshot).seq >= snapshot.seq)) return;
      snaps.set(id, JSON.stringify(snapshot));
    },
  };
}
