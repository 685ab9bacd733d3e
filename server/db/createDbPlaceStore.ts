import type { PlaceStore } from '../places/PlaceStore.ts';
import { placeRecordSchema, type ExhibitRecord, type PlaceRecord, type SceneRecord, type ShowRecord } from '../places/placeRecord.ts';
import type { Db, Queryable } from './Db.ts';

type DbPlaceRecord = PlaceRecord;

/** The listing's Chinese texts, kept together in one jsonb column (texts_zh). */
const TEXTS_ZH = ['titleZh', 'cityZh', 'addressZh', 'descriptionZh'] as const;
type TextsZh = Partial<Pick<PlaceRecord, (typeof TEXTS_ZH)[number]>>;

function textsZh(p: PlaceRecord): TextsZh {
  const out: TextsZh = {};
  for (const k of TEXTS_ZH) if (p[k] !== undefined) out[k] = p[k];
  return out;
}

/** PlaceStore plus what only a database does cheaply. */
export interface DbPlaceStore extends PlaceStore {
  list(): Promise<DbPlaceRecord[]>;
  get(id: string): Promise<DbPlaceRecord | null>;
  put(place: DbPlaceRecord): Promise<void>;
  /** Removes the place and its scenes; false when there was none. */
  delete(id: string): Promise<boolean>;
  /** The host's places, sorted by title like `list`. */
  listByHost(hostId: string): Promise<DbPlaceRecord[]>;
}

interface PlaceRow {
  id: string;
  host_id: string | null;
  kind: PlaceRecord['kind'];
  title: string;
  city: string;
  address: string;
  price: number | null;
  currency: string;
  description: string;
  lat: number;
  lng: number;
  area_m2: number | null;
  /** '{}' for a place without facts (every place stored before them). */
  facts: NonNullable<PlaceRecord['facts']>;
  /** The listing's Chinese texts; '{}' for a place without any (every place stored before them). */
  texts_zh: TextsZh;
  published: boolean;
  cover_scene: string | null;
  start_scene: string;
  floor_plan: PlaceRecord['floorPlan'] | null;
  dollhouse: string | null;
  /** '[]' for a place without exhibits (every home). */
  exhibits: ExhibitRecord[];
  /** null for every place but a show its host has created. */
  show: ShowRecord | null;
}

interface SceneRow {
  place_id: string;
  id: string;
  name: string;
  name_zh: string | null;
  north: number;
  floor_x: number;
  floor_y: number;
  initial_view: SceneRecord['initialView'];
  hotspots: SceneRecord['hotspots'];
  tiles: SceneRecord['tiles'];
}

const PLACE_COLUMNS = `id, host_id, kind, title, city, address, price, currency, description, lat, lng, area_m2,
  published, cover_scene, start_scene, floor_plan, dollhouse, exhibits, show, facts, texts_zh`;
const SCENE_COLUMNS = 'place_id, id, name, name_zh, north, floor_x, floor_y, initial_view, hotspots, tiles';

// Optional fields come back absent rather than null, so a record reads back deep-equal to what was put.
function toScene(r: SceneRow): SceneRecord {
  return {
    id: r.id,
    name: r.name,
    ...(r.name_zh !== null && { nameZh: r.name_zh }),
    north: r.north,
    floor: { x: r.floor_x, y: r.floor_y },
    initialView: r.initial_view,
    hotspots: r.hotspots,
    tiles: r.tiles,
  };
}

