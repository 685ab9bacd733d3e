/**
 * Guided sessions: the REST bodies and every WebSocket frame, shared by server and client.
 * Imports nothing but zod.
 *
 * Two lanes (the design notes: a state lane and a pose lane):
 * - state lane: `delta` frames, each with a sequence number from the shared bus; a client
 *   keeps the last `seq` it saw and sends it in `hello` when it reconnects, and gets the
 *   missed deltas or a fresh snapshot.
 * - pose lane: `pose` (the lead's camera and pointer, to everyone) and `poses` (everyone
 *   else's gaze, batched, to the host and the lead). Latest wins; never replayed; a slow
 *   socket loses poses, never state.
 *
 * Handshake: the first frame on /ws/sessions/:id is `hello`; the server answers `welcome`
 * or `rejected` (then closes with the code in SESSION_CLOSE_CODES). After the welcome a
 * server-initiated close is preceded by `bye` with its reason.
 */
import { z } from 'zod';
import { textSchema } from './text.ts';
import { idSchema } from './idSchema.ts';
import { sceneIdSchema } from './tour.ts';
import { eraSchema, exhibitIdSchema, infoPointIdSchema } from './museum.ts';
import { angleIdSchema } from './show.ts';

/**
 * Bump on any breaking change to the frames below; the server rejects other versions with `unsupported_version`.
 *
 * Still 1 after museums (the shared view of `sharedViewSchema`): every addition reads as
 * nothing to a version-1 peer. The snapshot keeps `room` (the hall, the v1 shape) and adds
 * `exhibit` (null in a hall): a v1 client ignores the key and stays in the hall; a v1 snapshot
 * or a v1 stored session has none and reads as null (migrate on read: the `.default(null)`).
 * The `exhibit` change is a new change type: a v1 client skips that delta (frames it cannot
 * parse are skipped, not fatal), its seq may skip. `goto` keeps `{ sceneId, view? }`; the
 * exhibit form is new. The pose's `model` is optional and stripped by a v1 reader.
 *
 * Shows (the director's cut) followed the same precedent: the snapshot adds `show` (null off a
 * show; a v1 snapshot reads as null) and `reactions` (empty), the room is SESSION_SHOW_ROOM (a
 * valid room id, so the pose lane carries the host's 360° view unchanged); `show` and
 * `reaction` are new change types a v1 client skips; `goto` gains a `show` form; chat gains an
 * optional `streamTime` a v1 reader strips; `react` is a new intent a v1 client never sends.
 *
 * Bookings made in a session, the same way: `booked` is a new intent (a v1 client never sends
 * it) and a new change type (a v1 client skips the delta); the snapshot adds `bookings` (empty
 * from an older server, stripped by an older client).
 *
 * The tour's mode (the dollhouse, the floor plan) the same way: the snapshot adds `mode` (a v1
 * snapshot or stored session has none: the panorama, no plan), `mode` is a new change type a
 * v1 client skips (its viewers stay in the panorama, as before) and a new intent a v1 client
 * never sends.
 */
export const SESSION_PROTOCOL_VERSION = 1;

/** Largest WebSocket frame either side sends or accepts (bytes). Bigger frames close the socket with 1009. */
export const SESSION_MAX_FRAME_BYTES = 16 * 1024;
export const SESSION_NAME_MAX = 40;
export const SESSION_CHAT_MAX = 500;
/** Chat messages kept in the snapshot a late joiner receives. */
export const SESSION_CHAT_HISTORY = 50;

// ---------------------------------------------------------------------------------------
// Text: names and chat are plain text, shown with textContent. Well-formedness, controls and
// length come from the one text rule (text.ts); on top of it the server removes what could
// disguise a name or a message (formatting characters: bidi overrides, zero-widths).

