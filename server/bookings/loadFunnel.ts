import type { Db } from '../db/Db.ts';
import type { Funnel } from '../protocol/booking.ts';
import { zonedToUtc } from './zonedToUtc.ts';

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * A place's funnel over local days `from`..`to` (inclusive) in `timeZone`: tour views →
 * guided sessions → bookings → check-ins → ratings, bookings per day (every day, zeros too)
 * and dwell time per room. Each step counts what happened in the range, so a booking made
 * last month and checked in today counts as today's check-in.
 */
export async function loadFunnel(
  db: Db,
  opts: { placeId: string; from: string; to: string; timeZone: string; sceneNames?: Map<string, string> },
): Promise<Funnel> {
  const { placeId, timeZone } = opts;
  const start = zonedToUtc(opts.from, '00:00', timeZone);
  const end = zonedToUtc(nextDay(opts.to), '00:00', timeZone);
  const range = [placeId, start, end];

  const [[events], [bookings], [checkIns], [ratings], byDay, dwell] = await Promise.all([
    db.query<{ views: number; visitors: number; sessions: number }>(
      `select count(*) filter (where type = 'tour_view') as views,
         count(distinct visitor_id) filter (where type = 'tour_view') as visitors,
         count(distinct session_id) filter (where type = 'session_started') as sessions
       from tour_events where place_id = $1 and at >= $2 and at < $3`,
      range,
    ),
    db.query<{ n: number; cancelled: number; place: number; tour: number; session: number; unknown: number }>(
      `select count(*) as n,
         count(*) filter (where status = 'cancelled') as cancelled,
         count(*) filter (where source = 'place') as place,
         count(*) filter (where source = 'tour') as tour,
         count(*) filter (where source = 'session') as session,
         count(*) filter (where source is null) as unknown
       from bookings where place_id = $1 and created_at >= $2 and created_at < $3`,
      range,
    ),
    db.query<{ n: number }>('select count(*) as n from bookings where place_id = $1 and checked_in_at >= $2 and checked_in_at < $3', range),
    db.query<{ n: number; avg: number | null }>(
      'select count(*) as n, avg(rating)::float8 as avg from booking_feedback where place_id = $1 and created_at >= $2 and created_at < $3',
      range,
    ),
    db.query<{ day: string; n: number; people: number }>(
      `select to_char(created_at at time zone $4, 'YYYY-MM-DD') as day, count(*) as n, sum(party_size) as people
       from bookings where place_id = $1 and created_at >= $2 and created_at < $3 group by 1`,
      [...range, timeZone],
    ),
    db.query<{ scene_id: string; entries: number; dwells: number; total: number | null }>(
      `select scene_id,
         count(*) filter (where type = 'room_enter') as entries,
         count(*) filter (where type = 'room_dwell') as dwells,
         sum(dwell_ms) filter (where type = 'room_dwell') as total
       from tour_events where place_id = $1 and at >= $2 and at < $3 and scene_id is not null and type in ('room_enter', 'room_dwell')
       group by scene_id`,
      range,
    ),
  ]);

  const perDay = new Map(byDay.map((r) => [r.day, r]));
  const bookingsByDay: Funnel['bookingsByDay'] = [];
  for (let day = opts.from; day <= opts.to; day = nextDay(day)) {
    const r = perDay.get(day);
    bookingsByDay.push({ day, bookings: r?.n ?? 0, people: r?.people ?? 0 });
  }
  const names = opts.sceneNames ?? new Map<string, string>();
  // Rooms in tour order first, then rooms the tour no longer has.
  const order = [...names.keys()];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const dwellByRoom = dwell
    .map((r) => ({
      sceneId: r.scene_id,
      name: names.get(r.scene_id) ?? null,
      entries: r.entries,
      totalMs: r.total ?? 0,
      averageMs: r.dwells > 0 ? Math.round((r.total ?? 0) / r.dwells) : null,
    }))
    .sort((a, b) => rank(a.sceneId) - rank(b.sceneId) || (a.sceneId < b.sceneId ? -1 : 1));

  return {
    placeId,
    from: opts.from,
    to: opts.to,
    timezone: timeZone,
    steps: [
      { step: 'tour_views', count: events.views },
      { step: 'guided_sessions', count: events.sessions },
      { step: 'bookings', count: bookings.n },
      { step: 'check_ins', count: checkIns.n },
      { step: 'ratings', count: ratings.n },
    ],
    uniqueVisitors: events.visitors,
    cancelled: bookings.cancelled,
    averageRating: ratings.avg === null ? null : Math.round(ratings.avg * 100) / 100,
    bookingsBySource: { place: bookings.place, tour: bookings.tour, session: bookings.session, unknown: bookings.unknown },
    bookingsByDay,
    dwellByRoom,
  };
}
