import { z } from 'zod';
import {
  SESSION_BOOKINGS_MAX,
  SESSION_CHAT_HISTORY,
  SESSION_REACTION_HISTORY,
  SESSION_SHOW_ROOM,
  sessionReactionSchema,
  sessionShowSchema,
  bookingOfferSchema,
  sessionBookingSchema,
  chatMessageSchema,
  participantSchema,
  sessionExhibitSchema,
  sessionModelCameraSchema,
  sessionViewSchema,
  tourModeSchema,
  PANORAMA_MODE,
  type TourMode,
  type BookingOffer,
  type ChatMessage,
  type DeltaFrame,
  type Intent,
  type Participant,
  type SessionChange,
  type SessionErrorCode,
  type SessionExhibit,
  type SessionModelCamera,
  type SessionReaction,
  type SessionBooking,
  type SessionShow,
  type SessionSnapshot,
  type SessionView,
} from '../protocol/session.ts';
import type { SessionEvent, VerifiedBooking } from './SessionEvent.ts';
import { normaliseYaw } from '../protocol/normaliseYaw.ts';
import { roundAngle } from './roundAngle.ts';

/** A participant as the server keeps it: the public fields plus which socket holds the seat. */
export interface ParticipantState extends Participant {
  /** Id of the socket that holds the seat (`<instance>~<n>`); the newest attach wins. */
  conn: string | null;
  /** When the seat's socket closed; null while connected. */
  disconnectedAt: number | null;
}

export interface RoomState {
  id: string;
  placeId: string;
  status: 'live' | 'ended';
  hostId: string;
  leadId: string;
  room: { sceneId: string; view: SessionView };
  /** The exhibit open for the group in that hall (null: the hall's panorama). */
  exhibit: SessionExhibit | null;
  /** The lead's tour mode (dollhouse, floor plan): following viewers open the same. */
  mode: TourMode;
  /** The place's rooms when the session started: `goto` accepts only these (empty: any). */
  sceneIds: string[];
  /** The museum's exhibits when the session started (none for a home): `goto` opens only these. */
  exhibits: Record<string, SessionExhibitEntry>;
  /** On a show (room SESSION_SHOW_ROOM): the angle and stream time the group watches; null elsewhere. */
  show: SessionShow | null;
  /** The show's angles when the session started: a show `goto` names only these. */
  angleIds: string[];
  maxViewers: number;
  participants: Map<string, ParticipantState>;
  chat: ChatMessage[];
  nextChatId: number;
  /** The latest reactions (SESSION_REACTION_HISTORY). */
  reactions: SessionReaction[];
  nextReactionId: number;
  /** The host's open invitation to book a visit (null: none). */
  bookingOffer: BookingOffer | null;
  nextOfferId: number;
  /** Bookings viewers made in the session, checked by the server (SESSION_BOOKINGS_MAX). */
  bookings: SessionBooking[];
  /** Removed seats (bounded): their tokens no longer attach. */
  removed: string[];
  startedAt: number;
  endedAt: number | null;
}

/** What the session knows of one exhibit: where a `goto` without a camera starts, and its info points. */
export interface SessionExhibitEntry {
  camera: SessionModelCamera;
  infoPoints: Record<string, SessionModelCamera | null>;
  /** A site model's era ids (a `goto` may only name these); absent for other exhibits and in sessions saved before eras. */
  eras?: string[];
}

const exhibitEntrySchema = z.object({
  camera: sessionModelCameraSchema,
  infoPoints: z.record(z.string(), sessionModelCameraSchema.nullable()),
  eras: z.array(z.string()).optional(),
});

/**
 * The room id of a session on a museum without halls (exhibits only): a valid room id, so the
 * pose lane and v1 peers work unchanged, that no `goto` may name (there is no panorama to walk to).
 */
export const NO_HALL_ROOM = 'no-hall';

const REMOVED_KEPT = 1000;
/** Applied deltas kept for resumes; an older lastSeq gets a snapshot. */
const DELTAS_KEPT = 512;

