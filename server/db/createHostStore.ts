import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db, Queryable } from './Db.ts';
import { EmailTakenError } from './EmailTakenError.ts';
import { DECOY_HASH, hashPassword, verifyPassword } from './passwordHash.ts';

export type HostRole = 'owner' | 'agent';

/**
 * What an agent shows visitors besides their name (hosts.profile). `photo` and `wechatQr` are
 * names of files the server wrote in the host's folder (see storeHostImage), never URLs.
 */
export interface HostProfile {
  phone?: string;
  wechatId?: string;
  agency?: string;
  photo?: string;
  wechatQr?: string;
}

/** A host as the app sees it; the password hash never leaves the store. */
export interface Host {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  createdAt: Date;
  /** The agency the host works for; an owner sees all of its places, an agent only their own. */
  agencyId: string;
  role: HostRole;
  /** Set while the owner has disabled this agent: their tokens stop working and they cannot sign in. */
  disabledAt: Date | null;
  /** The public profile; {} until the host fills it in. */
  profile: HostProfile;
}

/** A pending, used, revoked or expired invitation; its token is never stored, only its hash. */
export interface Invitation {
  id: string;
  agencyId: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  usedAt: Date | null;
  usedBy: string | null;
}

/** Why an invitation link no longer works; `invalid` also covers a token that was never issued. */
export type InvitationProblem = 'invalid' | 'expired' | 'revoked' | 'used';

export type InvitationCheck =
  | { ok: true; invitation: Invitation; agencyName: string; invitedBy: string }
  | { ok: false; problem: InvitationProblem };

export interface HostStore {
  /** Signs a host up as the owner of a new agency; throws EmailTakenError when the email (any case) is taken. */
  create(input: { email: string; name: string; password: string }): Promise<Host>;
  get(id: string): Promise<Host | null>;
  findByEmail(email: string): Promise<Host | null>;
  /** The host when the password matches, else null; takes as long for an unknown email as for a wrong password. */
  verify(email: string, password: string): Promise<Host | null>;
  /** Everyone in the agency (owner first, then by name), disabled agents included. */
  listAgency(agencyId: string): Promise<Host[]>;
  /** The agency's display name (its owner's name when it was created). */
  agencyName(agencyId: string): Promise<string | null>;
  /** Disables or re-enables an agent of the agency; null when there is no such agent (owners cannot be disabled). */
  setDisabled(agencyId: string, hostId: string, disabled: boolean): Promise<Host | null>;
  /** A one-time invitation into the agency; the token is returned once and only its hash kept. */
  createInvitation(input: { agencyId: string; createdBy: string; ttlMs: number }): Promise<{ invitation: Invitation; token: string }>;
  /** Invitations not yet used, revoked or expired, newest first. */
  listPendingInvitations(agencyId: string): Promise<Invitation[]>;
  /** Revokes a pending invitation of the agency; false when there is none to revoke. */
  revokeInvitation(agencyId: string, id: string): Promise<boolean>;
  /** Whether the token opens a pending invitation, and if not, why not. */
  checkInvitation(token: string): Promise<InvitationCheck>;
  /**
   * Creates the agent and uses the invitation up, in one transaction: of any number of
   * redemptions at once exactly one succeeds. Throws EmailTakenError (the invitation stays pending).
   */
  redeemInvitation(token: string, input: { email: string; name: string; password: string }): Promise<{ ok: true; host: Host } | { ok: false; problem: InvitationProblem }>;
  /**
   * Changes the host's name and profile under a row lock (two saves at once both land, on any
   * instance); `change` returns what to store. Null when there is no such host.
   */
  updateProfile(id: string, change: (current: Pick<Host, 'name' | 'profile'>) => Pick<Host, 'name' | 'profile'>): Promise<{ before: Host; after: Host } | null>;
}

interface HostRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: Date;
  agency_id: string;
  role: HostRole;
  disabled_at: Date | null;
  profile: HostProfile;
}

interface InvitationRow {
  id: string;
  agency_id: string;
  token_hash: string;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  used_at: Date | null;
  used_by: string | null;
}

const toHost = (r: HostRow): Host => ({
  id: r.id,
  email: r.email,
  name: r.name,
  createdAt: r.created_at,
  agencyId: r.agency_id,
  role: r.role,
  disabledAt: r.disabled_at,
  profile: r.profile ?? {},
});

const toInvitation = (r: InvitationRow): Invitation => ({
  id: r.id,
  agencyId: r.agency_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  usedAt: r.used_at,
  usedBy: r.used_by,
});

/** Emails compare case-insensitively: stored and looked up lower-cased and trimmed. */
const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** 256 random bits: a plain SHA-256 is enough to keep a stolen database from opening invitations. */
const hashInvitationToken = (token: string) => createHash('sha256').update(token).digest('base64url');

const problemOf = (r: InvitationRow, now: Date): InvitationProblem | null =>
  r.used_at ? 'used' : r.revoked_at ? 'revoked' : r.expires_at.getTime() <= now.getTime() ? 'expired' : null;

function checkNewHost(email: string, password: string): string {
  const normal = normaliseEmail(email);
  if (!normal.includes('@')) throw new Error(`Vantage: "${email}" is not an email address`);
  if (password.length === 0) throw new Error('Vantage: a host password may not be empty');
  return normal;
}

async function insertHost(q: Queryable, h: { email: string; name: string; hash: string; agencyId: string; role: HostRole }): Promise<Host> {
  try {
    const [row] = await q.query<HostRow>(
      'insert into hosts (id, email, name, password_hash, agency_id, role) values ($1, $2, $3, $4, $5, $6) returning *',
      [randomUUID(), h.email, h.name, h.hash, h.agencyId, h.role],
    );
    return toHost(row);
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw new EmailTakenError(h.email); // unique_violation
    throw e;
  }
}

