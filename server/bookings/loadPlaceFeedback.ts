import type { Db } from '../db/Db.ts';
import { formatTicketCode, type PlaceFeedback } from '../protocol/booking.ts';

/** A place's visit ratings, newest first, with their count and average. */
export async function loadPlaceFeedback(db: Db, placeId: string, limit = 500): Promise<PlaceFeedback> {
  const [summary] = await db.query<{ n: number; avg: number | null }>(
    'select count(*) as n, avg(rating)::float8 as avg from booking_feedback where place_id = $1',
    [placeId],
  );
  const rows = await db.query<{ code: string; name: string; rating: number; comment: string; starts_at: Date; updated_at: Date }>(
    `select b.code, b.name, f.rating, f.comment, s.starts_at, f.updated_at
     from booking_feedback f join bookings b on b.id = f.booking_id join slots s on s.id = b.slot_id
     where f.place_id = $1 order by f.updated_at desc, b.code limit $2`,
    [placeId, limit],
  );
  return {
    count: summary.n,
    averageRating: summary.avg === null ? null : Math.round(summary.avg * 100) / 100,
    items: rows.map((r) => ({
      code: formatTicketCode(r.code),
      name: r.name,
      rating: r.rating,
      comment: r.comment,
      slotStart: r.starts_at.toISOString(),
      at: r.updated_at.toISOString(),
    })),
  };
}