/** The JSON the stores keep (Map → array); validated when loaded, so a damaged row fails loudly. */
export const storedRoomStateSchema = z.object({
  id: z.string(),
  placeId: z.string(),
  status: z.enum(['live', 'ended']),
  hostId: z.string(),
  leadId: z.string(),
  room: z.object({ sceneId: z.string(), view: sessionViewSchema }),
  // Defaults: a session saved before museums (a v1 snapshot, `room` only) reads as a home in its hall.
  exhibit: sessionExhibitSchema.nullable().default(null),
  // Default: a session saved before modes reads as in the panorama.
  mode: tourModeSchema.default(PANORAMA_MODE),
  sceneIds: z.array(z.string()),
  exhibits: z.record(z.string(), exhibitEntrySchema).default({}),
  // Defaults: a session saved before shows reads as one without a show.
  show: sessionShowSchema.nullable().default(null),
  angleIds: z.array(z.string()).default([]),
  maxViewers: z.number().int().positive(),
  participants: z.array(participantSchema.extend({ conn: z.string().nullable(), disconnectedAt: z.number().nullable() })),
  chat: z.array(chatMessageSchema),
  nextChatId: z.number().int(),
  reactions: z.array(sessionReactionSchema).default([]),
  nextReactionId: z.number().int().min(1).default(1),
  // Defaults: snapshots saved before invitations existed still load (a restart mid-session across a deploy).
  bookingOffer: bookingOfferSchema.nullable().default(null),
  nextOfferId: z.number().int().min(1).default(1),
  // Default: sessions saved before bookings were announced.
  bookings: z.array(sessionBookingSchema).default([]),
  removed: z.array(z.string()),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
});
export type StoredRoomState = z.infer<typeof storedRoomStateSchema>;

export interface NewRoomOptions {
  id: string;
  placeId: string;
  hostId: string;
  hostName: string;
  /** The host's profile photo, shown beside their name to the group. */
  hostPhotoUrl?: string;
  sceneIds: string[];
  exhibits?: Record<string, SessionExhibitEntry>;
  startScene: string;
  startView: SessionView;
  /** A museum without halls opens on this exhibit (and `startScene` is NO_HALL_ROOM). */
  startExhibit?: SessionExhibit;
  /** A show opens on this angle (and `startScene` is SESSION_SHOW_ROOM); `angleIds` are its angles. */
  startShow?: { angleId: string; view?: SessionView };
  angleIds?: string[];
  maxViewers: number;
  at: number;
}

/** A fresh live session: only the host's seat, not yet connected. */
export function createRoomState(o: NewRoomOptions): RoomState {
  const host: ParticipantState = {
    id: o.hostId,
    name: o.hostName,
    ...(o.hostPhotoUrl && { photoUrl: o.hostPhotoUrl }),
    role: 'host',
    connected: false,
    following: false,
    hand: false,
    muted: false,
    speaker: true,
    joinedAt: o.at,
    conn: null,
    disconnectedAt: o.at,
  };
  return {
    id: o.id,
    placeId: o.placeId,
    status: 'live',
    hostId: o.hostId,
    leadId: o.hostId,
    room: { sceneId: o.startScene, view: { ...o.startView, yaw: roundAngle(normaliseYaw(o.startView.yaw)) } },
    exhibit: o.startExhibit ? copyExhibit(o.startExhibit) : null,
    mode: { ...PANORAMA_MODE },
    sceneIds: o.sceneIds,
    exhibits: o.exhibits ?? {},
    // The host has not played yet: null stream time (everyone starts at the live edge).
    show: o.startShow ? { angleId: o.startShow.angleId, streamTime: null, at: o.at, ...(o.startShow.view && { view: { ...o.startShow.view } }) } : null,
    angleIds: o.angleIds ?? [],
    maxViewers: o.maxViewers,
    participants: new Map([[host.id, host]]),
    chat: [],
    nextChatId: 1,
    reactions: [],
    nextReactionId: 1,
    bookingOffer: null,
    nextOfferId: 1,
    bookings: [],
    removed: [],
    startedAt: o.at,
    endedAt: null,
  };
}