const CONTROL = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/gu;
const CONTROL_EXCEPT_NEWLINE = /(?!\n)[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/gu;

/** A display name as the server stores it: NFC, one line, no control or formatting characters, single spaces. */
export function cleanName(raw: string): string {
  return raw.normalize('NFC').replace(CONTROL, ' ').replace(/\s+/gu, ' ').trim();
}

/** A chat message as the server stores it: NFC, no control characters but newlines, at most two blank lines. */
export function cleanChat(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL_EXCEPT_NEWLINE, '')
    .replace(/[^\S\n]+/gu, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export const sessionNameSchema = z
  .string()
  .max(SESSION_NAME_MAX * 4)
  .transform(cleanName)
  .pipe(textSchema({ max: SESSION_NAME_MAX }));

export const chatTextSchema = z
  .string()
  .max(SESSION_CHAT_MAX * 4)
  .transform(cleanChat)
  .pipe(textSchema({ max: SESSION_CHAT_MAX, multiline: true }));

// ---------------------------------------------------------------------------------------
// Shared shapes

/** Participant ids and session ids are assigned by the server: url-safe, short. */
export const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a session id');
export const participantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a participant id');
/** A room of the session's place (a tour scene id). */
export const sessionSceneIdSchema = sceneIdSchema;

/** A camera direction in degrees (yaw is normalised by the server to -180…180). */
export const sessionViewSchema = z.object({
  yaw: z.number().min(-3600).max(3600),
  pitch: z.number().min(-90).max(90),
  fov: z.number().min(10).max(120),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const pointerSchema = z.object({ yaw: z.number().min(-3600).max(3600), pitch: z.number().min(-90).max(90) });
export type Pointer = z.infer<typeof pointerSchema>;

/** A coordinate in an exhibit's model space (glTF metres), bounded: no museum model is 100 km across. */
const modelCoordSchema = z.number().min(-1e5).max(1e5);
export const sessionVec3Schema = z.tuple([modelCoordSchema, modelCoordSchema, modelCoordSchema]);
export type SessionVec3 = z.infer<typeof sessionVec3Schema>;

/** The orbit camera on an exhibit (museum.ts ModelCamera with bounded numbers and the fov always set). */
export const sessionModelCameraSchema = z.object({
  position: sessionVec3Schema,
  target: sessionVec3Schema,
  fov: z.number().min(5).max(120),
});
export type SessionModelCamera = z.infer<typeof sessionModelCameraSchema>;

/**
 * The exhibit the group looks at (its 3D viewer over the hall), the camera the lead opened it
 * with (the live camera comes on the pose lane) and the info point open for everyone.
 */
export const sessionExhibitSchema = z.object({
  exhibitId: z.string(),
  camera: sessionModelCameraSchema,
  infoPointId: z.string().nullable(),
  /** On a site model: the era the table shows (its nodes and earlier eras' stand); absent or null, all eras. Optional: older peers omit it. */
  eraId: z.string().nullable().optional(),
});
export type SessionExhibit = z.infer<typeof sessionExhibitSchema>;

/** The room id of a session on a show (no halls): valid for the pose lane and v1 peers; no `goto` may name it. */
export const SESSION_SHOW_ROOM = 'show';

/**
 * What the group watches on a show (the director's cut): the angle, and the program-date-time
 * (ms, the show's one clock: see show.ts) of the picture on the host's screen when the host
 * last switched or seeked, with `at` the server's clock then — so a follower expects the host
 * at `streamTime + (now - at)`. Null `streamTime`: the host has not played yet (live edge).
 * On a 360° angle `view` is where the host looked then; the live view comes on the pose lane.
 */
export const sessionShowSchema = z.object({
  angleId: angleIdSchema,
  streamTime: z.number().min(0).max(1e14).nullable(),
  at: z.number(),
  view: sessionViewSchema.optional(),
});
export type SessionShow = z.infer<typeof sessionShowSchema>;

/** The reactions a viewer may send (a fixed set: reactions are not free text); the client draws each as an emoji. */
export const SESSION_REACTIONS = ['clap', 'heart', 'laugh', 'wow', 'fire', 'thumbs'] as const;
export const sessionReactionKindSchema = z.enum(SESSION_REACTIONS);
export type SessionReactionKind = z.infer<typeof sessionReactionKindSchema>;
/** Reactions kept in the snapshot a late joiner (or a replay) receives. */
export const SESSION_REACTION_HISTORY = 100;
/** A stream time as a client sends it (program-date-time ms; bounded, finite). */
export const streamTimeSchema = z.number().min(0).max(1e14);

/** One reaction, stamped with the sender's stream time (absent off a show) so a replay shows it at its moment. */
export const sessionReactionSchema = z.object({
  id: z.number().int(),
  from: participantIdSchema,
  reaction: sessionReactionKindSchema,
  streamTime: z.number().optional(),
  at: z.number(),
});
export type SessionReaction = z.infer<typeof sessionReactionSchema>;

/**
 * What a show's replay shows at its moment, from the watch parties that saw it live: reactions
 * from every party (anonymous: a fixed set, no name), chat only from the party whose join code
 * the reader has (its members' words stay theirs). `t` is the stream time it was sent at.
 */
export const showMomentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reaction'), t: streamTimeSchema, reaction: sessionReactionKindSchema }),
  z.object({ kind: z.literal('chat'), t: streamTimeSchema, name: sessionNameSchema, text: chatTextSchema }),
]);
export type ShowMoment = z.infer<typeof showMomentSchema>;
/** GET /api/places/:id/moments: the show's moments in stream-time order (at most SHOW_MOMENTS_MAX of each kind). */
export const showMomentsSchema = z.object({ moments: z.array(showMomentSchema) });
export const SHOW_MOMENTS_MAX = 5000;

/**
 * The shared view a guided session moves everyone to (the design notes' one union): a hall's
 * panorama, or an exhibit's 3D camera with the active info point (the sand table is an
 * exhibit too, role 'site'). On the wire it is the snapshot's `room` and `exhibit` (see
 * SESSION_PROTOCOL_VERSION for why); `sharedViewOf` reads it from a snapshot. In the model
 * kind `sceneId` is the hall the exhibit was opened in: where the group goes back to.
 */
export const sharedViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('panorama'), sceneId: z.string(), view: sessionViewSchema }),
  z.object({ kind: z.literal('model'), sceneId: z.string(), ...sessionExhibitSchema.shape }),
  z.object({ kind: z.literal('show'), sceneId: z.string(), ...sessionShowSchema.shape }),
]);
export type SharedView = z.infer<typeof sharedViewSchema>;

