import type { Db } from '../db/Db.ts';
import type { ShowMoment, SessionReactionKind } from '../protocol/index.ts';
import type { ShowMomentStore } from './ShowMomentStore.ts';

interface Row {
  kind: 'chat' | 'reaction';
  stream_time: number;
  reaction: string | null;
  name: string | null;
  body: string | null;
}

/** Show moments in the `show_moments` table (migration 0009_show_moments); run `migrate(db)` first. */
export function createDbShowMomentStore(db: Db): ShowMomentStore {
  return {
    async add({ placeId, sessionCode, moment }) {
      await db.query('insert into show_moments (place_id, session_code, stream_time, kind, reaction, name, body) values ($1, $2, $3, $4, $5, $6, $7)', [
        placeId,
        sessionCode,
        moment.t,
        moment.kind,
        moment.kind === 'reaction' ? moment.reaction : null,
        moment.kind === 'chat' ? moment.name : null,
        moment.kind === 'chat' ? moment.text : null,
      ]);
    },
    async list(placeId, { sessionCode, max }) {
      const pick = `select kind, stream_time, reaction, name, body from show_moments where place_id = $1 and kind = $2`;
      const order = ' order by stream_time, id limit $3';
      const [reactions, chat] = await Promise.all([
        db.query<Row>(pick + order, [placeId, 'reaction', max]),
        sessionCode ? db.query<Row>(`${pick} and session_code = $4${order}`, [placeId, 'chat', max, sessionCode]) : Promise.resolve([] as Row[]),
      ]);
      const moments = [...reactions, ...chat].map(
        (r): ShowMoment =>
          r.kind === 'reaction'
            ? { kind: 'reaction', t: Number(r.stream_time), reaction: r.reaction as SessionReactionKind }
            : { kind: 'chat', t: Number(r.stream_time), name: r.name ?? '', text: r.body ?? '' },
      );
      return moments.sort((a, b) => a.t - b.t);
    },
  };
}
