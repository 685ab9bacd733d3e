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
  {
    id: '0002_bookings',
    sql: /* sql */ `
      create table slots (
        id text primary key,
        place_id text not null references places (id) on delete cascade,
        starts_at timestamptz not null,
        duration_minutes int not null check (duration_minutes between 5 and 1440),
        capacity int not null check (capacity between 1 and 10000),
        -- Seats held by confirmed bookings. Bookings move it with a conditional update, which
        -- row-locks the slot; the check is the backstop that makes overbooking impossible.
        booked int not null default 0 check (booked >= 0 and booked <= capacity),
        -- IANA zone of the place: decides "today" at the door and the local time in messages.
        timezone text not null,
        created_at timestamptz not null default now(),
        -- One slot per start per place, so a weekly template can be applied twice harmlessly.
        unique (place_id, starts_at)
      );

      create table bookings (
        id text primary key,
        -- Ticket code: 20 Crockford base32 symbols (100 random bits), shown on the QR.
        code text not null unique,
        -- SHA-256 of the manage token; the token itself is never stored.
        manage_token_hash text not null unique,
        slot_id text not null references slots (id) on delete cascade,
        place_id text not null references places (id) on delete cascade,
        name text not null,
        -- E.164.
        phone text not null,
        party_size int not null check (party_size >= 1),
        note text not null default '',
        source text check (source in ('place', 'tour', 'session')),
        session_id text,
        locale text,
        status text not null default 'confirmed' check (status in ('confirmed', 'cancelled')),
        -- Bumped on every change, so calendar apps replace the event from the .ics.
        sequence int not null default 0,
        -- A retried submit with the same key returns this booking (same body) or a 422.
        idempotency_key text unique,
        request_hash text,
        -- The manage token sealed with a key derived from the idempotency key, for replays.
        sealed_manage_token text,
        created_at timestamptz not null default now(),
        cancelled_at timestamptz,
        checked_in_at timestamptz,
        checked_in_by text
      );
      create index bookings_slot_id on bookings (slot_id);
      create index bookings_place_created on bookings (place_id, created_at);

      create table booking_feedback (
        booking_id text primary key references bookings (id) on delete cascade,
        place_id text not null references places (id) on delete cascade,
        rating int not null check (rating between 1 and 5),
        comment text not null default '',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create index booking_feedback_place on booking_feedback (place_id, created_at);

      -- Written in the same transaction as the booking change it announces; a sender delivers
      -- rows when due and marks them sent, so a crash or a webhook outage loses nothing.
      create table notification_outbox (
        id text primary key,
        booking_id text references bookings (id) on delete cascade,
        kind text not null,
        payload jsonb not null,
        status text not null default 'pending' check (status in ('pending', 'sent', 'skipped')),
        due_at timestamptz not null,
        next_attempt_at timestamptz not null,
        attempts int not null default 0,
        -- A sender holds a row until then; another instance may take it over afterwards.
        claimed_until timestamptz,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz not null default now()
      );
      create index notification_outbox_pending on notification_outbox (next_attempt_at) where status = 'pending';
      create index notification_outbox_booking on notification_outbox (booking_id);

      -- Anonymous tour events for the funnel: no person, just a random browser id.
      create table tour_events (
        id bigserial primary key,
        place_id text not null references places (id) on delete cascade,
        type text not null check (type in ('tour_view', 'room_enter', 'room_dwell', 'session_started')),
        scene_id text,
        visitor_id text,
        session_id text,
        dwell_ms int,
        at timestamptz not null default now()
      );
      create index tour_events_place_at on tour_events (place_id, at);
    `,
  },
  {
    // Guided sessions without Redis: the record (code, owner, hashed host key) and the latest
    // snapshot of the room with its bus seq, so a restart brings the session back.
    id: '0003_sessions',
    sql: /* sql */ `
      create table sessions (
        id text primary key,
        code text not null unique,
        place_id text not null references places (id) on delete cascade,
        owner_id text references hosts (id) on delete set null,
        host_key_hash text not null,
        seq bigint not null default 0,
        state jsonb not null,
        status text not null default 'live' check (status in ('live', 'ended')),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        ended_at timestamptz
      );
      create index sessions_place_id on sessions (place_id);
    `,
  },
  {
    // Group commit for bookings: the requests that arrive while the previous batch runs are
    // booked in one statement (one round trip, one commit). Each request is judged alone, in
    // its own subtransaction, exactly as a single booking would be: the conditional update
    // takes the seats only while they last (the slots check still backs it), so a batch can
    // never overbook. Slots are locked in id order, as reschedule does, so batches running at
    // once on Postgres cannot deadlock. A reused Idempotency-Key comes back as 'duplicate'
    // with nothing written for that request; any other error fails the whole statement.
    id: '0004_book_batch',
    sql: /* sql */ `
      create function book_batch(requests jsonb) returns table (request int, result text)
      language plpgsql as $$
      declare
        r record;
        s record;
      begin
        for r in
          select * from jsonb_to_recordset(requests) as x(
            n int, slot_id text, party_size int, at timestamptz, place_id text, id text, code text,
            manage_token_hash text, name text, phone text, note text, source text, session_id text,
            locale text, idempotency_key text, request_hash text, sealed_manage_token text, outbox jsonb)
          order by x.slot_id, x.n
        loop
          request := r.n;
          begin
            update slots set booked = booked + r.party_size
            where slots.id = r.slot_id and slots.starts_at > r.at and slots.booked + r.party_size <= slots.capacity
              and (r.place_id is null or slots.place_id = r.place_id)
              and exists (select 1 from places p where p.id = slots.place_id and p.published)
            returning slots.id, slots.place_id into s;
            if not found then
              result := 'refused';
            else
              insert into bookings (id, code, manage_token_hash, slot_id, place_id, name, phone, party_size, note,
                source, session_id, locale, idempotency_key, request_hash, sealed_manage_token, created_at)
              values (r.id, r.code, r.manage_token_hash, s.id, s.place_id, r.name, r.phone, r.party_size, r.note,
                r.source, r.session_id, r.locale, r.idempotency_key, r.request_hash, r.sealed_manage_token, r.at);
              insert into notification_outbox (id, booking_id, kind, payload, due_at, next_attempt_at)
              select v.id, r.id, v.kind, v.payload, v.due, v.due
              from jsonb_to_recordset(r.outbox) as v(id text, kind text, payload jsonb, due timestamptz);
              result := 'booked';
            end if;
          exception when unique_violation then
            -- Only a reused key is the visitor's doing; a colliding random id or code is a bug.
            if r.idempotency_key is null
               or not exists (select 1 from bookings b where b.idempotency_key = r.idempotency_key) then
              raise;
            end if;
            result := 'duplicate';
          end;
          return next;
        end loop;
      end
      $$;
    `,
  },
  {
    // Agencies: every host belongs to one; its first host is the owner, the others agents who
    // joined by a one-time invitation. Existing hosts each become the owner of an agency of
    // their own, so nobody sees more places than before. An invitation keeps only a hash of
    // its token; used_at is set once, by the redemption that wins the row.
    id: '0005_agencies',
    sql: /* sql */ `
      create table agencies (
        id text primary key,
        name text not null,
        created_at timestamptz not null default now()
      );
      alter table hosts add column agency_id text references agencies (id);
      alter table hosts add column role text not null default 'owner' check (role in ('owner', 'agent'));
      alter table hosts add column disabled_at timestamptz;
      insert into agencies (id, name, created_at) select 'agency-' || id, name, created_at from hosts;
      update hosts set agency_id = 'agency-' || id;
      alter table hosts alter column agency_id set not null;
      create index hosts_agency_id on hosts (agency_id);

      create table host_invitations (
        id text primary key,
        agency_id text not null references agencies (id) on delete cascade,
        token_hash text not null unique,
        created_by text not null references hosts (id),
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        revoked_at timestamptz,
        used_at timestamptz,
        used_by text references hosts (id)
      );
      create index host_invitations_agency_id on host_invitations (agency_id);
    `,
  },
  {
    // A floor plan's image is stored as the path of the file the upload wrote, relative to
    // the place's folder (`_plan/plan-<hex>.jpg`); the URL is made when it is served. Images
    // stored as this server's own URL become that path; any other value (an outside address
    // set through the old PATCH) is dropped.
    id: '0006_floor_plan_image_path',
    sql: /* sql */ `
      update places set floor_plan = case
        when floor_plan->>'image' ~ ('^([a-z]+://[^/]+)?/tiles/' || id || '/_plan/plan-[0-9a-f]{12}[.](jpg|png|webp)$')
          then jsonb_set(floor_plan, '{image}', to_jsonb(substring(floor_plan->>'image' from '_plan/plan-[0-9a-f]{12}[.](?:jpg|png|webp)$')))
        else floor_plan - 'image'
      end
      where floor_plan ? 'image';
    `,
  },
  {
    // A museum's exhibits (3D models with info points) as one document per place: they are
    // read and written with the place, never queried on their own. '[]' for every other place.
    id: '0007_place_exhibits',
    sql: /* sql */ `
      alter table places add column exhibits jsonb not null default '[]'::jsonb;
    `,
  },
  {
    // A live show (kind 'show') keeps its angles, schedule and status as one document, read and
    // written with the place like exhibits; null for every other place. The kind check of 0001
    // is found by what it checks, not by its generated name (a database set up by hand may name
    // it differently), dropped, and added again allowing 'show'.
    id: '0008_place_show',
    sql: /* sql */ `
      do $$
      declare c record;
      begin
        for c in
          select conname from pg_constraint
          where conrelid = 'places'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%(kind%'
        loop
          execute format('alter table places drop constraint %I', c.conname);
        end loop;
      end
      $$;
      alter table places add constraint places_kind_check check (kind in ('home', 'museum', 'venue', 'show'));
      alter table places add column show jsonb;
    `,
  },
  {
    // A show's watch-party chat and reactions, stamped with the stream time they were sent at,
    // kept for the replay (a session's snapshot keeps only the latest few). The join code is
    // kept so a party's chat is shown to that party alone. Gone with the place.
    id: '0009_show_moments',
    sql: /* sql */ `
      create table show_moments (
        id bigserial primary key,
        place_id text not null references places (id) on delete cascade,
        session_code text not null,
        stream_time double precision not null,
        kind text not null check (kind in ('chat', 'reaction')),
        reaction text,
        name text,
        body text,
        created_at timestamptz not null default now()
      );
      create index show_moments_place_time on show_moments (place_id, kind, stream_time);
    `,
  },
  {
    // Agents' public profiles (phone, WeChat, agency, and the paths of their photo and WeChat QR
    // image, files the server wrote) as one document per host, read and written whole; a host
    // without one has '{}'. A listing's facts (layout, floor, orientation, year) likewise, one
    // document per place, '{}' for every place stored before them.
    id: '0010_host_profiles',
    sql: /* sql */ `
      alter table hosts add column profile jsonb not null default '{}'::jsonb;
      alter table places add column facts jsonb not null default '{}'::jsonb;
    `,
  },
  {
    // A listing's Chinese texts (title, city, address, description) as one document per place,
    // '{}' for every place stored before them: the page falls back to the English texts.
    // (An info point's Chinese title and text live in the scene's hotspots document.)
    id: '0011_place_texts_zh',
    sql: /* sql */ `
      alter table places add column texts_zh jsonb not null default '{}'::jsonb;
    `,
  },
];