/**
 * How the lead looks at a home's tour besides its rooms: the panorama or the dollhouse over it,
 * and whether the floor plan is open. Following viewers' tours open and close the same.
 */
export const tourModeSchema = z.object({
  view: z.enum(['panorama', 'dollhouse']),
  plan: z.boolean(),
});
export type TourMode = z.infer<typeof tourModeSchema>;
export const PANORAMA_MODE: TourMode = Object.freeze({ view: 'panorama', plan: false });

/** The lead's camera and laser on an exhibit, on the pose lane: `point` is where the laser meets the model (model space). */
export const modelPoseSchema = z.object({
  exhibitId: exhibitIdSchema,
  camera: sessionModelCameraSchema,
  point: sessionVec3Schema.nullable(),
});
export type ModelPose = z.infer<typeof modelPoseSchema>;

export const sessionRoleSchema = z.enum(['host', 'viewer']);
export type SessionRole = z.infer<typeof sessionRoleSchema>;

export const participantSchema = z.object({
  id: participantIdSchema,
  name: z.string(),
  role: sessionRoleSchema,
  /** A socket is attached now; false during the grace period after a drop. */
  connected: z.boolean(),
  /** The viewer's camera follows the lead (viewers tap "Follow"; dragging turns it off). */
  following: z.boolean(),
  hand: z.boolean(),
  /** The host silenced this viewer: no chat, no hand, no voice. */
  muted: z.boolean(),
  /** Invited to speak: may publish a microphone in the voice room. */
  speaker: z.boolean(),
  joinedAt: z.number(),
  /** The host's profile photo (their agent card's), when they have one; viewers have none. */
  photoUrl: z.string().optional(),
});
export type Participant = z.infer<typeof participantSchema>;