export function toStored(s: RoomState): StoredRoomState {
  return {
    ...s,
    participants: [...s.participants.values()].map((p) => ({ ...p })),
    chat: [...s.chat],
    bookingOffer: s.bookingOffer && { ...s.bookingOffer },
    removed: [...s.removed],
    sceneIds: [...s.sceneIds],
    exhibit: s.exhibit && copyExhibit(s.exhibit),
    mode: { ...s.mode },
    exhibits: { ...s.exhibits },
    show: s.show && copyShow(s.show),
    angleIds: [...s.angleIds],
    reactions: s.reactions.map((r) => ({ ...r })),
    bookings: s.bookings.map((b) => ({ ...b })),
  };
}

const copyCamera = (c: SessionModelCamera): SessionModelCamera => ({ position: [...c.position], target: [...c.target], fov: c.fov });
const copyExhibit = (e: SessionExhibit): SessionExhibit => ({ ...e, camera: copyCamera(e.camera) });
const copyShow = (v: SessionShow): SessionShow => ({ ...v, ...(v.view && { view: { ...v.view } }) });

export function fromStored(raw: unknown): RoomState {
  const s = storedRoomStateSchema.parse(raw);
  return { ...s, participants: new Map(s.participants.map((p) => [p.id, p])) };
}

const publicParticipant = (p: ParticipantState): Participant => ({
  id: p.id,
  name: p.name,
  role: p.role,
  connected: p.connected,
  following: p.following,
  hand: p.hand,
  muted: p.muted,
  speaker: p.speaker,
  joinedAt: p.joinedAt,
  ...(p.photoUrl && { photoUrl: p.photoUrl }),
});

export function toSnapshot(s: RoomState): SessionSnapshot {
  return {
    id: s.id,
    placeId: s.placeId,
    status: s.status,
    hostId: s.hostId,
    leadId: s.leadId,
    room: { sceneId: s.room.sceneId, view: { ...s.room.view } },
    exhibit: s.exhibit && copyExhibit(s.exhibit),
    show: s.show && copyShow(s.show),
    mode: { ...s.mode },
    participants: [...s.participants.values()].map(publicParticipant),
    chat: s.chat.map((m) => ({ ...m })),
    reactions: s.reactions.map((r) => ({ ...r })),
    bookingOffer: s.bookingOffer && { ...s.bookingOffer },
    bookings: s.bookings.map((b) => ({ ...b })),
    startedAt: s.startedAt,
    endedAt: s.endedAt,
  };
}

export interface IntentRefusal {
  code: SessionErrorCode;
  message: string;
}

const refuse = (code: SessionErrorCode, message: string): IntentRefusal => ({ code, message });

/**
 * Whether participant `by` may make this request now; null when allowed. Roles come from the
 * state (assigned by the server), never from the frame.
 */
