import { describe, expect, it } from 'vitest';
import { applySessionDelta, sessionSnapshotFor, sessionSnapshotSchema, type DeltaFrame, type Intent, type SessionSnapshot } from '../../../server/protocol/session.ts';
import type { SessionEvent } from '../../../server/sessions/SessionEvent.ts';
import { SessionRoom, checkIntent, createRoomState, deltaFor, fromStored, toStored, type AppliedDelta } from '../../../server/sessions/SessionRoom.ts';

const T0 = 1_700_000_000_000;

function newRoom(maxViewers = 100) {
  return new SessionRoom(
    createRoomState({
      id: 's1',
      placeId: 'flat',
      hostId: 'host',
      hostName: 'Agent Li',
      sceneIds: ['living', 'kitchen', 'bedroom'],
      startScene: 'living',
      startView: { yaw: 10, pitch: 0, fov: 80 },
      maxViewers,
      at: T0,
    }),
    0,
  );
}

/** An event without the fields the driver fills in (distributed over the union). */
type EventInput = SessionEvent extends infer E ? (E extends SessionEvent ? Omit<E, 'at' | 'origin'> & { at?: number } : never) : never;

/** Drives a room the way the bus would: consecutive seqs, one clock. */
function driver(room: SessionRoom) {
  let seq = room.seq;
  let at = T0;
  const deltas: (AppliedDelta | null)[] = [];
  const apply = (e: EventInput): DeltaFrame | null => {
    const d = room.apply(++seq, { at: (at += 10), origin: 'i1', ...e } as SessionEvent);
    deltas.push(d);
    return d?.frame ?? null;
  };
  return {
    apply,
    attach: (pid: string, name = pid, role: 'host' | 'viewer' = 'viewer', conn = `i1~${pid}`) => apply({ type: 'attach', pid, name, role, conn }),
    detach: (pid: string, conn = `i1~${pid}`) => apply({ type: 'detach', pid, conn }),
    expire: (pid: string, conn = `i1~${pid}`) => apply({ type: 'expire', pid, conn }),
    intent: (by: string, intent: Intent) => apply({ type: 'intent', by, intent }),
    deltas,
  };
}

