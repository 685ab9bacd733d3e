import type { HelloFrame, SessionCloseReason } from '../protocol/session.ts';
import type { LiveSession } from './LiveSession.ts';
import type { Member } from './Member.ts';
import type { Peer } from './Peer.ts';
import type { SessionLimits } from './SessionLimits.ts';

/** Why a seat or a socket was refused, in words for the person. */
export type Refusal = { ok: false; reason: SessionCloseReason; message: string };

/**
 * What one socket's connection needs from the hub that accepted it: limits, a clock, the log,
 * the handshake rate and the seating. SessionHub implements it; SessionConnection knows only this.
 */
export interface SessionGate {
  readonly limits: SessionLimits;
  readonly now: () => number;
  readonly log: (line: string) => void;
  /** Handshakes per address; false when this one is over its rate. */
  allowHello(ip: string): boolean;
  /** Seats the socket of a valid hello: authenticates, attaches, sends the welcome. */
  attach(sessionId: string, peer: Peer, hello: HelloFrame): Promise<{ ok: true; live: LiveSession; member: Member } | Refusal>;
}
