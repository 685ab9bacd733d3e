import { randomBytes } from 'node:crypto';

/** A manage-link token: 128 random bits, base64url (22 characters). Only its hash is stored. */
export function newManageToken(): string {
  return randomBytes(16).toString('base64url');
}
