import { describe, expect, it } from 'vitest';
import type { Db } from '../../../server/db/Db.ts';
import { EmailTakenError } from '../../../server/db/EmailTakenError.ts';
import { createHostStore } from '../../../server/db/createHostStore.ts';

let unique = 0;
const email = (who: string) => `${who}-${++unique}-${Math.random().toString(36).slice(2, 8)}@example.com`;
const DAY = 86_400_000;

/**
 * Agencies, invitations and disabled agents, on whichever engine `dbs()` opens. `second`
 * is another instance on the same database where the engine allows it (Postgres), so the
 * race below is two servers redeeming one link, not two calls on one pool.
 */
export function agencyCases(dbs: () => { db: Db; second: Db }): void {
  describe('agencies', () => {
    const hosts = (now?: () => Date) => createHostStore(dbs().db, { now });

    it('a signed-up host owns a new agency of their own; agents join it only through an invitation', async () => {
      const owner = await hosts().create({ email: email('owner'), name: 'Olga', password: 'pw-olga-123' });
      expect(owner).toMatchObject({ role: 'owner', disabledAt: null, agencyId: expect.stringMatching(/^agency-/) });
      expect(await hosts().agencyName(owner.agencyId)).toBe('Olga');
      const other = await hosts().create({ email: email('other'), name: 'Oscar', password: 'pw-oscar-12' });
      expect(other.agencyId).not.toBe(owner.agencyId);

      const { token, invitation } = await hosts().createInvitation({ agencyId: owner.agencyId, createdBy: owner.id, ttlMs: DAY });
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const [stored] = await dbs().db.query<{ token_hash: string }>('select token_hash from host_invitations where id = $1', [invitation.id]);
      expect(stored.token_hash).not.toContain(token);
      expect(await hosts().checkInvitation(token)).toMatchObject({ ok: true, agencyName: 'Olga', invitedBy: 'Olga' });
      expect((await hosts().listPendingInvitations(owner.agencyId)).map((i) => i.id)).toEqual([invitation.id]);
      expect(await hosts().listPendingInvitations(other.agencyId)).toEqual([]);

      const agentEmail = email('agent');
      const r = await hosts().redeemInvitation(token, { email: agentEmail, name: 'Ada', password: 'pw-ada-1234' });
      expect(r).toMatchObject({ ok: true, host: { name: 'Ada', email: agentEmail, role: 'agent', agencyId: owner.agencyId } });
      expect((await hosts().verify(agentEmail, 'pw-ada-1234'))?.role).toBe('agent');
      expect((await hosts().listAgency(owner.agencyId)).map((h) => h.name)).toEqual(['Olga', 'Ada']);
      expect(await hosts().listPendingInvitations(owner.agencyId)).toEqual([]);
      // The link is spent: a second use and a look at it both say so.
      expect(await hosts().checkInvitation(token)).toEqual({ ok: false, problem: 'used' });
      expect(await hosts().redeemInvitation(token, { email: email('late'), name: 'Late', password: 'pw-late-123' })).toEqual({ ok: false, problem: 'used' });
      expect(await hosts().checkInvitation(`${token}x`)).toEqual({ ok: false, problem: 'invalid' });
    });

    it('of many redemptions of one link at once, on two instances, exactly one creates an agent', async () => {
      const owner = await hosts().create({ email: email('racer'), name: 'Rae', password: 'pw-rae-1234' });
      const { token } = await hosts().createInvitation({ agencyId: owner.agencyId, createdBy: owner.id, ttlMs: DAY });
      const { db, second } = dbs();
      const stores = [createHostStore(db), createHostStore(second)];
      const emails = Array.from({ length: 8 }, (_, i) => email(`race${i}`));
      const results = await Promise.all(emails.map((e, i) => stores[i % 2].redeemInvitation(token, { email: e, name: `R${i}`, password: 'pw-race-123' })));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual(Array(7).fill({ ok: false, problem: 'used' }));
      expect((await hosts().listAgency(owner.agencyId)).filter((h) => h.role === 'agent')).toHaveLength(1);
      const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from hosts where email = any($1::text[])', [emails]);
      expect(n).toBe(1);
    });

    it('an expired or revoked link opens nothing; an email already taken leaves the link pending', async () => {
      let clock = new Date('2030-01-01T00:00:00Z');
      const store = hosts(() => clock);
      const owner = await store.create({ email: email('exp'), name: 'Eve', password: 'pw-eve-1234' });
      const expiring = await store.createInvitation({ agencyId: owner.agencyId, createdBy: owner.id, ttlMs: DAY });
      const revoked = await store.createInvitation({ agencyId: owner.agencyId, createdBy: owner.id, ttlMs: DAY });
      const kept = await store.createInvitation({ agencyId: owner.agencyId, createdBy: owner.id, ttlMs: 3 * DAY });

      // Another agency cannot revoke it; its own can, once.
      const stranger = await store.create({ email: email('str'), name: 'Stan', password: 'pw-stan-123' });
      expect(await store.revokeInvitation(stranger.agencyId, revoked.invitation.id)).toBe(false);
      expect(await store.revokeInvitation(owner.agencyId, revoked.invitation.id)).toBe(true);
      expect(await store.revokeInvitation(owner.agencyId, revoked.invitation.id)).toBe(false);
      expect(await store.redeemInvitation(revoked.token, { email: email('r'), name: 'R', password: 'pw-r-123456' })).toEqual({ ok: false, problem: 'revoked' });

      clock = new Date(clock.getTime() + DAY + 1000);
      expect(await store.checkInvitation(expiring.token)).toEqual({ ok: false, problem: 'expired' });
      expect(await store.redeemInvitation(expiring.token, { email: email('x'), name: 'X', password: 'pw-x-123456' })).toEqual({ ok: false, problem: 'expired' });
      expect((await store.listPendingInvitations(owner.agencyId)).map((i) => i.id)).toEqual([kept.invitation.id]);

      await expect(store.redeemInvitation(kept.token, { email: owner.email.toUpperCase(), name: 'Dup', password: 'pw-dup-1234' })).rejects.toBeInstanceOf(EmailTakenError);
      expect((await store.checkInvitation(kept.token)).ok).toBe(true);
    });

    it('the owner disables and re-enables an agent of their own agency only; owners cannot be disabled', async () => {
      const owner = await hosts().create({ email: email('dis'), name: 'Dina', password: 'pw-dina-123' });
      const { token } = await hosts().createInvitation({ agencyId: owner.agencyId, createdBy: owner.id, ttlMs: DAY });
      const r = await hosts().redeemInvitation(token, { email: email('agt'), name: 'Al', password: 'pw-al-12345' });
      if (!r.ok) throw new Error(r.problem);
      const stranger = await hosts().create({ email: email('s2'), name: 'Sue', password: 'pw-sue-1234' });

      expect(await hosts().setDisabled(stranger.agencyId, r.host.id, true)).toBeNull();
      expect(await hosts().setDisabled(owner.agencyId, owner.id, true)).toBeNull();
      const disabled = await hosts().setDisabled(owner.agencyId, r.host.id, true);
      expect(disabled?.disabledAt).toBeInstanceOf(Date);
      expect((await hosts().get(r.host.id))?.disabledAt).toEqual(disabled?.disabledAt);
      expect((await hosts().setDisabled(owner.agencyId, r.host.id, false))?.disabledAt).toBeNull();
      expect((await hosts().get(owner.id))?.disabledAt).toBeNull();
    });
  });
}