describe('session room', () => {
  it('starts with only the host, leading, in the place’s start room', () => {
    const room = newRoom();
    const s = room.snapshot();
    expect(s.participants.map((p) => [p.id, p.role, p.connected])).toEqual([['host', 'host', false]]);
    expect(s.leadId).toBe('host');
    expect(s.room).toEqual({ sceneId: 'living', view: { yaw: 10, pitch: 0, fov: 80 } });
    expect(s.status).toBe('live');
  });

  it('host connects, viewers join, the lead changes rooms and everyone’s copy follows', () => {
    const room = newRoom();
    const d = driver(room);
    expect(d.attach('host', 'Agent Li', 'host')!.changes).toEqual([{ type: 'presence', id: 'host', connected: true }]);
    const joined = d.attach('mum', 'Mum')!;
    expect(joined.changes[0]).toMatchObject({ type: 'joined', participant: { id: 'mum', name: 'Mum', role: 'viewer', following: true } });
    const moved = d.intent('host', { type: 'goto', sceneId: 'kitchen', view: { yaw: 370, pitch: -5, fov: 70 } })!;
    // Yaw is normalised so every client interpolates the short way round.
    expect(moved.changes).toEqual([{ type: 'room', sceneId: 'kitchen', view: { yaw: 10, pitch: -5, fov: 70 }, by: 'host' }]);
    expect(room.snapshot().room.sceneId).toBe('kitchen');
  });

  it('a viewer cannot drive, hand over the lead, mute, remove or end', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.attach('mum');
    d.attach('dad');
    const before = JSON.stringify(room.snapshot());
    const attempts: Intent[] = [
      { type: 'goto', sceneId: 'kitchen' },
      { type: 'lead', to: 'mum' },
      { type: 'lead', to: 'dad' },
      { type: 'mute', id: 'dad', muted: true },
      { type: 'speak', id: 'mum', allowed: true },
      { type: 'remove', id: 'dad' },
      { type: 'hand', up: false, id: 'dad' },
      { type: 'hand', up: true, id: 'dad' },
      { type: 'end' },
    ];
    for (const intent of attempts) {
      expect(checkIntent(room.state, 'mum', intent), intent.type).not.toBeNull();
      expect(d.intent('mum', intent), intent.type).toBeNull();
    }
    // Nor can someone who is not in the session at all, even claiming the host's powers.
    expect(d.intent('stranger', { type: 'goto', sceneId: 'kitchen' })).toBeNull();
    expect(JSON.stringify(room.snapshot())).toBe(before);
  });

  it('the host hands the lead to a viewer, who drives; the host takes it back and the viewer can no longer drive', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.attach('mum');
    expect(d.intent('host', { type: 'lead', to: 'mum' })!.changes).toMatchObject([{ type: 'lead', id: 'mum', participant: { id: 'mum' } }]);
    expect(d.intent('host', { type: 'goto', sceneId: 'bedroom' })).toBeNull(); // strict: one driver at a time
    expect(d.intent('mum', { type: 'goto', sceneId: 'bedroom' })!.changes[0]).toMatchObject({ type: 'room', sceneId: 'bedroom', by: 'mum' });
    expect(d.intent('host', { type: 'lead', to: null })!.changes).toMatchObject([{ type: 'lead', id: 'host', participant: { id: 'host' } }]);
    expect(d.intent('mum', { type: 'goto', sceneId: 'kitchen' })).toBeNull();
    expect(room.snapshot().room.sceneId).toBe('bedroom');
  });

  it('the lead may hand it back, but not pass it on', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.attach('mum');
    d.attach('dad');
    d.intent('host', { type: 'lead', to: 'mum' });
    expect(d.intent('mum', { type: 'lead', to: 'dad' })).toBeNull();
    expect(d.intent('mum', { type: 'lead', to: null })!.changes).toMatchObject([{ type: 'lead', id: 'host', participant: { id: 'host' } }]);
  });

  it('refuses rooms the place does not have and a lead for someone offline', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.attach('mum');
    expect(checkIntent(room.state, 'host', { type: 'goto', sceneId: 'attic' })).toMatchObject({ code: 'unknown_room' });
    expect(d.intent('host', { type: 'goto', sceneId: 'attic' })).toBeNull();
    d.detach('mum');
    expect(checkIntent(room.state, 'host', { type: 'lead', to: 'mum' })).toMatchObject({ code: 'not_allowed' });
    expect(checkIntent(room.state, 'host', { type: 'lead', to: 'ghost' })).toMatchObject({ code: 'unknown_participant' });
  });

  it('follow, hands, chat: each viewer only for themselves; the host lowers hands', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.attach('mum');
    expect(d.intent('mum', { type: 'follow', on: false })!.changes).toEqual([{ type: 'follow', id: 'mum', following: false }]);
    expect(d.intent('mum', { type: 'follow', on: false })).toBeNull(); // no change, no delta
    expect(d.intent('mum', { type: 'hand', up: true })!.changes).toEqual([{ type: 'hand', id: 'mum', up: true }]);
    expect(d.intent('host', { type: 'hand', up: false, id: 'mum' })!.changes).toEqual([{ type: 'hand', id: 'mum', up: false }]);
    const chat = d.intent('mum', { type: 'chat', text: 'Is the kitchen south-facing?' })!;
    expect(chat.changes[0]).toMatchObject({ type: 'chat', message: { id: 1, from: 'mum', name: 'mum', text: 'Is the kitchen south-facing?' } });
  });

  it('muting silences chat and hands and revokes speaking; inviting to speak lowers the hand and unmutes', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.attach('mum');
    d.intent('mum', { type: 'hand', up: true });
    expect(d.intent('host', { type: 'speak', id: 'mum', allowed: true })!.changes).toEqual([
      { type: 'speaker', id: 'mum', speaker: true },
      { type: 'hand', id: 'mum', up: false },
    ]);
    expect(d.intent('host', { type: 'mute', id: 'mum', muted: true })!.changes).toEqual([
      { type: 'muted', id: 'mum', muted: true },
      { type: 'speaker', id: 'mum', speaker: false },
    ]);
    expect(d.intent('mum', { type: 'chat', text: 'hello?' })).toBeNull();
    expect(d.intent('mum', { type: 'hand', up: true })).toBeNull();
    expect(d.intent('host', { type: 'speak', id: 'mum', allowed: true })!.changes).toEqual([
      { type: 'muted', id: 'mum', muted: false },
      { type: 'speaker', id: 'mum', speaker: true },
    ]);
  });

  it('a dropped viewer keeps the seat (hand, speaker, lead) through the grace period; a stale socket’s drop is ignored', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.attach('mum', 'Mum', 'viewer', 'i1~1');
    d.intent('host', { type: 'speak', id: 'mum', allowed: true });
    d.intent('host', { type: 'lead', to: 'mum' });
    expect(d.detach('mum', 'i1~1')!.changes).toEqual([{ type: 'presence', id: 'mum', connected: false }]);
    // Reconnect on another socket: same seat, same powers.
    expect(d.attach('mum', 'Mum', 'viewer', 'i2~7')!.changes).toEqual([{ type: 'presence', id: 'mum', connected: true }]);
    const p = room.state.participants.get('mum')!;
    expect([p.speaker, room.state.leadId, p.conn]).toEqual([true, 'mum', 'i2~7']);
    // The old socket's close arrives late: it no longer holds the seat.
    expect(d.detach('mum', 'i1~1')).toBeNull();
    expect(d.expire('mum', 'i1~1')).toBeNull();
    expect(room.state.participants.get('mum')!.connected).toBe(true);
  });

  it('after the grace period the viewer leaves and the lead returns to the host', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.attach('mum');
    d.intent('host', { type: 'lead', to: 'mum' });
    d.detach('mum');
    expect(d.expire('mum')!.changes).toMatchObject([
      { type: 'left', id: 'mum', reason: 'timeout' },
      { type: 'lead', id: 'host', participant: { id: 'host', role: 'host' } },
    ]);
    // Their token still works: they come back as a fresh seat with the same id.
    expect(d.attach('mum')!.changes[0]).toMatchObject({ type: 'joined', participant: { id: 'mum', speaker: false } });
  });

  it('the host seat never expires', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.detach('host');
    expect(d.expire('host')).toBeNull();
    expect(room.state.participants.has('host')).toBe(true);
  });

  it('removed viewers cannot come back; ended sessions accept nothing', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.attach('troll');
    expect(d.intent('host', { type: 'remove', id: 'troll' })!.changes).toEqual([{ type: 'left', id: 'troll', reason: 'removed' }]);
    expect(d.attach('troll')).toBeNull();
    expect(room.state.participants.has('troll')).toBe(false);
    expect(d.intent('host', { type: 'end' })!.changes).toEqual([{ type: 'ended', by: 'host' }]);
    expect(room.snapshot()).toMatchObject({ status: 'ended' });
    expect(d.attach('late')).toBeNull();
    expect(d.intent('host', { type: 'goto', sceneId: 'kitchen' })).toBeNull();
  });

  it('caps viewers at maxViewers', () => {
    const room = newRoom(2);
    const d = driver(room);
    d.attach('a');
    d.attach('b');
    expect(d.attach('c')).toBeNull();
    expect(room.state.participants.has('c')).toBe(false);
  });

  it('ignores entries it has already applied (a replay overlapping the live feed)', () => {
    const room = newRoom();
    const e: SessionEvent = { type: 'attach', pid: 'mum', name: 'Mum', role: 'viewer', conn: 'i1~1', at: T0, origin: 'i1' };
    expect(room.apply(1, e)).not.toBeNull();
    expect(room.apply(1, { ...e, pid: 'dad' })).toBeNull();
    expect(room.state.participants.has('dad')).toBe(false);
  });

  it('keeps the deltas for resumes and says when only a snapshot will do', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host'); // seq 1
    d.attach('mum'); // 2
    d.intent('mum', { type: 'follow', on: true }); // 3: no change
    d.intent('host', { type: 'goto', sceneId: 'kitchen' }); // 4
    expect(room.deltasSince(2, 'host')!.map((x) => x.seq)).toEqual([4]);
    expect(room.deltasSince(4, 'host')).toEqual([]);
    expect(room.deltasSince(99, 'host')).toBeNull(); // ahead of us: a different history
    room.restartAt(1_000_010);
    expect(room.deltasSince(4, 'host')).toBeNull();
  });

  it('every client applying the deltas it is sent ends with exactly what the server shows it', () => {
    const room = newRoom();
    const d = driver(room);
    const ids = ['host', 'mum', 'dad', 'kid'];
    const copies = new Map(ids.map((id) => [id, sessionSnapshotFor(room.snapshot(), id)]));
    const step = (fn: () => unknown) => {
      fn();
      const applied = d.deltas.at(-1);
      if (!applied) return;
      for (const id of ids) {
        const f = deltaFor(applied, id, 'host');
        if (f) copies.set(id, applySessionDelta(copies.get(id)!, f, id));
      }
    };
    step(() => d.attach('host', 'Agent', 'host'));
    step(() => d.attach('mum', 'Mum'));
    step(() => d.attach('dad', 'Dad'));
    step(() => d.attach('kid', 'Kid'));
    step(() => d.intent('mum', { type: 'hand', up: true }));
    step(() => d.intent('host', { type: 'speak', id: 'mum', allowed: true }));
    step(() => d.intent('dad', { type: 'chat', text: 'Lovely light' }));
    step(() => d.intent('host', { type: 'lead', to: 'dad' }));
    step(() => d.intent('dad', { type: 'goto', sceneId: 'bedroom', view: { yaw: -200, pitch: 3, fov: 90 } }));
    step(() => d.intent('dad', { type: 'follow', on: false }));
    step(() => d.intent('host', { type: 'lead', to: 'mum' }));
    step(() => d.detach('mum'));
    step(() => d.attach('mum', 'Mum', 'viewer', 'i1~again'));
    step(() => d.detach('dad'));
    step(() => d.expire('dad'));
    step(() => d.intent('kid', { type: 'follow', on: false }));
    step(() => d.intent('host', { type: 'remove', id: 'mum' }));
    step(() => d.intent('host', { type: 'mute', id: 'kid', muted: true }));
    step(() => d.intent('host', { type: 'end' }));
    const byId = (x: SessionSnapshot) => ({ ...x, participants: [...x.participants].sort((a, b) => a.id.localeCompare(b.id)) });
    for (const id of ids) expect(byId(copies.get(id)!), id).toEqual(byId(sessionSnapshotFor(room.snapshot(), id)));
    // The host sees everyone; a viewer sees the host, the lead and itself.
    expect(copies.get('host')!.participants.map((p) => p.id).sort()).toEqual(['host', 'kid']);
    expect(copies.get('kid')!.participants.map((p) => p.id).sort()).toEqual(['host', 'kid']);
  });

  it('changes about one viewer reach only that viewer and the host', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.attach('mum');
    d.attach('dad');
    d.intent('mum', { type: 'hand', up: true });
    const hand = d.deltas.at(-1)!;
    expect(deltaFor(hand, 'host', 'host')).toBe(hand.frame);
    expect(deltaFor(hand, 'mum', 'host')!.changes).toEqual([{ type: 'hand', id: 'mum', up: true }]);
    expect(deltaFor(hand, 'dad', 'host')).toBeNull();
    d.intent('host', { type: 'lead', to: 'mum' });
    d.intent('mum', { type: 'hand', up: false }); // now about the lead: everyone's
    expect(deltaFor(d.deltas.at(-1)!, 'dad', 'host')!.changes).toEqual([{ type: 'hand', id: 'mum', up: false }]);
    expect(room.deltasSince(0, 'dad')!.flatMap((f) => f.changes.map((c) => c.type))).toEqual(['presence', 'joined', 'lead', 'hand']);
  });

  it('round-trips through the stored form, and refuses a damaged one loudly', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.attach('mum', 'Mum');
    d.intent('mum', { type: 'chat', text: 'hi' });
    const stored = JSON.parse(JSON.stringify(toStored(room.state)));
    expect(new SessionRoom(fromStored(stored), room.seq).snapshot()).toEqual(room.snapshot());
    expect(() => fromStored({ ...stored, participants: 'oops' })).toThrow();
  });
});