export function checkIntent(s: RoomState, by: string, intent: Intent): IntentRefusal | null {
  if (s.status === 'ended') return refuse('session_ended', 'This session has ended.');
  const me = s.participants.get(by);
  if (!me) return refuse('not_allowed', 'You are not in this session.');
  const isHost = me.role === 'host';
  const target = (id: string) => {
    const t = s.participants.get(id);
    if (!t) return refuse('unknown_participant', 'That person is no longer in the session.');
    if (t.role !== 'viewer') return refuse('not_allowed', 'That can only be done to a viewer.');
    return null;
  };
  switch (intent.type) {
    case 'goto':
      if (s.leadId !== by) return refuse('not_allowed', 'Only the person leading the tour can change the room.');
      if (intent.show) {
        if (s.room.sceneId !== SESSION_SHOW_ROOM) return refuse('unknown_room', 'This place is not a show; walk to a room instead.');
        if (!s.angleIds.includes(intent.show.angleId)) return refuse('unknown_room', `This show has no angle "${intent.show.angleId}".`);
        return null;
      }
      if (s.room.sceneId === SESSION_SHOW_ROOM) return refuse('unknown_room', 'This show has no rooms or exhibits; pick one of its angles instead.');
      if (intent.sceneId !== undefined && s.room.sceneId === NO_HALL_ROOM) return refuse('unknown_room', 'This museum has no halls; open one of its exhibits instead.');
      if (intent.sceneId !== undefined && s.sceneIds.length > 0 && !s.sceneIds.includes(intent.sceneId)) return refuse('unknown_room', `This place has no room "${intent.sceneId}".`);
      if (intent.exhibit) {
        const e = Object.hasOwn(s.exhibits, intent.exhibit.exhibitId) ? s.exhibits[intent.exhibit.exhibitId] : undefined;
        if (!e) return refuse('unknown_room', `This place has no exhibit "${intent.exhibit.exhibitId}".`);
        const point = intent.exhibit.infoPointId;
        if (point && !Object.hasOwn(e.infoPoints, point)) return refuse('unknown_room', `This exhibit has no info point "${point}".`);
        const era = intent.exhibit.eraId;
        if (era && !(e.eras ?? []).includes(era)) return refuse('unknown_room', `This exhibit has no era "${era}".`);
      }
      return null;
    case 'mode':
      if (s.leadId !== by) return refuse('not_allowed', 'Only the person leading the tour can open the dollhouse or the floor plan for everyone.');
      // A show or a museum without halls has no panorama tour: no dollhouse, no plan to share.
      if (s.room.sceneId === SESSION_SHOW_ROOM || s.room.sceneId === NO_HALL_ROOM) return refuse('unknown_room', 'This place has no dollhouse or floor plan to open.');
      return null;
    case 'follow':
      return isHost ? refuse('not_allowed', 'The host leads; only viewers follow.') : null;
    case 'hand':
      if (intent.id !== undefined && intent.id !== by) {
        if (!isHost) return refuse('not_allowed', 'Only the host can lower someone else’s hand.');
        if (intent.up) return refuse('not_allowed', 'Nobody can raise someone else’s hand.');
        return target(intent.id);
      }
      if (isHost) return refuse('not_allowed', 'The host does not raise a hand.');
      if (me.muted && intent.up) return refuse('not_allowed', 'The host has muted you.');
      return null;
    case 'chat':
    case 'react':
      return me.muted ? refuse('not_allowed', 'The host has muted you.') : null;
    case 'lead': {
      const to = intent.to ?? s.hostId;
      if (!isHost) {
        // The lead may hand it back; nobody else may change it.
        if (s.leadId === by && to === s.hostId) return null;
        return refuse('not_allowed', 'Only the host can hand over the lead.');
      }
      if (to === s.hostId) return null;
      const bad = target(to);
      if (bad) return bad;
      if (!s.participants.get(to)!.connected) return refuse('not_allowed', 'That viewer is offline right now.');
      return null;
    }
    case 'mute':
    case 'speak':
    case 'remove':
      if (!isHost) return refuse('not_allowed', 'Only the host can do that.');
      return target(intent.id);
    case 'end':
      return isHost ? null : refuse('not_allowed', 'Only the host can end the session.');
    case 'offer':
      // The agent's invitation: a viewer the host handed the lead to drives the tour, not the sale.
      return isHost ? null : refuse('not_allowed', 'Only the host can invite everyone to book a visit.');
    case 'leave':
      return isHost ? refuse('not_allowed', 'The host ends the session instead of leaving it.') : null;
    case 'booked':
      return isHost ? refuse('not_allowed', 'Only a viewer’s booking is announced in the session.') : null;
    default: {
      const never: never = intent;
      return refuse('invalid_frame', `Unknown request ${JSON.stringify(never)}.`);
    }
  }
}

/**
 * One applied event's changes, and for each change who may see it: null for everyone, or the
 * id of the viewer it is about (then only the host and that viewer see it).
 */
export interface AppliedDelta {
  frame: DeltaFrame;
  audience: (string | null)[];
}

/** The part of `d` participant `you` sees (everything for the host); null when that is nothing. */
export function deltaFor(d: AppliedDelta, you: string, hostId: string): DeltaFrame | null {
  if (you === hostId || d.audience.every((a) => a === null)) return d.frame;
  const changes = d.frame.changes.filter((_, i) => d.audience[i] === null || d.audience[i] === you);
  return changes.length ? { ...d.frame, changes } : null;
}

const subjectOf = (c: SessionChange): string | null => {
  switch (c.type) {
    case 'joined':
      return c.participant.id;
    case 'presence':
    case 'left':
    case 'follow':
    case 'hand':
    case 'muted':
    case 'speaker':
      return c.id;
    default:
      return null;
  }
};

/**
 * The authoritative state of one session on one instance: applies the sequenced events of
 * the bus (pure: the result depends only on the state and the event) and keeps the recent
 * deltas for resumes. No I/O: the hub around it talks to sockets, the bus and the store.
 */
