import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/db/Db.ts';
import { EmailTakenError } from '../../../server/db/EmailTakenError.ts';
import { createDbPlaceStore } from '../../../server/db/createDbPlaceStore.ts';
import { createHostStore } from '../../../server/db/createHostStore.ts';
import { migrate } from '../../../server/db/migrate.ts';
import { migrations } from '../../../server/db/migrations.ts';
import { placeRecordSchema, type PlaceRecord } from '../../../server/places/placeRecord.ts';
import { createDbShowMomentStore } from '../../../server/show/createDbShowMomentStore.ts';
import { sampleExhibit, samplePlace, sampleScene, sampleShow } from './samplePlace.ts';
import { agencyCases } from './agency.case.ts';

/** What an engine's test file provides to the shared cases. */
export interface DbHarness {
  engine: 'pglite' | 'postgres';
  /**
   * Opens a Db on the database called `name`, created empty on first use; later opens of
   * the same name see the same data. The harness closes anything left open after the file.
   */
  open(name: string): Promise<Db>;
  /** Whether one database may be open twice at once, as two server instances would have it (else a second open must throw). */
  multiInstance: boolean;
}

const migrationIds = migrations.map((m) => m.id);
let unique = 0;
/** Ids unique within the file's shared database, so cases don't depend on each other's rows. */
const uid = (prefix: string) => `${prefix}-${++unique}-${Math.random().toString(36).slice(2, 8)}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** The repository cases every engine must pass; one shared database per test file. */
export function storeCases(h: DbHarness): void {
  describe(`db on ${h.engine}`, () => {
    let db: Db;
    /** What each of two instances' migrate() returned when they started on the empty database at once. */
    let firstRuns: PromiseSettledResult<string[]>[];
    let second: Db;
    // The race runs here rather than on a database of its own (a new PGlite costs seconds).
    // Its outcome is asserted by the race case; the other cases get a migrated database either way.
    beforeAll(async () => {
      db = await h.open('main');
      second = h.multiInstance ? await h.open('main') : db;
      firstRuns = await Promise.allSettled([migrate(db), migrate(second)]);
      if (firstRuns.some((r) => r.status === 'rejected')) await migrate(db);
    }, 60_000);
    afterAll(() => Promise.all([db?.close(), second?.close()]));
    const places = () => createDbPlaceStore(db);
    const hosts = () => createHostStore(db);

    describe('migrate', () => {
      it('two instances migrating an empty database at once both succeed, each migration applied once', async () => {
        expect(db.kind).toBe(h.engine);
        const runs = firstRuns.map((r) => (r.status === 'fulfilled' ? r.value : Promise.reject(r.reason)));
        const applied = await Promise.all(runs);
        expect(applied.flat().sort()).toEqual([...migrationIds].sort());
        const [{ n }] = await db.query<{ n: number }>('select count(*) as n from schema_migrations');
        expect(n).toBe(migrationIds.length);
        // Both instances see one schema: what one writes, the other reads.
        await createDbPlaceStore(second).put(samplePlace('raced'));
        expect((await createDbPlaceStore(db).get('raced'))?.title).toBe('Flat raced');
      });

      it('a second run on a migrated database changes nothing', async () => {
        const recorded = () => db.query<{ id: string; applied_at: Date }>('select id, applied_at from schema_migrations order by id');
        const before = await recorded();
        expect(before.map((r) => r.id)).toEqual(migrationIds);
        expect(before[0].applied_at).toBeInstanceOf(Date);
        expect(await migrate(db)).toEqual([]);
        expect(await recorded()).toEqual(before);
      });
    });

    describe('types', () => {
      it('returns the same JS types on both engines', async () => {
        const [row] = await db.query(
          `select 1::int as i, 2::bigint as b, 12.50::numeric as n, 0.5::float8 as f, true as t,
             '{"a":[1]}'::jsonb as j, '2026-01-02T03:04:05Z'::timestamptz as ts, null::text as z`,
        );
        expect(row).toStrictEqual({ i: 1, b: 2, n: 12.5, f: 0.5, t: true, j: { a: [1] }, ts: new Date('2026-01-02T03:04:05Z'), z: null });
      });

      it('rolls a failed transaction back and passes its error through', async () => {
        await db.exec('create table if not exists tx_probe (id text primary key)');
        const boom = new Error('boom');
        await expect(
          db.transaction(async (tx) => {
            await tx.query('insert into tx_probe values ($1)', ['rolled-back']);
            throw boom;
          }),
        ).rejects.toBe(boom);
        expect(await db.query('select * from tx_probe')).toEqual([]);
        expect(await db.transaction((tx) => tx.query('insert into tx_probe values ($1) returning id', ['kept']))).toEqual([{ id: 'kept' }]);
        expect(await db.query('select * from tx_probe')).toEqual([{ id: 'kept' }]);
      });
    });

    describe('places', () => {
      it('reads a place back exactly as it was put: scene order, hotspots, tiles, floor plan, null price', async () => {
        const place = samplePlace(uid('round'));
        await places().put(place);
        expect(await places().get(place.id)).toStrictEqual(placeRecordSchema.parse(place));
      });

      it('leaves optional fields absent, not null, and keeps a decimal price a number', async () => {
        const { floorPlan: _f, coverScene: _c, ...bare } = samplePlace(uid('bare'));
        const place = { ...bare, price: 1234.56, areaM2: null, kind: 'museum' as const };
        await places().put(place);
        const got = await places().get(place.id);
        expect(got).toStrictEqual(placeRecordSchema.parse(place));
        expect(got).not.toHaveProperty('floorPlan');
        expect(got?.scenes[0]).not.toHaveProperty('nameZh');
      });

      it('put replaces the scenes: a removed scene is gone, order follows the new put', async () => {
        const id = uid('replace');
        await places().put(samplePlace(id));
        const next = samplePlace(id, {
          title: 'Renamed',
          startScene: 'hall',
          scenes: [sampleScene('hall'), sampleScene('kitchen', { name: 'New kitchen' })],
        });
        await places().put(next);
        const got = await places().get(id);
        expect(got?.scenes.map((s) => [s.id, s.name])).toEqual([['hall', 'Room hall'], ['kitchen', 'New kitchen']]);
        expect(got).toStrictEqual(placeRecordSchema.parse(next));
        const [{ n }] = await db.query<{ n: number }>('select count(*) as n from scenes where place_id = $1', [id]);
        expect(n).toBe(2);
      });

      it('a put that fails part-way changes nothing (place row and scenes in one transaction)', async () => {
        const place = samplePlace(uid('atomic'));
        await places().put(place);
        // Valid to zod, refused by Postgres (text may not hold NUL) only when the scenes are inserted.
        const broken = samplePlace(place.id, { title: 'Half written', scenes: [sampleScene('hall', { name: 'bad\u0000name' })] });
        await expect(places().put(broken)).rejects.toThrow();
        expect(await places().get(place.id)).toStrictEqual(placeRecordSchema.parse(place));
      });

      it('rejects an invalid place and a place with a repeated scene id', async () => {
        await expect(places().put({ ...samplePlace(uid('bad')), kind: 'castle' as never })).rejects.toThrow();
        // A draft before its first upload has no rooms: that is valid and reads back as such.
        const draft = { ...samplePlace(uid('draft')), scenes: [], startScene: '', published: false };
        await places().put(draft);
        expect((await places().get(draft.id))?.scenes).toEqual([]);
        const twice = samplePlace(uid('twice'), { scenes: [sampleScene('a'), sampleScene('a')] });
        await expect(places().put(twice)).rejects.toThrow(/two scenes with id "a"/);
        expect(await places().get(twice.id)).toBeNull();
      });

      it('reads a museum’s exhibits back exactly; a place without them reads back without the field', async () => {
        const id = uid('museum');
        const museum = samplePlace(id, { kind: 'museum', exhibits: [sampleExhibit('vase'), sampleExhibit('town', { role: 'site', eras: [{ id: 'han', year: -200, label: 'Han', nodes: ['wall', 'gate'] }] })] });
        await places().put(museum);
        expect(await places().get(id)).toStrictEqual(placeRecordSchema.parse(museum));
        // An update that only touches the title keeps the exhibits as they were.
        await places().update(id, (p) => ({ ...p, title: 'Renamed museum' }));
        expect((await places().get(id))?.exhibits).toStrictEqual(placeRecordSchema.parse(museum).exhibits);
        // [] and absent are the same stored value: both read back absent.
        await places().put({ ...museum, exhibits: [] });
        expect(await places().get(id)).not.toHaveProperty('exhibits');
        const [{ exhibits }] = await db.query<{ exhibits: unknown }>('select exhibits from places where id = $1', [id]);
        expect(exhibits).toEqual([]);
      });

      it('refuses two exhibits with one id and a second site model, writing nothing', async () => {
        const twice = samplePlace(uid('twice-ex'), { kind: 'museum', exhibits: [sampleExhibit('vase'), sampleExhibit('vase')] });
        await expect(places().put(twice)).rejects.toThrow(/two exhibits with id "vase"/);
        expect(await places().get(twice.id)).toBeNull();
        const sites = samplePlace(uid('sites'), { kind: 'museum', exhibits: [sampleExhibit('a', { role: 'site' }), sampleExhibit('b', { role: 'site' })] });
        await expect(places().put(sites)).rejects.toThrow(/two site models/);
        expect(await places().get(sites.id)).toBeNull();
      });

      it('reads a show back exactly (every source kind); a place without one reads back without the field', async () => {
        const id = uid('show');
        const { floorPlan: _f, coverScene: _c, ...flat } = samplePlace(id);
        const show = { ...flat, kind: 'show' as const, scenes: [], startScene: '', show: sampleShow() };
        await places().put(show);
        expect(await places().get(id)).toStrictEqual(placeRecordSchema.parse(show));
        // An update that only touches the title keeps the show as it was.
        await places().update(id, (p) => ({ ...p, title: 'Renamed show' }));
        expect((await places().get(id))?.show).toStrictEqual(sampleShow());
        const { show: _s, ...without } = show;
        await places().put(without);
        expect(await places().get(id)).not.toHaveProperty('show');
        const [row] = await db.query<{ show: unknown }>('select show from places where id = $1', [id]);
        expect(row.show).toBeNull();
      });

      it('refuses two angles with one id, writing nothing', async () => {
        const [first] = sampleShow().angles;
        const twice = samplePlace(uid('twice-angle'), { kind: 'show', show: sampleShow({ angles: [first, { ...first, label: 'Again' }] }) });
        await expect(places().put(twice)).rejects.toThrow(/two angles with id "stage"/);
        expect(await places().get(twice.id)).toBeNull();
      });

      it('lists places sorted by title (locale order, the same on both engines)', async () => {
        const tag = uid('sort');
        for (const [i, title] of ['Cb', 'aa', 'Ba', 'ab'].entries()) await places().put(samplePlace(`${tag}-${i}`, { title }));
        const all = await places().list();
        expect(all.filter((p) => p.id.startsWith(tag)).map((p) => p.title)).toEqual(['aa', 'ab', 'Ba', 'Cb']);
        for (let i = 1; i < all.length; i++) expect(all[i - 1].title.localeCompare(all[i].title)).toBeLessThanOrEqual(0);
        expect(all.find((p) => p.id === `${tag}-0`)?.scenes.map((s) => s.id)).toEqual(['living', 'kitchen', 'bath']);
      });

      it('returns null for an unknown id; delete removes a place and its scenes', async () => {
        expect(await places().get('no-such-place')).toBeNull();
        expect(await places().get('Not A Valid Id!')).toBeNull();
        const id = uid('gone');
        await places().put(samplePlace(id));
        expect(await places().delete(id)).toBe(true);
        expect(await places().get(id)).toBeNull();
        expect(await db.query('select id from scenes where place_id = $1', [id])).toEqual([]);
        expect(await places().delete(id)).toBe(false);
      });

      it('lists a host’s places; a put without hostId keeps the owner; an unknown host is refused', async () => {
        const host = await hosts().create({ email: `${uid('owner')}@example.com`, name: 'Owner', password: 'pw-owner-1' });
        const [a, b, other] = [uid('own'), uid('own'), uid('other')];
        await places().put({ ...samplePlace(a, { title: 'Zed' }), hostId: host.id });
        await places().put({ ...samplePlace(b, { title: 'Alpha' }), hostId: host.id });
        await places().put(samplePlace(other));
        expect((await places().listByHost(host.id)).map((p) => p.id)).toEqual([b, a]);
        expect((await places().get(a))?.hostId).toBe(host.id);
        expect(await places().get(other)).not.toHaveProperty('hostId');
        await places().put(samplePlace(a, { title: 'Zed again' }));
        expect(await places().get(a)).toMatchObject({ title: 'Zed again', hostId: host.id });
        await expect(places().put({ ...samplePlace(uid('orphan')), hostId: 'nobody' })).rejects.toThrow(/host "nobody" does not exist/);
      });
    });

    describe('migration 0008', () => {
      it('lets a database made before shows store kind show, still refusing an unknown kind, its places untouched', async () => {
        const old = await h.open('before-shows');
        try {
          await migrate(old, migrations.filter((m) => m.id < '0008'));
          const insert = (id: string, kind: string) =>
            old.query(`insert into places (id, kind, title, city, address, currency, description, lat, lng, start_scene)
              values ($1, $2, 'T', 'C', 'A', 'EUR', 'D', 0, 0, '')`, [id, kind]);
          await insert('old-home', 'home');
          await expect(insert('early-show', 'show')).rejects.toThrow(/check constraint/);
          expect(await migrate(old)).toEqual(migrationIds.filter((m) => m >= '0008'));
          await insert('new-show', 'show');
          await expect(insert('boat', 'boat')).rejects.toThrow(/check constraint/);
          const got = await createDbPlaceStore(old).get('old-home');
          expect(got).toMatchObject({ kind: 'home', title: 'T' });
          expect(got).not.toHaveProperty('show');
        } finally {
          await old.close();
        }
      });
    });

    describe('hosts', () => {
      it('creates a host with a lower-cased email and an scrypt hash, never the password', async () => {
        const email = `${uid('Ana')}@Example.COM`;
        const host = await hosts().create({ email, name: 'Ana', password: 'correct horse' });
        expect(host).toStrictEqual({
          id: expect.any(String),
          email: email.toLowerCase(),
          name: 'Ana',
          createdAt: expect.any(Date),
          agencyId: expect.any(String),
          role: 'owner',
          disabledAt: null,
          profile: {},
        });
        const [{ password_hash }] = await db.query<{ password_hash: string }>('select password_hash from hosts where id = $1', [host.id]);
        expect(password_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
        expect(Buffer.from(password_hash.split('$')[4], 'base64')).toHaveLength(16);
        expect(password_hash).not.toContain('correct horse');
        expect(await hosts().get(host.id)).toStrictEqual(host);
        expect(await hosts().get('no-such-host')).toBeNull();
      });

      it('verifies the right password, in any email case; a wrong password or unknown email gives null', async () => {
        const email = `${uid('bo')}@example.com`;
        const host = await hosts().create({ email, name: 'Bo', password: 'hunter22' });
        expect(await hosts().verify(email, 'hunter22')).toStrictEqual(host);
        expect(await hosts().verify(`  ${email.toUpperCase()} `, 'hunter22')).toStrictEqual(host);
        expect(await hosts().findByEmail(email.toUpperCase())).toStrictEqual(host);
        expect(await hosts().verify(email, 'hunter23')).toBeNull();
        expect(await hosts().verify(email, '')).toBeNull();
        expect(await hosts().verify(`nobody-${email}`, 'hunter22')).toBeNull();
        expect(await hosts().findByEmail(`nobody-${email}`)).toBeNull();
      });

      it('an unknown email costs a hash like a wrong password, so timing does not reveal who signed up', async () => {
        const email = `${uid('cy')}@example.com`;
        await hosts().create({ email, name: 'Cy', password: 'pw-cy-123' });
        const wrong: number[] = [];
        const unknown: number[] = [];
        for (let i = 0; i < 3; i++) {
          wrong.push(await timed(() => hosts().verify(email, 'nope')));
          unknown.push(await timed(() => hosts().verify(`x${i}-${email}`, 'nope')));
        }
        // Loose ratio measured in the same run: skipping scrypt would make it ~0.02.
        expect(median(unknown) / median(wrong)).toBeGreaterThan(0.3);
      });

      it('refuses a second host with the same email in another case', async () => {
        const email = `${uid('dup')}@example.com`;
        await hosts().create({ email, name: 'First', password: 'pw-first-1' });
        const again = hosts().create({ email: email.toUpperCase(), name: 'Second', password: 'pw-second-1' });
        await expect(again).rejects.toBeInstanceOf(EmailTakenError);
        await expect(again).rejects.toThrow(`a host with email ${email} already exists`);
        expect((await hosts().verify(email, 'pw-first-1'))?.name).toBe('First');
      });
    });

    describe('migration 0011: a listing\'s Chinese texts', () => {
      it('gives places made before it no Chinese texts, and stores them after, an info point\'s with its room', async () => {
        const old = await h.open('before-texts-zh');
        try {
          await migrate(old, migrations.filter((m) => m.id < '0011'));
          await old.query(`insert into places (id, kind, title, city, address, currency, description, lat, lng, start_scene)
            values ('old-zh', 'home', 'T', 'C', 'A', 'EUR', 'D', 0, 0, '')`);
          expect(await migrate(old)).toEqual(migrationIds.filter((m) => m >= '0011'));
          const store = createDbPlaceStore(old);
          const got = await store.get('old-zh');
          expect(got).toMatchObject({ title: 'T' });
          expect(Object.keys(got!).filter((k) => k.endsWith('Zh'))).toEqual([]);
          const zh = { titleZh: '滨江两居室', cityZh: '杭州', addressZh: '上城区钱江路1号', descriptionZh: '明亮。\n第二段。' };
          const room = sampleScene('living');
          room.hotspots = [{ id: 'win', kind: 'info', yaw: 1, pitch: 2, title: 'Window', text: 'Sun.', titleZh: '窗户', textZh: '阳光。' }];
          await store.put({ ...got!, ...zh, scenes: [room], startScene: 'living' });
          expect(await store.get('old-zh')).toEqual({ ...got!, ...zh, scenes: [room], startScene: 'living' });
        } finally {
          await old.close();
        }
      });
    });

    describe('migration 0010: profiles and listing facts', () => {
      it('gives hosts and places made before it an empty profile and no facts, and stores both after', async () => {
        const old = await h.open('before-profiles');
        try {
          await migrate(old, migrations.filter((m) => m.id < '0010'));
          await old.query(`insert into places (id, kind, title, city, address, currency, description, lat, lng, start_scene)
            values ('old-flat', 'home', 'T', 'C', 'A', 'EUR', 'D', 0, 0, '')`);
          expect(await migrate(old)).toEqual(migrationIds.filter((m) => m >= '0010'));
          const got = await createDbPlaceStore(old).get('old-flat');
          expect(got).toMatchObject({ title: 'T' });
          expect(got).not.toHaveProperty('facts');
          const facts = { bedrooms: 2, livingRooms: 1, bathrooms: 1, floor: 12, totalFloors: 18, orientation: ['s' as const, 'n' as const], yearBuilt: 2008, district: 'Shangcheng' };
          await createDbPlaceStore(old).put({ ...got!, facts });
          expect((await createDbPlaceStore(old).get('old-flat'))?.facts).toEqual(facts);
        } finally {
          await old.close();
        }
      });

      it('updates a profile under the row lock: two saves at once both land', async () => {
        const host = await hosts().create({ email: `${uid('li')}@example.com`, name: 'Li', password: 'pw-li-1234' });
        await Promise.all([
          hosts().updateProfile(host.id, (c) => ({ ...c, profile: { ...c.profile, phone: '+86 138 0013 8000' } })),
          createHostStore(second).updateProfile(host.id, (c) => ({ ...c, profile: { ...c.profile, wechatId: 'liwei_homes' } })),
        ]);
        const saved = await hosts().updateProfile(host.id, (c) => ({ name: 'Li Wei', profile: c.profile }));
        expect(saved?.before.name).toBe('Li');
        expect(await hosts().get(host.id)).toMatchObject({ name: 'Li Wei', profile: { phone: '+86 138 0013 8000', wechatId: 'liwei_homes' } });
        expect(await hosts().updateProfile('no-such-host', (c) => c)).toBeNull();
      });
    });

    agencyCases(() => ({ db, second }));

    describe('show moments', () => {
      it('lists reactions of every party and chat of the named party, in stream-time order; gone with the place', async () => {
        const id = uid('gig');
        await places().put({ ...samplePlace(id), kind: 'show', scenes: [], startScene: '', coverScene: undefined, floorPlan: undefined, show: sampleShow() } as PlaceRecord);
        const store = createDbShowMomentStore(db);
        const T = 1_765_000_000_000.5;
        await store.add({ placeId: id, sessionCode: 'AAAAAAAAAA', moment: { kind: 'chat', t: T + 20, name: 'Mei', text: '好!\nSecond line' } });
        await store.add({ placeId: id, sessionCode: 'BBBBBBBBBB', moment: { kind: 'reaction', t: T + 10, reaction: 'heart' } });
        await store.add({ placeId: id, sessionCode: 'BBBBBBBBBB', moment: { kind: 'chat', t: T, name: 'Li', text: 'B' } });
        expect(await store.list(id, { sessionCode: 'AAAAAAAAAA', max: 10 })).toEqual([
          { kind: 'reaction', t: T + 10, reaction: 'heart' },
          { kind: 'chat', t: T + 20, name: 'Mei', text: '好!\nSecond line' },
        ]);
        expect(await store.list(id, { max: 10 })).toEqual([{ kind: 'reaction', t: T + 10, reaction: 'heart' }]);
        expect((await store.list(id, { sessionCode: 'BBBBBBBBBB', max: 1 })).length).toBe(2);
        await places().delete(id);
        expect(await store.list(id, { sessionCode: 'BBBBBBBBBB', max: 10 })).toEqual([]);
      });
    });

    describe('restart', () => {
      it('a second open of the same database is shared on Postgres, refused on PGlite while the first is open', async () => {
        if (h.multiInstance) {
          const other = await h.open('main');
          expect(await other.query('select count(*) as n from schema_migrations')).toEqual([{ n: migrationIds.length }]);
          await other.close();
        } else {
          await expect(h.open('main')).rejects.toThrow(/is in use by process \d+ — stop that server first/);
        }
      });

      it('keeps places and hosts across close and reopen', async () => {
        const place = samplePlace(uid('kept'));
        await places().put(place);
        const email = `${uid('kept')}@example.com`;
        const host = await hosts().create({ email, name: 'Kept', password: 'pw-kept-1' });
        await db.close();
        db = await h.open('main');
        expect(await migrate(db)).toEqual([]);
        expect(await places().get(place.id)).toStrictEqual(placeRecordSchema.parse(place));
        expect(await hosts().verify(email, 'pw-kept-1')).toStrictEqual(host);
      }, 30_000);
    });
  });
}