describe('the host’s invitation to book a visit', () => {
  /** What `you` holds after a welcome snapshot at `from` and every delta it was sent since. */
  const clientCopy = (room: SessionRoom, deltas: (AppliedDelta | null)[], you: string, start: SessionSnapshot) =>
    deltas.reduce((s, d) => {
      const f = d && deltaFor(d, you, room.state.hostId);
      return f ? applySessionDelta(s, f, you) : s;
    }, start);

  it('reaches every viewer on the state lane, late joiners in their snapshot, until the host withdraws it', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.attach('mum');
    const mumStart = room.snapshotFor('mum');
    expect(mumStart.bookingOffer).toBeNull();
    const from = d.deltas.length;
    const opened = d.intent('host', { type: 'offer', open: true })!;
    expect(opened.changes).toEqual([{ type: 'offer', offer: { id: 1, by: 'host', at: opened.at } }]);
    // Everyone's: no audience restriction.
    expect(d.deltas.at(-1)!.audience).toEqual([null]);
    expect(clientCopy(room, d.deltas.slice(from), 'mum', mumStart).bookingOffer).toEqual({ id: 1, by: 'host', at: opened.at });
    // A late joiner and a resume both get it.
    d.attach('dad');
    expect(room.snapshotFor('dad').bookingOffer).toEqual({ id: 1, by: 'host', at: opened.at });
    expect(room.deltasSince(room.seq - 2, 'mum')!.flatMap((f) => f.changes)).toContainEqual({ type: 'offer', offer: { id: 1, by: 'host', at: opened.at } });
    // Pressing again changes nothing (no second announcement).
    expect(d.intent('host', { type: 'offer', open: true })).toBeNull();
    expect(d.intent('host', { type: 'offer', open: false })!.changes).toEqual([{ type: 'offer', offer: null }]);
    expect(room.snapshotFor('dad').bookingOffer).toBeNull();
    expect(d.intent('host', { type: 'offer', open: false })).toBeNull();
    // A new invitation is a new one (a viewer who put the last one aside sees this one).
    expect(d.intent('host', { type: 'offer', open: true })!.changes[0]).toMatchObject({ type: 'offer', offer: { id: 2 } });
  });

  it('only the host may invite — not a viewer, not a viewer who leads — and a forged event changes nothing', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.attach('mum');
    d.intent('host', { type: 'lead', to: 'mum' });
    expect(room.state.leadId).toBe('mum');
    for (const open of [true, false]) {
      expect(checkIntent(room.state, 'mum', { type: 'offer', open })).toMatchObject({ code: 'not_allowed' });
      expect(d.intent('mum', { type: 'offer', open })).toBeNull();
    }
    expect(room.snapshot().bookingOffer).toBeNull();
    d.intent('host', { type: 'end' });
    expect(checkIntent(room.state, 'host', { type: 'offer', open: true })).toMatchObject({ code: 'session_ended' });
  });

  it('survives the stored form (a restart), and snapshots saved before invitations existed still load', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.intent('host', { type: 'offer', open: true });
    const stored = JSON.parse(JSON.stringify(toStored(room.state)));
    const back = new SessionRoom(fromStored(stored), room.seq);
    expect(back.snapshot().bookingOffer).toMatchObject({ id: 1, by: 'host' });
    // The next invitation after a restart still gets a new id.
    driver(back).intent('host', { type: 'offer', open: false });
    expect(driver(back).intent('host', { type: 'offer', open: true })!.changes[0]).toMatchObject({ offer: { id: 2 } });
    const { bookingOffer: _o, nextOfferId: _n, ...old } = stored;
    expect(fromStored(old)).toMatchObject({ bookingOffer: null, nextOfferId: 1 });
  });
});