export const chatMessageSchema = z.object({
  id: z.number().int(),
  from: participantIdSchema,
  /** The sender's name when sent (it stays readable after they leave). */
  name: z.string(),
  text: z.string(),
  at: z.number(),
  /** On a show: the sender's stream time when sent (program-date-time ms), so a replay shows it at its moment. */
  streamTime: z.number().optional(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/**
 * The host's invitation to book an in-person visit, on the state lane so every viewer sees it
 * (late joiners and resumes too) until the host withdraws it. `id` grows with each new
 * invitation, so one a viewer put aside is told apart from the next.
 */
export const bookingOfferSchema = z.object({ id: z.number().int().min(1), by: participantIdSchema, at: z.number() });
export type BookingOffer = z.infer<typeof bookingOfferSchema>;

/** Bookings kept in a session's state (the oldest go first past this). */
export const SESSION_BOOKINGS_MAX = 200;

/**
 * A booking a viewer made in this session, announced only once the server found it in the
 * bookings: confirmed, for this session's place, made from this session (the ticket code is
 * the proof: only the booker and the host have it). The host sees who booked which time; the
 * viewer sees their ticket instead of the invitation. A private change: the host and the booker see it.
 */
export const sessionBookingSchema = z.object({
  by: participantIdSchema,
  /** The booker's name in the session when they booked. */
  name: z.string(),
  /** The formatted ticket code (GET /api/bookings/:code). */
  code: z.string(),
  slotStart: z.string(),
  /** The slot's zone: the time is told in the place's zone. */
  timezone: z.string(),
  partySize: z.number().int(),
  at: z.number(),
});
export type SessionBooking = z.infer<typeof sessionBookingSchema>;

/**
 * Everything a client needs to draw the session; what a late joiner or a resume without the
 * missed deltas receives. The host's `participants` holds everyone; a viewer's holds the host,
 * the lead and the viewer (strangers at an open house don't see each other, and a join storm
 * of thousands costs the server O(n), not O(n²)). Changes about other viewers go to the host
 * and the viewer concerned only.
 */
export const sessionSnapshotSchema = z.object({
  id: sessionIdSchema,
  placeId: z.string(),
  status: z.enum(['live', 'ended']),
  hostId: participantIdSchema,
  /** Who drives the group: the host, or one viewer the host handed the lead to. */
  leadId: participantIdSchema,
  /** The lead's room (a museum's hall) and the view it entered with; the live view comes on the pose lane. */
  room: z.object({ sceneId: z.string(), view: sessionViewSchema }),
  /** The exhibit open for the group in that hall, or null (the hall's panorama). A server from before museums sends none: null. */
  exhibit: sessionExhibitSchema.nullable().default(null),
  /** On a show: the angle and stream time the group watches (see sessionShowSchema); null elsewhere (and from a server before shows). */
  show: sessionShowSchema.nullable().default(null),
  /** The lead's tour mode (dollhouse, floor plan); a server from before modes sends none: the panorama. */
  mode: tourModeSchema.default(PANORAMA_MODE),
  participants: z.array(participantSchema),
  chat: z.array(chatMessageSchema),
  /** The latest reactions (SESSION_REACTION_HISTORY), oldest first; none from a server before reactions. */
  reactions: z.array(sessionReactionSchema).default([]),
  /** Open invitation to book a visit, or null. (A server from before invitations sends none: null.) */
  bookingOffer: bookingOfferSchema.nullable().default(null),
  /** Bookings made in the session (see sessionBookingSchema): every one for the host, a viewer's own for a viewer. None from an older server. */
  bookings: z.array(sessionBookingSchema).default([]),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
});
export type SessionSnapshot = z.infer<typeof sessionSnapshotSchema>;

/** Why someone left the roster. `timeout`: the grace period passed without a reconnect. */
export const leaveReasonSchema = z.enum(['left', 'timeout', 'removed']);

/** One change to the session; a `delta` frame carries the changes made by one sequenced event. */
export const sessionChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('joined'), participant: participantSchema }),
  z.object({ type: z.literal('presence'), id: participantIdSchema, connected: z.boolean() }),
  z.object({ type: z.literal('left'), id: participantIdSchema, reason: leaveReasonSchema }),
  z.object({ type: z.literal('room'), sceneId: z.string(), view: sessionViewSchema, by: participantIdSchema }),
  /** The lead opened an exhibit (or an info point on it), or closed it (`null`: back to the hall's panorama). */
  z.object({ type: z.literal('exhibit'), exhibit: sessionExhibitSchema.nullable(), by: participantIdSchema }),
  /** `participant` is the new lead as they are now (a viewer's roster may not hold them yet). */
  z.object({ type: z.literal('lead'), id: participantIdSchema, participant: participantSchema }),
  z.object({ type: z.literal('follow'), id: participantIdSchema, following: z.boolean() }),
  z.object({ type: z.literal('hand'), id: participantIdSchema, up: z.boolean() }),
  z.object({ type: z.literal('chat'), message: chatMessageSchema }),
  z.object({ type: z.literal('muted'), id: participantIdSchema, muted: z.boolean() }),
  z.object({ type: z.literal('speaker'), id: participantIdSchema, speaker: z.boolean() }),
  z.object({ type: z.literal('ended'), by: participantIdSchema }),
  /** The host opened (`offer`) or withdrew (`null`) the invitation to book a visit. */
  z.object({ type: z.literal('offer'), offer: bookingOfferSchema.nullable() }),
  /** The lead switched the show's angle, or seeked (a new stream time), or turned a 360° angle's opening view. */
  z.object({ type: z.literal('show'), show: sessionShowSchema, by: participantIdSchema }),
  z.object({ type: z.literal('reaction'), reaction: sessionReactionSchema }),
  /** A viewer's booking, checked by the server (see sessionBookingSchema). */
  z.object({ type: z.literal('booked'), booking: sessionBookingSchema }),
  /** The lead opened or closed the dollhouse or the floor plan. */
  z.object({ type: z.literal('mode'), mode: tourModeSchema, by: participantIdSchema }),
]);
export type SessionChange = z.infer<typeof sessionChangeSchema>;

// ---------------------------------------------------------------------------------------
// Client → server frames

const ref = z.string().max(32).optional();

/** Either the host key (from hostUrl) or a seat token (from join, or the resumeToken of an earlier welcome). */
export const helloFrameSchema = z
  .object({
    type: z.literal('hello'),
    v: z.number().int(),
    hostKey: z.string().min(1).max(128).optional(),
    token: z.string().min(1).max(1024).optional(),
    /** The last delta `seq` this client applied; omit on a first connect. */
    lastSeq: z.number().int().min(0).optional(),
  })
  .refine((h) => (h.hostKey === undefined) !== (h.token === undefined), { message: 'send exactly one of hostKey and token' });
export type HelloFrame = z.infer<typeof helloFrameSchema>;

/** Pose lane: where this client looks and points. ~20 Hz for the lead, ~10 Hz for others; extra frames are dropped. */
export const poseFrameSchema = z.object({
  type: z.literal('pose'),
  sceneId: sessionSceneIdSchema,
  yaw: z.number().min(-3600).max(3600),
  pitch: z.number().min(-90).max(90),
  fov: z.number().min(10).max(120),
  pointer: pointerSchema.nullable().optional(),
  /** In a headset: followers show an arrow to this client's focus instead of turning the view. */
  vr: z.boolean().optional(),
  /** On an exhibit: the orbit camera and the laser's point on the model (`sceneId` and the angles stay the hall's). */
  model: modelPoseSchema.optional(),
});
export type PoseFrame = z.infer<typeof poseFrameSchema>;