function toPlace(r: PlaceRow, scenes: SceneRecord[]): DbPlaceRecord {
  return {
    id: r.id,
    ...(r.host_id !== null && { hostId: r.host_id }),
    kind: r.kind,
    title: r.title,
    city: r.city,
    address: r.address,
    price: r.price,
    currency: r.currency,
    description: r.description,
    lat: r.lat,
    lng: r.lng,
    areaM2: r.area_m2,
    ...(Object.keys(r.facts).length > 0 && { facts: r.facts }),
    ...r.texts_zh,
    published: r.published,
    ...(r.cover_scene !== null && { coverScene: r.cover_scene }),
    startScene: r.start_scene,
    scenes,
    ...(r.floor_plan !== null && { floorPlan: r.floor_plan }),
    ...(r.dollhouse !== null && { dollhouse: r.dollhouse }),
    ...(r.exhibits.length > 0 && { exhibits: r.exhibits }),
    ...(r.show !== null && { show: r.show }),
  };
}

/** Places with their scenes in two queries (not one per place), sorted by title like the file store. */
async function load(q: Queryable, where: string, params: unknown[]): Promise<DbPlaceRecord[]> {
  const places = await q.query<PlaceRow>(`select ${PLACE_COLUMNS} from places ${where}`, params);
  if (places.length === 0) return [];
  const scenes = await q.query<SceneRow>(
    `select ${SCENE_COLUMNS} from scenes where place_id = any($1::text[]) order by place_id, position`,
    [places.map((p) => p.id)],
  );
  const byPlace = new Map<string, SceneRecord[]>();
  for (const s of scenes) {
    const list = byPlace.get(s.place_id) ?? [];
    list.push(toScene(s));
    byPlace.set(s.place_id, list);
  }
  // Sorted here, not in SQL: collations differ between PGlite ("C") and a Postgres server,
  // and the file store sorted with localeCompare.
  return places
    .map((p) => toPlace(p, byPlace.get(p.id) ?? []))
    .sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The record as stored, refused before any write when two scenes (or two exhibits) share an id. */
function checked(place: DbPlaceRecord): DbPlaceRecord {
  const p = placeRecordSchema.parse(place);
  const seen = new Set<string>();
  for (const s of p.scenes) {
    if (seen.has(s.id)) throw new Error(`Vantage: place "${p.id}" has two scenes with id "${s.id}" — scene ids must be unique`);
    seen.add(s.id);
  }
  // The pages and the tile sweep find an exhibit by id, and the sand table is the one 'site'.
  const exhibitIds = new Set<string>();
  for (const e of p.exhibits ?? []) {
    if (exhibitIds.has(e.id)) throw new Error(`Vantage: place "${p.id}" has two exhibits with id "${e.id}" — exhibit ids must be unique`);
    exhibitIds.add(e.id);
  }
  if ((p.exhibits ?? []).filter((e) => e.role === 'site').length > 1) throw new Error(`Vantage: place "${p.id}" has two site models — a museum has at most one`);
  // An angle's id names its folder and its playlist URL: two angles cannot share one.
  const angleIds = new Set<string>();
  for (const a of p.show?.angles ?? []) {
    if (angleIds.has(a.id)) throw new Error(`Vantage: place "${p.id}" has two angles with id "${a.id}" — angle ids must be unique`);
    angleIds.add(a.id);
  }
  return p;
}

/** foreign_key_violation: the only foreign key a place write can break is places.host_id. */
const hostMissing = (p: { hostId?: string }) => (e: unknown): never => {
  if ((e as { code?: string }).code === '23503') throw new Error(`Vantage: host "${p.hostId ?? '?'}" does not exist — create the host before giving it places`, { cause: e });
  throw e;
};

/**
 * Writes the place row and its scenes inside `tx`. 'create' writes nothing and returns false
 * when the id is taken (whoever holds it); 'upsert' replaces the place and returns true.
 */
async function write(tx: Queryable, p: DbPlaceRecord, mode: 'create' | 'upsert'): Promise<boolean> {
  const values = [
    p.id, p.hostId ?? null, p.kind, p.title, p.city, p.address, p.price, p.currency,
    p.description, p.lat, p.lng, p.areaM2, p.published, p.coverScene ?? null, p.startScene,
    p.floorPlan === undefined ? null : JSON.stringify(p.floorPlan),
    p.dollhouse ?? null,
    JSON.stringify(p.exhibits ?? []),
    p.show === undefined ? null : JSON.stringify(p.show),
    JSON.stringify(p.facts ?? {}),
    JSON.stringify(textsZh(p)),
  ];
  const insert = `insert into places (${PLACE_COLUMNS})
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17, $18::jsonb, $19::jsonb, $20::jsonb, $21::jsonb)`;
  if (mode === 'create') {
    const rows = await tx.query(`${insert} on conflict (id) do nothing returning id`, values);
    if (rows.length === 0) return false;
  } else {
    // A put without hostId keeps the current owner: tools that rewrite a place's tour
    // (ingest, demo seeding) must not orphan it.
    await tx.query(
      `${insert}
       on conflict (id) do update set
         host_id = coalesce(excluded.host_id, places.host_id), kind = excluded.kind,
         title = excluded.title, city = excluded.city, address = excluded.address,
         price = excluded.price, currency = excluded.currency, description = excluded.description,
         lat = excluded.lat, lng = excluded.lng, area_m2 = excluded.area_m2,
         published = excluded.published, cover_scene = excluded.cover_scene,
         start_scene = excluded.start_scene, floor_plan = excluded.floor_plan,
         dollhouse = excluded.dollhouse, exhibits = excluded.exhibits, show = excluded.show,
         facts = excluded.facts, texts_zh = excluded.texts_zh, updated_at = now()`,
      values,
    );
    await tx.query('delete from scenes where place_id = $1', [p.id]);
  }
  if (p.scenes.length === 0) return true; // a draft before its first room
  const params: unknown[] = [];
  const rows = p.scenes.map((s, position) => {
    const row = [
      p.id, s.id, position, s.name, s.nameZh ?? null, s.north, s.floor.x, s.floor.y,
      JSON.stringify(s.initialView), JSON.stringify(s.hotspots), JSON.stringify(s.tiles),
    ];
    const first = params.length + 1;
    params.push(...row);
    const n = (i: number) => `$${first + i}`;
    return `(${row.map((_, i) => (i >= 8 ? `${n(i)}::jsonb` : n(i))).join(', ')})`;
  });
  await tx.query(
    `insert into scenes (place_id, id, position, name, name_zh, north, floor_x, floor_y,
       initial_view, hotspots, tiles) values ${rows.join(', ')}`,
    params,
  );
  return true;
}

/** Places in the `places` and `scenes` tables; run `migrate(db)` first. */
export function createDbPlaceStore(db: Db): DbPlaceStore {
  return {
    list: () => load(db, '', []),
    listByHost: (hostId) => load(db, 'where host_id = $1', [hostId]),
    async get(id) {
      const [place] = await load(db, 'where id = $1', [id]);
      return place ?? null;
    },
    async put(place) {
      const p = checked(place);
      await db.transaction((tx) => write(tx, p, 'upsert')).catch(hostMissing(p));
    },
    async create(place) {
      const p = checked(place);
      return db.transaction((tx) => write(tx, p, 'create')).catch(hostMissing(p));
    },
    async update(id, change) {
      return db.transaction(async (tx) => {
        // The row lock makes every read-change-write of one place wait for the one before it,
        // across server instances: a per-process lock cannot see another instance's save.
        // "No key": bookings and sessions that reference the place are not held up by it.
        const locked = await tx.query('select id from places where id = $1 for no key update', [id]);
        if (locked.length === 0) return null;
        const [before] = await load(tx, 'where id = $1', [id]);
        const next = await change(before);
        if (!next) return { before, after: before };
        if (next.id !== id) throw new Error(`Vantage: an update of place "${id}" cannot rename it to "${next.id}"`);
        const p = checked(next);
        await write(tx, p, 'upsert').catch(hostMissing(p));
        return { before, after: p };
      });
    },
    async delete(id) {
      const rows = await db.query('delete from places where id = $1 returning id', [id]);
      return rows.length > 0;
    },
  };
}