describe('the lead’s tour mode (dollhouse, floor plan)', () => {
  it('the lead opens the dollhouse and the plan: every viewer’s copy and a late joiner’s snapshot say so; a repeat is no news', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.attach('mum');
    expect(room.snapshotFor('mum').mode).toEqual({ view: 'panorama', plan: false });
    let mum = room.snapshotFor('mum');
    const f = d.intent('host', { type: 'mode', view: 'dollhouse', plan: false })!;
    expect(f.changes).toEqual([{ type: 'mode', mode: { view: 'dollhouse', plan: false }, by: 'host' }]);
    expect(d.deltas.at(-1)!.audience).toEqual([null]);
    mum = applySessionDelta(mum, deltaFor(d.deltas.at(-1)!, 'mum', 'host')!, 'mum');
    expect(mum.mode).toEqual({ view: 'dollhouse', plan: false });
    expect(d.intent('host', { type: 'mode', view: 'dollhouse', plan: false })).toBeNull();
    d.intent('host', { type: 'mode', view: 'dollhouse', plan: true });
    d.attach('dad');
    expect(room.snapshotFor('dad').mode).toEqual({ view: 'dollhouse', plan: true });
  });

  it('only the lead sets it: a viewer cannot, a viewer handed the lead can; a show has none', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.attach('mum');
    expect(checkIntent(room.state, 'mum', { type: 'mode', view: 'dollhouse', plan: false })).toMatchObject({ code: 'not_allowed' });
    expect(d.intent('mum', { type: 'mode', view: 'dollhouse', plan: false })).toBeNull();
    expect(room.snapshot().mode.view).toBe('panorama');
    d.intent('host', { type: 'lead', to: 'mum' });
    expect(checkIntent(room.state, 'host', { type: 'mode', view: 'dollhouse', plan: false })).toMatchObject({ code: 'not_allowed' });
    expect(d.intent('mum', { type: 'mode', view: 'panorama', plan: true })!.changes).toEqual([{ type: 'mode', mode: { view: 'panorama', plan: true }, by: 'mum' }]);
    const show = new SessionRoom(
      createRoomState({ id: 's2', placeId: 'show', hostId: 'host', hostName: 'A', sceneIds: [], startScene: 'show', startView: { yaw: 0, pitch: 0, fov: 80 }, startShow: { angleId: 'a' }, angleIds: ['a'], maxViewers: 5, at: T0 }),
      0,
    );
    driver(show).attach('host', 'A', 'host');
    expect(checkIntent(show.state, 'host', { type: 'mode', view: 'dollhouse', plan: false })).toMatchObject({ code: 'unknown_room' });
  });

  it('survives the stored form, and a session stored before modes (and an older server’s snapshot) reads as the panorama', () => {
    const room = newRoom();
    const d = driver(room);
    d.attach('host', 'Agent', 'host');
    d.intent('host', { type: 'mode', view: 'dollhouse', plan: true });
    const stored = JSON.parse(JSON.stringify(toStored(room.state)));
    expect(new SessionRoom(fromStored(stored), room.seq).snapshot().mode).toEqual({ view: 'dollhouse', plan: true });
    const { mode: _m, ...old } = stored;
    expect(fromStored(old).mode).toEqual({ view: 'panorama', plan: false });
    const { mode: _s, ...oldSnap } = room.snapshot();
    expect(sessionSnapshotSchema.parse(oldSnap).mode).toEqual({ view: 'panorama', plan: false });
  });
});
