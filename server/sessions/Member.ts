import type { SessionRole } from '../protocol/session.ts';
import type { Peer } from './Peer.ts';
import type { TokenBucket } from './TokenBucket.ts';

/** A socket attached to a seat on this instance. */
export interface Member {
  readonly pid: string;
  readonly conn: string;
  readonly peer: Peer;
  readonly role: SessionRole;
  /** Welcomed: receives deltas and poses. */
  active: boolean;
  /** Its attach event has been applied. */
  attached: boolean;
  /** Closed by the session (replaced, removed, ended, kicked): its socket's close changes nothing more. */
  gone: boolean;
  readonly poses: TokenBucket;
}