// ---------------------------------------------------------------------------------------
// Voice lane (built-in voice, `voice.mode` 'p2p'): WebRTC signalling relayed by the server,
// only between the host (the guide) and one viewer — a star, never viewer to viewer. Not
// sequenced, never replayed: a lost signal costs a renegotiation, the `ready` handshake below
// starts a fresh one. The server sees no media, so it checks what it can: who talks to whom,
// sizes, rates, and that a viewer's SDP sends audio only when invited to speak.
// Additive, so still protocol 1: a v1 client never sends `signal` and skips the server's
// `signal` frames; the welcome's `voice` keeps `enabled`, and a v1 reader strips `mode`.

/** Largest SDP a peer may send (an audio-only session description is ~2–5 KB; forwarded speakers add ~1 KB each). */
export const VOICE_SDP_MAX = 12_000;
export const VOICE_CANDIDATE_MAX = 1024;

export const voiceSignalSchema = z.discriminatedUnion('kind', [
  /** My voice room is listening: (re)connect to me from scratch (the guide answers with an offer, a viewer with `ready`). */
  z.object({ kind: z.literal('ready') }),
  z.object({ kind: z.literal('description'), sdpType: z.enum(['offer', 'answer']), sdp: z.string().min(1).max(VOICE_SDP_MAX) }),
  /** An ICE candidate; an empty `candidate` ends the list. */
  z.object({
    kind: z.literal('candidate'),
    candidate: z.string().max(VOICE_CANDIDATE_MAX),
    sdpMid: z.string().max(64).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(255).nullable().optional(),
  }),
  /** I left the voice room: close our connection. */
  z.object({ kind: z.literal('bye') }),
]);
export type VoiceSignal = z.infer<typeof voiceSignalSchema>;

/** Client → server: a signal for one peer (the host, or for the host one viewer). Rate-limited per socket. */
export const signalFrameSchema = z.object({ type: z.literal('signal'), to: participantIdSchema, signal: voiceSignalSchema });
export type SignalFrame = z.infer<typeof signalFrameSchema>;

/** A STUN/TURN server as RTCPeerConnection takes it (from ICE_SERVERS / TURN_* on the server). */
export const iceServerSchema = z.object({
  urls: z.union([z.string().max(512), z.array(z.string().max(512)).max(8)]),
  username: z.string().max(256).optional(),
  credential: z.string().max(256).optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;

/**
 * How voice works in a session: 'livekit' (large groups, through a LiveKit server), 'p2p'
 * (built in: WebRTC between the guide and each viewer, signalled on this socket), or off
 * (`enabled` false). A server from before p2p sends no mode: it is LiveKit when enabled.
 */
export const voiceModeSchema = z.enum(['livekit', 'p2p']);
export type VoiceMode = z.infer<typeof voiceModeSchema>;
export const sessionVoiceSchema = z.object({
  enabled: z.boolean(),
  mode: voiceModeSchema.optional(),
  /** p2p: the STUN/TURN servers to use (TURN credentials may be short-lived, per seat). */
  iceServers: z.array(iceServerSchema).max(8).optional(),
});
export type SessionVoice = z.infer<typeof sessionVoiceSchema>;

/** State-lane requests. The server checks each against the session (roles come from the server, never from the frame). */
export const intentSchema = z.discriminatedUnion('type', [
  /**
   * The lead walks to another room (`sceneId`, the exhibit closes), or opens an exhibit in the
   * hall (`exhibit`; with `sceneId` too: in that hall), or an info point on the open one.
   */
  z
    .object({
      type: z.literal('goto'),
      sceneId: sessionSceneIdSchema.optional(),
      view: sessionViewSchema.optional(),
      exhibit: z
        .object({ exhibitId: exhibitIdSchema, camera: sessionModelCameraSchema.optional(), infoPointId: infoPointIdSchema.nullable().optional(), eraId: eraSchema.shape.id.nullable().optional() })
        .optional(),
      /** On a show: the angle everyone watches, the lead's stream time now, and on a 360° angle the lead's view. */
      show: z.object({ angleId: angleIdSchema, streamTime: streamTimeSchema.optional(), view: sessionViewSchema.optional() }).optional(),
      ref,
    })
    .refine((g) => g.sceneId !== undefined || g.exhibit !== undefined || g.show !== undefined, { message: 'send a sceneId, an exhibit, or both (or a show angle)' })
    .refine((g) => g.show === undefined || (g.sceneId === undefined && g.exhibit === undefined), { message: 'a show goto names only the show' }),
  /** The lead opens or closes the dollhouse or the floor plan (a home's tour): following viewers' tours do the same. */
  z.object({ type: z.literal('mode'), ...tourModeSchema.shape, ref }),
  /** A viewer follows the lead again, or stops (dragging). */
  z.object({ type: z.literal('follow'), on: z.boolean(), ref }),
  /** Raise or lower one's own hand; the host may lower anyone's (`id`). */
  z.object({ type: z.literal('hand'), up: z.boolean(), id: participantIdSchema.optional(), ref }),
  z.object({ type: z.literal('chat'), text: chatTextSchema, streamTime: streamTimeSchema.optional(), ref }),
  /** A reaction from the fixed set (not text), stamped with the sender's stream time on a show. Rate-limited like chat. */
  z.object({ type: z.literal('react'), reaction: sessionReactionKindSchema, streamTime: streamTimeSchema.optional(), ref }),
  /** Host: hand the lead to a viewer; `null` (or the host's id) takes it back. The lead may also give it back with `null`. */
  z.object({ type: z.literal('lead'), to: participantIdSchema.nullable(), ref }),
  /** Host: silence a viewer (chat, hand and voice) or let them talk again. */
  z.object({ type: z.literal('mute'), id: participantIdSchema, muted: z.boolean(), ref }),
  /** Host: invite a viewer to speak in the voice room, or revoke it. */
  z.object({ type: z.literal('speak'), id: participantIdSchema, allowed: z.boolean(), ref }),
  /** Host: remove a viewer; their seat token stops working. */
  z.object({ type: z.literal('remove'), id: participantIdSchema, ref }),
  /** Host: end the session for everyone. */
  z.object({ type: z.literal('end'), ref }),
  /** Host: invite every viewer to book an in-person visit (`open`), or withdraw the invitation. */
  z.object({ type: z.literal('offer'), open: z.boolean(), ref }),
  /** A viewer leaves for good (no grace period). */
  z.object({ type: z.literal('leave'), ref }),
  /** A viewer booked from the session: the ticket code the booking answer gave. The server looks it up before anyone hears of it. */
  z.object({ type: z.literal('booked'), code: z.string().min(1).max(64), ref }),
]);
export type Intent = z.infer<typeof intentSchema>;
export type IntentType = Intent['type'];

/** Every frame a client may send after the welcome. */
export const clientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ping'), t: z.number() }),
  poseFrameSchema,
  signalFrameSchema,
  ...intentSchema.options,
]);
export type ClientFrame = z.infer<typeof clientFrameSchema> | HelloFrame;

