/** One schema change. Never edit or reorder a migration that has shipped: add a new one. */
export interface Migration {
  /** Recorded in schema_migrations once applied; sorts in apply order. */
  id: string;
  /** One or more statements, run in the migration transaction. */
  sql: string;
}

/** Every schema change, oldest first; `migrate(db)` applies the ones a database lacks. */
export const migrations: Migration[] = [
  {
    id: '0001_hosts_places_scenes',
    sql: /* sql */ `
      create table hosts (
        id text primary key,
        -- Lower-cased by the host store, so the unique constraint is case-insensitive.
        email text not null unique,
        name text not null,
        password_hash text not null,
        created_at timestamptz not null default now()
      );

      create table places (
        id text primary key,
        host_id text references hosts (id),
        kind text not null check (kind in ('home', 'museum', 'venue')),
        title text not null,
        city text not null,
        address text not null,
        price numeric,
        currency text not null,
        description text not null,
        lat double precision not null,
        lng double precision not null,
        area_m2 double precision,
        published boolean not null default false,
        cover_scene text,
        start_scene text not null,
        floor_plan jsonb,
        dollhouse text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create index places_host_id on places (host_id);

      create table scenes (
        place_id text not null references places (id) on delete cascade,
        id text not null,
        -- Order in the tour; scenes are rewritten as a whole on every put.
        position int not null,
        name text not null,
        name_zh text,
        north double precision not null default 0,
        floor_x double precision not null,
        floor_y double precision not null,
        initial_view jsonb not null,
        hotspots jsonb not null,
        tiles jsonb not null,
        primary key (place_id, id)
      );
    `,
  },
];
