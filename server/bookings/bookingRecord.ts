import type { Queryable } from '../db/Db.ts';

/** A booking with what every view of it needs: its slot, its place and its feedback. */
export interface BookingRecord {
  id: string;
  /** Canonical ticket code (20 symbols, no dashes). */
  code: string;
  placeId: string;
  slotId: string;
  name: string;
  /** E.164. */
  phone: string;
  partySize: number;
  note: string;
  source: 'place' | 'tour' | 'session' | null;
  sessionId: string | null;
  locale: 'en' | 'zh' | null;
  status: 'confirmed' | 'cancelled';
  /** Bumped on every change (the .ics SEQUENCE). */
  sequence: number;
  createdAt: Date;
  cancelledAt: Date | null;
  checkedInAt: Date | null;
  slot: { start: Date; end: Date; durationMinutes: number; timezone: string };
  place: {
    id: string; title: string; address: string; city: string; kind: string; hostId: string | null; lat: number; lng: number;
    /** The listing's Chinese texts (places.texts_zh), for a ticket read in Chinese; absent on records made without them. */
    textsZh?: PlaceTextsZh;
  };
  feedback: { rating: number; comment: string; at: Date } | null;
}

/** A place's Chinese title, address and city as stored with it (a '{}' document when it has none). */
export interface PlaceTextsZh {
  titleZh?: string;
  addressZh?: string;
  cityZh?: string;
  descriptionZh?: string;
}

interface BookingRow {
  id: string;
  code: string;
  place_id: string;
  slot_id: string;
  name: string;
  phone: string;
  party_size: number;
  note: string;
  source: BookingRecord['source'];
  session_id: string | null;
  locale: BookingRecord['locale'];
  status: BookingRecord['status'];
  sequence: number;
  created_at: Date;
  cancelled_at: Date | null;
  checked_in_at: Date | null;
  starts_at: Date;
  duration_minutes: number;
  timezone: string;
  place_title: string;
  place_address: string;
  place_city: string;
  place_kind: string;
  place_texts_zh: PlaceTextsZh;
  place_host_id: string | null;
  place_lat: number;
  place_lng: number;
  fb_rating: number | null;
  fb_comment: string | null;
  fb_at: Date | null;
}

const SELECT = `
  select b.id, b.code, b.place_id, b.slot_id, b.name, b.phone, b.party_size, b.note, b.source, b.session_id,
    b.locale, b.status, b.sequence, b.created_at, b.cancelled_at, b.checked_in_at,
    s.starts_at, s.duration_minutes, s.timezone,
    p.title as place_title, p.address as place_address, p.city as place_city, p.kind as place_kind, p.texts_zh as place_texts_zh,
    p.host_id as place_host_id, p.lat as place_lat, p.lng as place_lng,
    f.rating as fb_rating, f.comment as fb_comment, f.updated_at as fb_at
  from bookings b
  join slots s on s.id = b.slot_id
  join places p on p.id = b.place_id
  left join booking_feedback f on f.booking_id = b.id`;

function toRecord(r: BookingRow): BookingRecord {
  return {
    id: r.id,
    code: r.code,
    placeId: r.place_id,
    slotId: r.slot_id,
    name: r.name,
    phone: r.phone,
    partySize: r.party_size,
    note: r.note,
    source: r.source,
    sessionId: r.session_id,
    locale: r.locale,
    status: r.status,
    sequence: r.sequence,
    createdAt: r.created_at,
    cancelledAt: r.cancelled_at,
    checkedInAt: r.checked_in_at,
    slot: {
      start: r.starts_at,
      end: new Date(r.starts_at.getTime() + r.duration_minutes * 60_000),
      durationMinutes: r.duration_minutes,
      timezone: r.timezone,
    },
    place: {
      id: r.place_id,
      title: r.place_title,
      address: r.place_address,
      city: r.place_city,
      kind: r.place_kind,
      textsZh: r.place_texts_zh,
      hostId: r.place_host_id,
      lat: r.place_lat,
      lng: r.place_lng,
    },
    feedback: r.fb_rating === null ? null : { rating: r.fb_rating, comment: r.fb_comment ?? '', at: r.fb_at! },
  };
}

/**
 * Bookings matching `where` (a clause on `b`, `s`, `p`), ordered by `order`. `suffix` may add
 * `for update of b` inside a transaction.
 */
export async function loadBookings(q: Queryable, where: string, params: unknown[], order = 'b.created_at', suffix = ''): Promise<BookingRecord[]> {
  const rows = await q.query<BookingRow>(`${SELECT} where ${where} order by ${order} ${suffix}`, params);
  return rows.map(toRecord);
}