// ---------------------------------------------------------------------------------------
// Server → client frames

/** A relayed pose: `from` and `t` (server receive time, ms) are set by the server. */
export const poseSchema = z.object({
  from: participantIdSchema,
  sceneId: z.string(),
  yaw: z.number(),
  pitch: z.number(),
  fov: z.number(),
  pointer: pointerSchema.nullable(),
  vr: z.boolean(),
  /** On an exhibit (see poseFrameSchema); absent in a hall. */
  model: modelPoseSchema.optional(),
  t: z.number(),
});
export type Pose = z.infer<typeof poseSchema>;

export const deltaFrameSchema = z.object({
  type: z.literal('delta'),
  /** Increases with every sequenced event of the session; may skip numbers (events that changed nothing). */
  seq: z.number().int(),
  at: z.number(),
  changes: z.array(sessionChangeSchema),
});
export type DeltaFrame = z.infer<typeof deltaFrameSchema>;

/** Why the handshake failed (a `rejected` frame) or why the server closed later (a `bye` frame). */
export const sessionCloseReasonSchema = z.enum([
  'unsupported_version',
  'protocol_error',
  'hello_timeout',
  'unauthorized',
  'session_not_found',
  'session_ended',
  'session_full',
  'removed',
  'replaced',
  'rate_limited',
  'too_slow',
  'server_restart',
  'left',
]);
export type SessionCloseReason = z.infer<typeof sessionCloseReasonSchema>;

/** WebSocket close code sent with each reason. 4xxx codes are final unless noted; clients reconnect on 1012 and 4009/4010 is theirs to decide. */
export const SESSION_CLOSE_CODES: Record<SessionCloseReason, number> = {
  unsupported_version: 4001,
  protocol_error: 4002,
  hello_timeout: 4003,
  unauthorized: 4004,
  session_not_found: 4005,
  session_ended: 4006,
  session_full: 4007,
  removed: 4008,
  /** The same seat connected again (another tab or a reconnect): this socket is stale. Don't reconnect. */
  replaced: 4009,
  rate_limited: 4010,
  /** The socket could not keep up with the state lane; reconnect and resume. */
  too_slow: 4011,
  /** Reconnect: the server is restarting and the session will be back. */
  server_restart: 1012,
  /** The viewer sent `leave`. */
  left: 1000,
};

/** Reasons after which a client should reconnect (with its resume token and lastSeq). */
export const SESSION_RECONNECTABLE: readonly SessionCloseReason[] = ['too_slow', 'server_restart', 'hello_timeout'];