export class SessionRoom {
  state: RoomState;
  /** The last bus seq applied (including events that changed nothing). */
  seq: number;
  private deltas: AppliedDelta[] = [];
  /** deltasSince(n) is complete for any n ≥ this. */
  private deltasFloor: number;

  constructor(state: RoomState, seq: number) {
    this.state = state;
    this.seq = seq;
    this.deltasFloor = seq;
  }

  /** Applies the event with bus sequence number `seq`; what changed and who sees it, or null when nothing visible changed. */
  apply(seq: number, e: SessionEvent): AppliedDelta | null {
    if (seq <= this.seq) return null; // already applied (a replay overlapping the live feed)
    this.seq = seq;
    const leadBefore = this.state.leadId;
    const changes = this.reduce(e);
    if (changes.length === 0) return null;
    const { hostId, leadId } = this.state;
    // Changes about the host or the lead (before or after) are everyone's; about another viewer, theirs and the host's.
    // A booking is the booker's and the host's even when the booker leads (strangers at an open house don't see it).
    const audience = changes.map((c) => {
      if (c.type === 'booked') return c.booking.by;
      const who = subjectOf(c);
      return who === null || who === hostId || who === leadBefore || who === leadId ? null : who;
    });
    const applied: AppliedDelta = { frame: { type: 'delta', seq, at: e.at, changes }, audience };
    this.deltas.push(applied);
    if (this.deltas.length > DELTAS_KEPT) this.deltasFloor = this.deltas.shift()!.frame.seq;
    return applied;
  }

  /** The log restarted past entries this replica never saw (see LogEntry): continue from `seq`; older resumes take a snapshot. */
  restartAt(seq: number): void {
    if (seq <= this.seq) return;
    this.seq = seq;
    this.deltas = [];
    this.deltasFloor = seq;
  }

  /** The deltas after `lastSeq` as participant `you` sees them, or null when the client must take a snapshot instead. */
  deltasSince(lastSeq: number, you: string): DeltaFrame[] | null {
    if (lastSeq > this.seq || lastSeq < this.deltasFloor) return null;
    const out: DeltaFrame[] = [];
    for (const d of this.deltas) {
      if (d.frame.seq <= lastSeq) continue;
      const f = deltaFor(d, you, this.state.hostId);
      if (f) out.push(f);
    }
    return out;
  }

  /** The whole state (what the host sees). */
  snapshot(): SessionSnapshot {
    return toSnapshot(this.state);
  }

  /** What participant `you` is shown. */
  snapshotFor(you: string): SessionSnapshot {
    const s = this.state;
    if (you === s.hostId) return this.snapshot();
    // Without building everyone's record first: a viewer's welcome stays small however big the session.
    const keep = new Set([s.hostId, s.leadId, you]);
    const shown: ParticipantState[] = [];
    for (const p of s.participants.values()) if (keep.has(p.id)) shown.push(p);
    // A viewer sees their own bookings only.
    return { ...toSnapshot({ ...s, participants: new Map(shown.map((p) => [p.id, p])), bookings: s.bookings.filter((b) => b.by === you) }) };
  }

