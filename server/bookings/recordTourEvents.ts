import type { Db } from '../db/Db.ts';
import type { TourEvent } from '../protocol/booking.ts';

/**
 * Stores a batch of anonymous tour events in one statement and returns how many were kept.
 * Events for places that do not exist or are not published are dropped: a tour only runs on
 * a published place, and a beacon cannot be told about its mistakes anyway.
 */
export async function recordTourEvents(db: Db, events: TourEvent[], at: Date = new Date()): Promise<number> {
  if (events.length === 0) return 0;
  const col = <T>(pick: (e: TourEvent) => T | undefined) => events.map((e) => pick(e) ?? null);
  const rows = await db.query<{ n: number }>(
    `with kept as (
       insert into tour_events (place_id, type, scene_id, visitor_id, session_id, dwell_ms, at)
       select u.place_id, u.type, u.scene_id, u.visitor_id, u.session_id, u.dwell_ms, $7
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])
         as u(place_id, type, scene_id, visitor_id, session_id, dwell_ms)
       where u.place_id in (select id from places where published)
       returning 1
     )
     select count(*) as n from kept`,
    [
      col((e) => e.placeId),
      col((e) => e.type),
      col((e) => ('sceneId' in e ? e.sceneId : undefined)),
      col((e) => ('visitorId' in e ? e.visitorId : undefined)),
      col((e) => ('sessionId' in e ? e.sessionId : undefined)),
      col((e) => ('dwellMs' in e ? e.dwellMs : undefined)),
      at,
    ],
  );
  return rows[0].n;
}
