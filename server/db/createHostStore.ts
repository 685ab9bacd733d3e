import { randomUUID } from 'node:crypto';
import type { Db } from './Db.ts';
import { EmailTakenError } from './EmailTakenError.ts';
import { DECOY_HASH, hashPassword, verifyPassword } from './passwordHash.ts';

/** A host as the app sees it; the password hash never leaves the store. */
export interface Host {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  createdAt: Date;
}

export interface HostStore {
  /** Signs a host up; throws EmailTakenError when the email (any case) is taken. */
  create(input: { email: string; name: string; password: string }): Promise<Host>;
  get(id: string): Promise<Host | null>;
  findByEmail(email: string): Promise<Host | null>;
  /** The host when the password matches, else null; takes as long for an unknown email as for a wrong password. */
  verify(email: string, password: string): Promise<Host | null>;
}

interface HostRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: Date;
}

const toHost = (r: HostRow): Host => ({ id: r.id, email: r.email, name: r.name, createdAt: r.created_at });

/** Emails compare case-insensitively: stored and looked up lower-cased and trimmed. */
const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Hosts in the `hosts` table; run `migrate(db)` first. */
export function createHostStore(db: Db): HostStore {
  async function byEmail(email: string): Promise<HostRow | null> {
    const [row] = await db.query<HostRow>('select * from hosts where email = $1', [normaliseEmail(email)]);
    return row ?? null;
  }

  return {
    async create({ email, name, password }) {
      const normal = normaliseEmail(email);
      if (!normal.includes('@')) throw new Error(`Vantage: "${email}" is not an email address`);
      if (password.length === 0) throw new Error('Vantage: a host password may not be empty');
      const hash = await hashPassword(password);
      try {
        const [row] = await db.query<HostRow>(
          'insert into hosts (id, email, name, password_hash) values ($1, $2, $3, $4) returning *',
          [randomUUID(), normal, name, hash],
        );
        return toHost(row);
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw new EmailTakenError(normal); // unique_violation
        throw e;
      }
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
  };
}