  private reduce(e: SessionEvent): SessionChange[] {
    const s = this.state;
    switch (e.type) {
      case 'attach': {
        if (s.status === 'ended') return [];
        const p = s.participants.get(e.pid);
        if (p) {
          const was = p.connected;
          p.conn = e.conn;
          p.connected = true;
          p.disconnectedAt = null;
          return was ? [] : [{ type: 'presence', id: p.id, connected: true }];
        }
        if (e.role !== 'viewer' || s.removed.includes(e.pid)) return [];
        let viewers = 0;
        for (const x of s.participants.values()) if (x.role === 'viewer') viewers++;
        if (viewers >= s.maxViewers) return [];
        const np: ParticipantState = {
          id: e.pid,
          name: e.name,
          role: 'viewer',
          connected: true,
          following: true,
          hand: false,
          muted: false,
          speaker: false,
          joinedAt: e.at,
          conn: e.conn,
          disconnectedAt: null,
        };
        s.participants.set(np.id, np);
        return [{ type: 'joined', participant: publicParticipant(np) }];
      }
      case 'detach': {
        const p = s.participants.get(e.pid);
        if (!p || p.conn !== e.conn || !p.connected) return [];
        p.connected = false;
        p.disconnectedAt = e.at;
        return [{ type: 'presence', id: p.id, connected: false }];
      }
      case 'expire': {
        const p = s.participants.get(e.pid);
        if (!p || p.role !== 'viewer' || p.connected || p.conn !== e.conn) return [];
        return this.removeParticipant(p.id, 'timeout');
      }
      case 'intent': {
        // An exhibit the place gained (or changed) since the session started: the entry the lead's
        // instance looked up travels in the event, so every replica learns it at the same seq.
        const fresh = e.exhibitEntry && e.intent.type === 'goto' && e.intent.exhibit?.exhibitId === e.exhibitEntry.id ? exhibitEntrySchema.safeParse(e.exhibitEntry.entry) : null;
        const before = s.exhibits;
        if (fresh?.success) s.exhibits = { ...before, [e.exhibitEntry!.id]: fresh.data };
        if (checkIntent(s, e.by, e.intent)) {
          s.exhibits = before;
          return [];
        }
        if (e.intent.type === 'booked') return this.booked(e.by, e.booking, e.at);
        return this.perform(e.by, e.intent, e.at);
      }
    }
  }

  /** The exhibit a `goto` opens: its camera, else the info point's, else where it stands now (same exhibit) or its start. */
  private exhibitFor(g: { exhibitId: string; camera?: SessionModelCamera; infoPointId?: string | null; eraId?: string | null }): SessionExhibit {
    const s = this.state;
    const entry = s.exhibits[g.exhibitId];
    const same = s.exhibit?.exhibitId === g.exhibitId ? s.exhibit : null;
    const infoPointId = g.infoPointId === undefined ? (same?.infoPointId ?? null) : g.infoPointId;
    const camera = g.camera ?? (g.infoPointId ? entry.infoPoints[g.infoPointId] : null) ?? same?.camera ?? entry.camera;
    // The era stays as it was on the same exhibit unless the goto names one; null (all eras) is left off the wire.
    const eraId = g.eraId === undefined ? (same?.eraId ?? null) : g.eraId;
    return { exhibitId: g.exhibitId, camera: copyCamera(camera), infoPointId, ...(eraId ? { eraId } : {}) };
  }

  /** A booking the appending instance checked (see LiveSession); announced once, whoever says it again. */
  private booked(by: string, booking: VerifiedBooking | undefined, at: number): SessionChange[] {
    const s = this.state;
    if (!booking || s.bookings.some((b) => b.code === booking.code)) return [];
    const entry: SessionBooking = { by, name: s.participants.get(by)!.name, code: booking.code, slotStart: booking.slotStart, timezone: booking.timezone, partySize: booking.partySize, at };
    s.bookings.push(entry);
    if (s.bookings.length > SESSION_BOOKINGS_MAX) s.bookings.shift();
    return [{ type: 'booked', booking: { ...entry } }];
  }

  private removeParticipant(id: string, reason: 'left' | 'timeout' | 'removed'): SessionChange[] {
    const s = this.state;
    s.participants.delete(id);
    const changes: SessionChange[] = [{ type: 'left', id, reason }];
    if (reason === 'removed') {
      s.removed.push(id);
      if (s.removed.length > REMOVED_KEPT) s.removed.shift();
    }
    if (s.leadId === id) {
      s.leadId = s.hostId;
      changes.push({ type: 'lead', id: s.hostId, participant: publicParticipant(s.participants.get(s.hostId)!) });
    }
    return changes;
  }