/** Hosts, agencies and invitations; run `migrate(db)` first. `now` is the clock invitations expire by. */
export function createHostStore(db: Db, opts: { now?: () => Date } = {}): HostStore {
  const now = opts.now ?? (() => new Date());

  async function byEmail(email: string): Promise<HostRow | null> {
    const [row] = await db.query<HostRow>('select * from hosts where email = $1', [normaliseEmail(email)]);
    return row ?? null;
  }

  return {
    async create({ email, name, password }) {
      const normal = checkNewHost(email, password);
      const hash = await hashPassword(password);
      return db.transaction(async (tx) => {
        const agencyId = `agency-${randomUUID()}`;
        await tx.query('insert into agencies (id, name) values ($1, $2)', [agencyId, name]);
        return insertHost(tx, { email: normal, name, hash, agencyId, role: 'owner' });
      });
    },
    async get(id) {
      const [row] = await db.query<HostRow>('select * from hosts where id = $1', [id]);
      return row ? toHost(row) : null;
    },
    async findByEmail(email) {
      const row = await byEmail(email);
      return row ? toHost(row) : null;
    },
    async verify(email, password) {
      const row = await byEmail(email);
      const ok = await verifyPassword(password, row?.password_hash ?? DECOY_HASH);
      return ok && row ? toHost(row) : null;
    },
    async listAgency(agencyId) {
      const rows = await db.query<HostRow>('select * from hosts where agency_id = $1', [agencyId]);
      // Sorted here: PGlite and a Postgres server collate differently.
      return rows
        .map(toHost)
        .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) || a.createdAt.getTime() - b.createdAt.getTime() : a.role === 'owner' ? -1 : 1));
    },
    async agencyName(agencyId) {
      const [row] = await db.query<{ name: string }>('select name from agencies where id = $1', [agencyId]);
      return row?.name ?? null;
    },
    async setDisabled(agencyId, hostId, disabled) {
      const [row] = await db.query<HostRow>(
        `update hosts set disabled_at = case when $3 then coalesce(disabled_at, $4) else null end
         where id = $1 and agency_id = $2 and role = 'agent' returning *`,
        [hostId, agencyId, disabled, now()],
      );
      return row ? toHost(row) : null;
    },
    async createInvitation({ agencyId, createdBy, ttlMs }) {
      const token = randomBytes(32).toString('base64url');
      const at = now();
      const [row] = await db.query<InvitationRow>(
        `insert into host_invitations (id, agency_id, token_hash, created_by, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6) returning *`,
        [randomUUID(), agencyId, hashInvitationToken(token), createdBy, at, new Date(at.getTime() + ttlMs)],
      );
      return { invitation: toInvitation(row), token };
    },
    async listPendingInvitations(agencyId) {
      const rows = await db.query<InvitationRow>(
        `select * from host_invitations
         where agency_id = $1 and used_at is null and revoked_at is null and expires_at > $2
         order by created_at desc, id`,
        [agencyId, now()],
      );
      return rows.map(toInvitation);
    },
    async revokeInvitation(agencyId, id) {
      const rows = await db.query(
        `update host_invitations set revoked_at = $3
         where id = $1 and agency_id = $2 and used_at is null and revoked_at is null returning id`,
        [id, agencyId, now()],
      );
      return rows.length === 1;
    },
    async checkInvitation(token) {
      const [row] = await db.query<InvitationRow & { agency_name: string; invited_by: string }>(
        `select i.*, a.name as agency_name, h.name as invited_by
         from host_invitations i join agencies a on a.id = i.agency_id join hosts h on h.id = i.created_by
         where i.token_hash = $1`,
        [hashInvitationToken(token)],
      );
      if (!row) return { ok: false, problem: 'invalid' };
      const problem = problemOf(row, now());
      return problem ? { ok: false, problem } : { ok: true, invitation: toInvitation(row), agencyName: row.agency_name, invitedBy: row.invited_by };
    },
    async redeemInvitation(token, { email, name, password }) {
      const normal = checkNewHost(email, password);
      // Hashed before the transaction: scrypt takes tens of milliseconds, the row lock should not.
      const hash = await hashPassword(password);
      const tokenHash = hashInvitationToken(token);
      const at = now();
      return db.transaction(async (tx) => {
        // The conditional update is the single use: a concurrent redemption waits for this row's
        // lock, then finds used_at set and matches nothing.
        const [won] = await tx.query<InvitationRow>(
          `update host_invitations set used_at = $2
           where token_hash = $1 and used_at is null and revoked_at is null and expires_at > $2 returning *`,
          [tokenHash, at],
        );
        if (!won) {
          const [row] = await tx.query<InvitationRow>('select * from host_invitations where token_hash = $1', [tokenHash]);
          return { ok: false as const, problem: row ? (problemOf(row, at) ?? 'used') : ('invalid' as const) };
        }
        const host = await insertHost(tx, { email: normal, name, hash, agencyId: won.agency_id, role: 'agent' });
        await tx.query('update host_invitations set used_by = $2 where id = $1', [won.id, host.id]);
        return { ok: true as const, host };
      });
    },
    async updateProfile(id, change) {
      return db.transaction(async (tx) => {
        const [row] = await tx.query<HostRow>('select * from hosts where id = $1 for no key update', [id]);
        if (!row) return null;
        const before = toHost(row);
        const next = change({ name: before.name, profile: before.profile });
        const [saved] = await tx.query<HostRow>('update hosts set name = $2, profile = $3::jsonb where id = $1 returning *', [id, next.name, JSON.stringify(next.profile)]);
        return { before, after: toHost(saved) };
      });
    },
  };
}