/** Why one request was refused (the socket stays open). */
export const sessionErrorCodeSchema = z.enum([
  'invalid_frame',
  'not_allowed',
  'unknown_room',
  'unknown_participant',
  'rate_limited',
  'session_ended',
  /** The server could not record the request (its bus is unreachable); try again. */
  'unavailable',
]);
export type SessionErrorCode = z.infer<typeof sessionErrorCodeSchema>;

export const welcomeFrameSchema = z.object({
  type: z.literal('welcome'),
  v: z.number().int(),
  sessionId: sessionIdSchema,
  you: z.object({ id: participantIdSchema, role: sessionRoleSchema }),
  /** Send this as `token` (with lastSeq) when reconnecting; it keeps the seat during the grace period. */
  resumeToken: z.string(),
  /** The seq the client is at once it has applied `sync`. */
  seq: z.number().int(),
  graceMs: z.number(),
  /** Either the whole state, or the deltas missed since the hello's lastSeq. */
  sync: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('snapshot'), state: sessionSnapshotSchema }),
    z.object({ kind: z.literal('deltas'), deltas: z.array(deltaFrameSchema) }),
  ]),
  /** The latest known poses this client should see (the lead's, and for the host and lead everyone's gaze). */
  poses: z.array(poseSchema),
  voice: sessionVoiceSchema,
  limits: z.object({ leadPoseHz: z.number(), viewerPoseHz: z.number(), chatMax: z.number(), maxFrameBytes: z.number() }),
});
export type WelcomeFrame = z.infer<typeof welcomeFrameSchema>;