  private perform(by: string, intent: Intent, at: number): SessionChange[] {
    const s = this.state;
    const me = s.participants.get(by)!;
    const flag = (p: ParticipantState, key: 'following' | 'hand' | 'muted' | 'speaker', value: boolean): SessionChange[] => {
      if (p[key] === value) return [];
      p[key] = value;
      switch (key) {
        case 'following':
          return [{ type: 'follow', id: p.id, following: value }];
        case 'hand':
          return [{ type: 'hand', id: p.id, up: value }];
        case 'muted':
          return [{ type: 'muted', id: p.id, muted: value }];
        case 'speaker':
          return [{ type: 'speaker', id: p.id, speaker: value }];
      }
    };
    switch (intent.type) {
      case 'goto': {
        if (intent.show) {
          // A 360° view the goto leaves out stays as it was on the same angle; another angle opens on its own.
          const same = s.show?.angleId === intent.show.angleId ? s.show : null;
          const v = intent.show.view ?? same?.view;
          s.show = {
            angleId: intent.show.angleId,
            streamTime: intent.show.streamTime ?? null,
            at,
            ...(v && { view: { yaw: roundAngle(normaliseYaw(v.yaw)), pitch: v.pitch, fov: v.fov } }),
          };
          return [{ type: 'show', show: copyShow(s.show), by }];
        }
        const changes: SessionChange[] = [];
        if (intent.sceneId !== undefined) {
          const v = intent.view ?? s.room.view;
          s.room = { sceneId: intent.sceneId, view: { yaw: roundAngle(normaliseYaw(v.yaw)), pitch: v.pitch, fov: v.fov } };
          changes.push({ type: 'room', sceneId: s.room.sceneId, view: { ...s.room.view }, by });
        }
        const next = intent.exhibit ? this.exhibitFor(intent.exhibit) : null;
        // A walk to a hall closes the exhibit; only a change is news (homes never see this change).
        if (next || s.exhibit) {
          s.exhibit = next;
          changes.push({ type: 'exhibit', exhibit: next && copyExhibit(next), by });
        }
        return changes;
      }
      case 'mode': {
        // Only a change is news (a repeat, or a new lead announcing the same mode, changes nothing).
        if (intent.view === s.mode.view && intent.plan === s.mode.plan) return [];
        s.mode = { view: intent.view, plan: intent.plan };
        return [{ type: 'mode', mode: { ...s.mode }, by }];
      }
      case 'follow':
        return flag(me, 'following', intent.on);
      case 'hand':
        return flag(s.participants.get(intent.id ?? by)!, 'hand', intent.up);
      case 'chat': {
        const message: ChatMessage = { id: s.nextChatId++, from: by, name: me.name, text: intent.text, at, ...(intent.streamTime !== undefined && { streamTime: intent.streamTime }) };
        s.chat.push(message);
        if (s.chat.length > SESSION_CHAT_HISTORY) s.chat.shift();
        return [{ type: 'chat', message: { ...message } }];
      }
      case 'react': {
        const reaction: SessionReaction = { id: s.nextReactionId++, from: by, reaction: intent.reaction, at, ...(intent.streamTime !== undefined && { streamTime: intent.streamTime }) };
        s.reactions.push(reaction);
        if (s.reactions.length > SESSION_REACTION_HISTORY) s.reactions.shift();
        return [{ type: 'reaction', reaction: { ...reaction } }];
      }
      case 'lead': {
        const to = intent.to ?? s.hostId;
        if (to === s.leadId) return [];
        s.leadId = to;
        return [{ type: 'lead', id: to, participant: publicParticipant(s.participants.get(to)!) }];
      }
      case 'mute': {
        const t = s.participants.get(intent.id)!;
        if (!intent.muted) return flag(t, 'muted', false);
        return [...flag(t, 'muted', true), ...flag(t, 'speaker', false), ...flag(t, 'hand', false)];
      }
      case 'speak': {
        const t = s.participants.get(intent.id)!;
        if (!intent.allowed) return flag(t, 'speaker', false);
        return [...flag(t, 'muted', false), ...flag(t, 'speaker', true), ...flag(t, 'hand', false)];
      }
      case 'remove':
        return this.removeParticipant(intent.id, 'removed');
      case 'end':
        s.status = 'ended';
        s.endedAt = at;
        return [{ type: 'ended', by }];
      case 'offer': {
        // Idempotent: pressing twice (or a retry after a resume) doesn't re-announce it.
        if (intent.open === (s.bookingOffer !== null)) return [];
        s.bookingOffer = intent.open ? { id: s.nextOfferId++, by, at } : null;
        return [{ type: 'offer', offer: s.bookingOffer && { ...s.bookingOffer } }];
      }
      case 'leave':
        return this.removeParticipant(by, 'left');
      case 'booked':
        return []; // needs the checked booking of its event: see reduce
    }
  }
}
