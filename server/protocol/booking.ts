import { z } from 'zod';
import { CROCKFORD_ALPHABET, readCrockfordCode } from './crockfordCode.ts';
import { textSchema } from './text.ts';
import { idSchema } from './idSchema.ts';

/**
 * Booking an in-person visit: slots, bookings, tickets, check-in, feedback, tour events and the
 * funnel. Shared by the server and the client; imports nothing but zod.
 */

/** Slots and "today" at the door are in this zone unless the host says otherwise. */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';
export const NAME_MAX = 80;
export const NOTE_MAX = 500;
export const COMMENT_MAX = 1000;
export const PARTY_MAX = 50;

// ---------------------------------------------------------------------------------------------
// Phone numbers

export type PhoneCheck = { ok: true; e164: string } | { ok: false; reason: string };

const PHONE_HINT = 'enter a mainland China mobile number (11 digits starting 13–19) or an international number with its country code, e.g. +44 20 7946 0958';

/**
 * Normalises a phone number to E.164. Accepts the forms people type: `138 0013 8000`,
 * `+86 138-0013-8000`, `0086…`, `(+44) 20 7946 0958`. Mainland numbers (+86) must be mobiles
 * (11 digits, 1[3-9]…): a visit booking needs a number that receives SMS.
 */
export function normalisePhone(input: string): PhoneCheck {
  const raw = input.trim();
  if (!raw) return { ok: false, reason: `required — ${PHONE_HINT}` };
  if (!/^[+\d\s().\-（）]+$/.test(raw)) return { ok: false, reason: `use digits only (and an optional leading +) — ${PHONE_HINT}` };
  let digits = raw.replace(/[^\d+]/g, '');
  if (digits.lastIndexOf('+') > 0) return { ok: false, reason: `a + may only start the number — ${PHONE_HINT}` };
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  if (!digits.startsWith('+')) {
    // No country code: a mainland mobile is the only form we can place without guessing.
    if (/^1[3-9]\d{9}$/.test(digits)) return { ok: true, e164: `+86${digits}` };
    if (/^1\d{10}$/.test(digits)) return { ok: false, reason: `a mainland mobile number starts 13–19 — ${PHONE_HINT}` };
    if (/^1\d*$/.test(digits)) return { ok: false, reason: `a mainland mobile number has 11 digits, this has ${digits.length} — ${PHONE_HINT}` };
    return { ok: false, reason: `add the country code with a leading + — ${PHONE_HINT}` };
  }
  const national = digits.slice(1);
  if (national.startsWith('86')) {
    const mobile = national.slice(2);
    if (/^1[3-9]\d{9}$/.test(mobile)) return { ok: true, e164: `+86${mobile}` };
    return { ok: false, reason: `a +86 number must be a mobile: 11 digits starting 13–19 — ${PHONE_HINT}` };
  }
  // E.164: a country code that does not start with 0, at most 15 digits in all.
  if (!/^[1-9]\d{6,14}$/.test(national)) {
    return { ok: false, reason: `an international number has 7–15 digits after the + — ${PHONE_HINT}` };
  }
  return { ok: true, e164: `+${national}` };
}

/** A phone field: any typed form in, E.164 out, with the reason when it cannot be a phone. */
export const phoneSchema = z.string({ error: `required — ${PHONE_HINT}` }).max(40, 'too long for a phone number').transform((v, ctx) => {
  const r = normalisePhone(v);
  if (r.ok) return r.e164;
  ctx.addIssue({ code: 'custom', message: r.reason });
  return z.NEVER;
});

// ---------------------------------------------------------------------------------------------
// Ticket codes

/** Ticket codes are Crockford base32 (see crockfordCode.ts), like join codes. */
export const TICKET_ALPHABET = CROCKFORD_ALPHABET;
/** 20 symbols × 5 bits = 100 random bits. */
export const TICKET_CODE_LENGTH = 20;

/**
 * The canonical ticket code (20 upper-case symbols, no dashes) from what a host typed or a
 * scanner read: any case, dashes and spaces, O for 0, I or L for 1, or a URL ending in the
 * code. Null when it cannot be a ticket code.
 */