export const serverFrameSchema = z.discriminatedUnion('type', [
  welcomeFrameSchema,
  z.object({
    type: z.literal('rejected'),
    reason: sessionCloseReasonSchema,
    message: z.string(),
    /** With unsupported_version: the versions this server speaks. */
    supported: z.array(z.number()).optional(),
  }),
  z.object({ type: z.literal('bye'), reason: sessionCloseReasonSchema, message: z.string() }),
  deltaFrameSchema,
  z.object({ type: z.literal('pose'), ...poseSchema.shape }),
  z.object({ type: z.literal('poses'), list: z.array(poseSchema) }),
  z.object({ type: z.literal('error'), code: sessionErrorCodeSchema, message: z.string(), ref: z.string().optional() }),
  z.object({ type: z.literal('pong'), t: z.number(), now: z.number() }),
  /** A relayed voice signal; `from` is set by the server. */
  z.object({ type: z.literal('signal'), from: participantIdSchema, signal: voiceSignalSchema }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
export type ServerFrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

// ---------------------------------------------------------------------------------------
// REST

export const createSessionBodySchema = z.object({
  placeId: idSchema('place', 64),
  /** Start the group on this exhibit (a host starting from an exhibit's page); else the start hall, or a museum without halls' first exhibit. */
  exhibitId: exhibitIdSchema.optional(),
});
export type CreateSessionBody = z.infer<typeof createSessionBodySchema>;

export const voiceStatusSchema = z.object({ enabled: z.boolean(), mode: voiceModeSchema.optional() });

export const createSessionResultSchema = z.object({
  id: sessionIdSchema,
  /** What viewers type on the join page (case and dashes don't matter). */
  code: z.string(),
  placeId: z.string(),
  /** Share this: asks for a name and joins. */
  joinUrl: z.string(),
  /** Secret: whoever opens it drives this one session. The key is in the fragment (#key=…) so it never reaches server logs. */
  hostUrl: z.string(),
  hostKey: z.string(),
  /** Path of the WebSocket endpoint for this session. */
  wsPath: z.string(),
  protocol: z.number().int(),
  voice: voiceStatusSchema,
  createdAt: z.string(),
});
export type CreateSessionResult = z.infer<typeof createSessionResultSchema>;

/** What the join page needs before asking for a name. */
export const sessionLookupSchema = z.object({
  id: sessionIdSchema,
  placeId: z.string(),
  placeTitle: z.string(),
  /** The place's Chinese title, when its host wrote one (the join page in Chinese shows it). */
  placeTitleZh: z.string().optional(),
  status: z.enum(['live', 'ended']),
  participants: z.number().int(),
  /** The lead's room and the view it entered with: the join page downloads it while the name is typed. */
  room: z.object({ sceneId: z.string(), view: sessionViewSchema }),
  wsPath: z.string(),
  protocol: z.number().int(),
  voice: voiceStatusSchema,
});
export type SessionLookup = z.infer<typeof sessionLookupSchema>;

export const joinSessionBodySchema = z.object({ name: sessionNameSchema });
export type JoinSessionBody = z.input<typeof joinSessionBodySchema>;

export const joinSessionResultSchema = z.object({
  sessionId: sessionIdSchema,
  participantId: participantIdSchema,
  name: z.string(),
  /** Seat token: send it in `hello`; also the Bearer credential for the voice token. */
  token: z.string(),
  expiresAt: z.string(),
  wsPath: z.string(),
  protocol: z.number().int(),
  voice: voiceStatusSchema,
});
export type JoinSessionResult = z.infer<typeof joinSessionResultSchema>;

/** POST /api/sessions/:id/voice-token (Authorization: Bearer <seat token>). */
export const voiceTokenResultSchema = z.discriminatedUnion('enabled', [
  z.object({
    enabled: z.literal(true),
    url: z.string(),
    token: z.string(),
    room: z.string(),
    identity: z.string(),
    /** What this token lets the participant publish; empty means listen only. */
    canPublish: z.array(z.enum(['microphone', 'camera'])),
  }),
  z.object({ enabled: z.literal(false), reason: z.enum(['not_configured']), message: z.string() }),
]);
export type VoiceTokenResult = z.infer<typeof voiceTokenResultSchema>;

// ---------------------------------------------------------------------------------------
// Client helper: the same changes the server applies, so a client keeps its copy in step.

/** The shared view a snapshot names (the union of sharedViewSchema). */
export function sharedViewOf(s: Pick<SessionSnapshot, 'room' | 'exhibit'> & { show?: SessionShow | null }): SharedView {
  if (s.show) return { kind: 'show', sceneId: s.room.sceneId, ...s.show, ...(s.show.view && { view: { ...s.show.view } }) };
  return s.exhibit ? { kind: 'model', sceneId: s.room.sceneId, ...s.exhibit } : { kind: 'panorama', sceneId: s.room.sceneId, view: s.room.view };
}

/** What participant `you` is shown of a full snapshot (see sessionSnapshotSchema). */
export function sessionSnapshotFor(state: SessionSnapshot, you: string): SessionSnapshot {
  if (you === state.hostId) return state;
  const keep = new Set([state.hostId, state.leadId, you]);
  return { ...state, participants: state.participants.filter((p) => keep.has(p.id)), bookings: (state.bookings ?? []).filter((b) => b.by === you) };
}

/**
 * Applies one delta to a snapshot (returns a new object; the input is not modified). Pass
 * `you` on a viewer's copy, so a lead who hands over leaves it as the server would show it.
 */
export function applySessionDelta(state: SessionSnapshot, delta: Pick<DeltaFrame, 'at' | 'changes'>, you?: string): SessionSnapshot {
  let next: SessionSnapshot = { ...state, participants: [...state.participants], chat: [...state.chat], reactions: [...(state.reactions ?? [])] };
  const patch = (id: string, p: Partial<Participant>) => {
    next.participants = next.participants.map((x) => (x.id === id ? { ...x, ...p } : x));
  };
  for (const ch of delta.changes) {
    switch (ch.type) {
      case 'joined':
        next.participants = [...next.participants.filter((p) => p.id !== ch.participant.id), ch.participant];
        break;
      case 'presence':
        patch(ch.id, { connected: ch.connected });
        break;
      case 'left':
        next.participants = next.participants.filter((p) => p.id !== ch.id);
        break;
      case 'room':
        next = { ...next, room: { sceneId: ch.sceneId, view: ch.view } };
        break;
      case 'exhibit':
        next = { ...next, exhibit: ch.exhibit && { ...ch.exhibit, camera: { ...ch.exhibit.camera } } };
        break;
      case 'lead': {
        const prev = next.leadId;
        next = { ...next, leadId: ch.id };
        if (!next.participants.some((p) => p.id === ch.id)) next.participants = [...next.participants, ch.participant];
        if (you !== undefined && you !== next.hostId && prev !== you && prev !== next.hostId && prev !== ch.id) {
          next.participants = next.participants.filter((p) => p.id !== prev);
        }
        break;
      }
      case 'follow':
        patch(ch.id, { following: ch.following });
        break;
      case 'hand':
        patch(ch.id, { hand: ch.up });
        break;
      case 'chat':
        next.chat = [...next.chat, ch.message].slice(-SESSION_CHAT_HISTORY);
        break;
      case 'muted':
        patch(ch.id, { muted: ch.muted });
        break;
      case 'speaker':
        patch(ch.id, { speaker: ch.speaker });
        break;
      case 'ended':
        next = { ...next, status: 'ended', endedAt: delta.at };
        break;
      case 'offer':
        next = { ...next, bookingOffer: ch.offer && { ...ch.offer } };
        break;
      case 'show':
        next = { ...next, show: { ...ch.show, ...(ch.show.view && { view: { ...ch.show.view } }) } };
        break;
      case 'reaction':
        next.reactions = [...next.reactions, { ...ch.reaction }].slice(-SESSION_REACTION_HISTORY);
        break;
      case 'mode':
        next = { ...next, mode: { ...ch.mode } };
        break;
      case 'booked':
        next = { ...next, bookings: [...(next.bookings ?? []).filter((b) => b.code !== ch.booking.code), { ...ch.booking }].slice(-SESSION_BOOKINGS_MAX) };
        break;
      default: {
        const never: never = ch;
        throw new Error(`Vantage: unknown session change ${JSON.stringify(never)}`);
      }
    }
  }
  return next;
}