export function normaliseTicketCode(input: string): string | null {
  let s = input.trim();
  if (s.includes('/')) s = s.replace(/[?#].*$/, '').split('/').filter(Boolean).pop() ?? '';
  return readCrockfordCode(s, TICKET_CODE_LENGTH);
}

/** `ABCDE-FGHJK-MNPQR-STVWX`: how a code is printed, shown and encoded in the QR. */
export function formatTicketCode(code: string): string {
  return code.match(/.{1,5}/g)?.join('-') ?? code;
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

const isoDateTime = z.iso.datetime({ offset: true, error: 'use an ISO date-time with a zone, e.g. 2026-06-01T10:00:00+08:00' });
const isoDay = z.iso.date({ error: 'use a date as YYYY-MM-DD' });

export const timezoneSchema = z.string().max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown time zone; use an IANA name such as Asia/Shanghai');

const id = (what: string) => idSchema(what);

// ---------------------------------------------------------------------------------------------
// Slots

/** Publishing one slot: `POST /api/host/places/:id/slots` (also `POST /api/places/:id/slots`). */
export const slotCreateSchema = z.object({
  start: isoDateTime,
  durationMinutes: z.number({ error: 'enter the length in minutes' }).int().min(5, 'at least 5 minutes').max(24 * 60, 'at most 24 hours'),
  capacity: z.number({ error: 'enter how many people fit' }).int().min(1, 'at least 1').max(10_000, 'at most 10000'),
  /** Where the visit happens: decides "today" at the door and the day in reminders. */
  timezone: timezoneSchema.default(DEFAULT_TIMEZONE),
});
export type SlotCreate = z.input<typeof slotCreateSchema>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A weekly template: `POST /api/host/places/:id/slots/weekly` publishes every slot it describes. */
export const weeklySlotsSchema = z.object({
  weekdays: z.array(z.enum(WEEKDAYS, { error: `use ${WEEKDAYS.join(', ')}` })).min(1, 'pick at least one day').max(7),
  /** Local start times, 24-hour `HH:MM`. */
  times: z.array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, 24-hour')).min(1, 'add at least one time').max(48),
  durationMinutes: slotCreateSchema.shape.durationMinutes,
  capacity: slotCreateSchema.shape.capacity,
  timezone: timezoneSchema.default(DEFAULT_TIMEZONE),
  /** First day (local); today when absent. */
  from: isoDay.optional(),
  weeks: z.number().int().min(1, 'at least 1 week').max(26, 'at most 26 weeks').default(4),
});
export type WeeklySlots = z.input<typeof weeklySlotsSchema>;

/** A slot as a visitor sees it. */
export const slotSchema = z.object({
  id: z.string(),
  placeId: z.string(),
  start: z.string(),
  end: z.string(),
  durationMinutes: z.number(),
  capacity: z.number(),
  seatsLeft: z.number(),
  timezone: z.string(),
});
export type Slot = z.infer<typeof slotSchema>;

/** A slot as its host sees it. */
export const hostSlotSchema = slotSchema.extend({
  /** Seats held by confirmed bookings. */
  booked: z.number(),
  /** Confirmed bookings (a booking may hold several seats). */
  bookings: z.number(),
  checkedIn: z.number(),
});
export type HostSlot = z.infer<typeof hostSlotSchema>;

export const weeklySlotsResultSchema = z.object({
  created: z.array(hostSlotSchema),
  /** Starts that already had a slot, or are in the past. */
  skipped: z.number(),
});
export type WeeklySlotsResult = z.infer<typeof weeklySlotsResultSchema>;

// ---------------------------------------------------------------------------------------------
// Bookings

export const bookingSourceSchema = z.enum(['place', 'tour', 'session']);

/**
 * `POST /api/bookings`. Send an `Idempotency-Key` header (a random UUID per form submit):
 * a retried submit then returns the same booking instead of a second one.
 */
export const bookingCreateSchema = z.object({
  slotId: id('slot'),
  /** Optional check that the slot belongs to this place. */
  placeId: id('place').optional(),
  name: z
    .string({ error: 'enter your name' })
    .refine((v) => v.trim() !== '', 'enter your name')
    .pipe(textSchema({ max: NAME_MAX })),
  phone: phoneSchema,
  partySize: z
    .number({ error: `enter how many people come (1–${PARTY_MAX})` })
    .int('enter a whole number of people')
    .min(1, 'at least 1 person')
    .max(PARTY_MAX, `at most ${PARTY_MAX} people per booking`)
    .default(1),
  note: textSchema({ max: NOTE_MAX, min: 0, multiline: true }).default(''),
  /** Where the visitor booked from, for the host's funnel. */
  source: bookingSourceSchema.optional(),
  /** The guided session the booking came from. */
  sessionId: idSchema('session', 100, 0).optional(),
  /** Language of notifications. */
  locale: z.enum(['en', 'zh']).optional(),
});
export type BookingCreate = z.input<typeof bookingCreateSchema>;

export const bookingStatusSchema = z.enum(['confirmed', 'cancelled']);

export const feedbackSchema = z.object({
  rating: z.number({ error: 'choose a rating from 1 to 5' }).int('choose a rating from 1 to 5').min(1, 'choose a rating from 1 to 5').max(5, 'choose a rating from 1 to 5'),
  comment: textSchema({ max: COMMENT_MAX, min: 0, multiline: true }).default(''),
});
export type FeedbackBody = z.input<typeof feedbackSchema>;

/** A booking as its visitor sees it (by ticket code or manage link). */
export const bookingSchema = z.object({
  /** Formatted ticket code, `XXXXX-XXXXX-XXXXX-XXXXX`; the QR encodes exactly this. */
  code: z.string(),
  status: bookingStatusSchema,
  place: z.object({
    id: z.string(),
    title: z.string(),
    address: z.string(),
    city: z.string(),
    kind: z.string(),
    /** The place's Chinese texts, when its host wrote them (the ticket shows them to a reader of the Chinese interface). */
    titleZh: z.string().optional(),
    addressZh: z.string().optional(),
    cityZh: z.string().optional(),
  }),
  slot: z.object({ id: z.string(), start: z.string(), end: z.string(), durationMinutes: z.number(), timezone: z.string() }),
  name: z.string(),
  /** Masked (`+86 138****8000`): a ticket code may be seen over a shoulder. */
  phone: z.string(),
  partySize: z.number(),
  note: z.string(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  feedback: z.object({ rating: z.number(), comment: z.string(), at: z.string() }).nullable(),
  /** What the manage link may do now. */
  can: z.object({ cancel: z.boolean(), reschedule: z.boolean(), feedback: z.boolean() }),
  links: z.object({
    /** Confirmation page (client route). */
    ticket: z.string(),
    qrSvg: z.string(),
    qrPng: z.string(),
    ics: z.string(),
  }),
});
export type Booking = z.infer<typeof bookingSchema>;

/** 201 from `POST /api/bookings`: the manage token is shown once; only its hash is stored. */
export const bookingCreatedSchema = z.object({
  booking: bookingSchema,
  manageToken: z.string(),
  /** Client route that cancels, reschedules and rates: `/book/manage/<token>`. */
  manageUrl: z.string(),
});
export type BookingCreated = z.infer<typeof bookingCreatedSchema>;

/** `POST /api/bookings/manage/:token/reschedule`: another slot of the same place; optionally a new party size. */
export const rescheduleSchema = z.object({
  slotId: id('slot'),
  partySize: bookingCreateSchema.shape.partySize.unwrap().optional(),
});
export type RescheduleBody = z.input<typeof rescheduleSchema>;

/** A booking as the host sees it: the full phone number and the note. */
export const hostBookingSchema = z.object({
  code: z.string(),
  status: bookingStatusSchema,
  slotId: z.string(),
  slotStart: z.string(),
  timezone: z.string(),
  name: z.string(),
  phone: z.string(),
  partySize: z.number(),
  note: z.string(),
  source: bookingSourceSchema.nullable(),
  /** The guided session it was booked in (source `session`), else null. */
  sessionId: z.string().nullable(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  rating: z.number().nullable(),
});
export type HostBooking = z.infer<typeof hostBookingSchema>;

// ---------------------------------------------------------------------------------------------
// Check-in at the door

/** `POST /api/host/checkin`: the typed code or whatever the scanner read. */
export const checkinSchema = z.object({
  code: z.string({ error: 'enter the ticket code' }).trim().pipe(idSchema('ticket code', 300)),
  placeId: id('place'),
});
export type CheckinBody = z.infer<typeof checkinSchema>;

export const checkinResultKindSchema = z.enum(['checked_in', 'already_checked_in', 'wrong_place', 'wrong_day', 'cancelled']);

/**
 * 200 for `checked_in`, 409 for the refusals (their `error` equals `result`), 404 for an
 * unknown code. `message` is one English sentence; clients may localise from the fields.
 */
export const checkinResultSchema = z.object({
  result: checkinResultKindSchema,
  ok: z.boolean(),
  message: z.string(),
  /** When the ticket was (first) checked in. */
  checkedInAt: z.string().nullable(),
  /** Absent when the ticket belongs to another host's place. */
  booking: hostBookingSchema.nullable(),
  /** For wrong_place: the place the ticket is for, when it is one of this host's. */
  ticketPlace: z.object({ id: z.string(), title: z.string() }).nullable(),
});
export type CheckinResult = z.infer<typeof checkinResultSchema>;

// ---------------------------------------------------------------------------------------------
// Feedback

export const placeFeedbackSchema = z.object({
  count: z.number(),
  averageRating: z.number().nullable(),
  items: z.array(
    z.object({ code: z.string(), name: z.string(), rating: z.number(), comment: z.string(), slotStart: z.string(), at: z.string() }),
  ),
});
export type PlaceFeedback = z.infer<typeof placeFeedbackSchema>;

// ---------------------------------------------------------------------------------------------
// Tour events and the funnel

const visitorId = idSchema('visitor id', 64).optional();
const placeRef = id('place');
const sceneRef = idSchema('room');

/** Anonymous tour events; `visitorId` is a random id the browser keeps, never a person. */
export const tourEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tour_view'), placeId: placeRef, visitorId, sceneId: sceneRef.optional() }),
  z.object({ type: z.literal('room_enter'), placeId: placeRef, sceneId: sceneRef, visitorId }),
  /** Time spent in a room, sent when the viewer leaves it (or the page). Capped at 6 h. */
  z.object({ type: z.literal('room_dwell'), placeId: placeRef, sceneId: sceneRef, dwellMs: z.number().int().min(0).max(6 * 3600_000), visitorId }),
  /** A guided session started on this place (the sessions code reports it). */
  z.object({ type: z.literal('session_started'), placeId: placeRef, sessionId: idSchema('session') }),
]);
export type TourEvent = z.infer<typeof tourEventSchema>;

/**
 * `POST /api/events` — JSON, also as `text/plain` so `navigator.sendBeacon` can send it
 * without a CORS preflight. At most 100 events; events for unknown places are dropped.
 */
export const eventBatchSchema = z.object({ events: z.array(tourEventSchema).min(1, 'send at least one event').max(100, 'at most 100 events per batch') });
export type EventBatch = z.infer<typeof eventBatchSchema>;

export const funnelStepSchema = z.enum(['tour_views', 'guided_sessions', 'bookings', 'check_ins', 'ratings']);

/** `GET /api/host/places/:id/funnel?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=Asia/Shanghai` (days inclusive). */
export const funnelSchema = z.object({
  placeId: z.string(),
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  /** In order: tour views → guided sessions → bookings → check-ins → ratings. */
  steps: z.array(z.object({ step: funnelStepSchema, count: z.number() })),
  uniqueVisitors: z.number(),
  /** Bookings made in the range that were later cancelled (included in `bookings`). */
  cancelled: z.number(),
  averageRating: z.number().nullable(),
  bookingsBySource: z.object({ place: z.number(), tour: z.number(), session: z.number(), unknown: z.number() }),
  /** Every day of the range, zeros included. */
  bookingsByDay: z.array(z.object({ day: z.string(), bookings: z.number(), people: z.number() })),
  dwellByRoom: z.array(
    z.object({ sceneId: z.string(), name: z.string().nullable(), entries: z.number(), totalMs: z.number(), averageMs: z.number().nullable() }),
  ),
});
export type Funnel = z.infer<typeof funnelSchema>;

// ---------------------------------------------------------------------------------------------
// Notifications (what NOTIFY_WEBHOOK_URL receives)

export const notificationKindSchema = z.enum(['booking_created', 'booking_cancelled', 'booking_rescheduled', 'reminder', 'feedback_request']);

/**
 * One POST per notification, JSON. Delivery is at least once: deduplicate on `id` (also sent
 * as the `Idempotency-Key` header).
 */
export const notificationSchema = z.object({
  id: z.string(),
  kind: notificationKindSchema,
  dueAt: z.string(),
  booking: z.object({
    code: z.string(),
    name: z.string(),
    phone: z.string(),
    partySize: z.number(),
    locale: z.enum(['en', 'zh']).nullable(),
    placeId: z.string(),
    placeTitle: z.string(),
    placeAddress: z.string(),
    slotStart: z.string(),
    slotEnd: z.string(),
    timezone: z.string(),
    /** `YYYY-MM-DD HH:MM` in the slot's zone, ready for an SMS template. */
    localStart: z.string(),
  }),
  /**
   * Absolute URLs. `manage` (cancel, reschedule, rate) is in every kind but booking_cancelled;
   * it is erased from the stored row once delivered, so the database keeps no usable manage link.
   */
  links: z.object({ ticket: z.string(), manage: z.string().optional() }),
});
export type Notification = z.infer<typeof notificationSchema>;
