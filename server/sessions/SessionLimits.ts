/** Every tunable of the session runtime; the defaults are what production uses. */
export interface SessionLimits {
  /** How long a dropped viewer keeps its seat (hand, speaker, lead) before leaving the roster. */
  graceMs: number;
  maxViewers: number;
  /** Sessions end on their own this long after they started. */
  maxSessionAgeMs: number;
  /** Nominal pose rates; a socket may send 1.5× this (with a small burst) before poses are dropped. */
  leadPoseHz: number;
  viewerPoseHz: number;
  /** Gaze (everyone's pose but the lead's) is batched to the host and the lead this often. */
  gazeFlushMs: number;
  /** Poses are dropped for a socket with this much unsent data… */
  poseDropBytes: number;
  /** …and a socket that can't take the state lane any more is closed (`too_slow`) past this. */
  stateCloseBytes: number;
  helloTimeoutMs: number;
  /** Handshakes per client address (token bucket); null: unlimited (benchmarks). */
  hellosPerIp: { burst: number; perSecond: number } | null;
  /** Any frames, per socket: past this the socket is closed (`rate_limited`). */
  frames: { burst: number; perSecond: number };
  /** State-lane requests per socket; past this each gets an error. */
  intents: { burst: number; perSecond: number };
  chat: { burst: number; perSecond: number };
  /** Viewers' chat per session on this instance (the host is not limited). */
  roomChat: { burst: number; perSecond: number };
  /** Reactions per socket (a tap, not text: a little more than chat). */
  reactions: { burst: number; perSecond: number };
  /** Everyone's reactions per session on this instance: a crowd's applause can't flood the state lane. */
  roomReactions: { burst: number; perSecond: number };
  /** Voice signals per socket (built-in voice: a negotiation is two descriptions and a few ICE candidates). */
  signals: { burst: number; perSecond: number };
  /** Invalid frames per socket; past this the socket is closed (`protocol_error`). */
  invalidFrames: { burst: number; perSecond: number };
  /** How often connections held by dead instances are looked for. */
  sweepMs: number;
  heartbeatMs: number;
  /** A session with no sockets on this instance is unloaded after this long. */
  releaseAfterMs: number;
  /**
   * Snapshots are written at most this often per session (each is O(participants)): a join
   * storm of thousands costs a few writes a second, not one per join. Shutdown writes at once;
   * with Redis the log keeps every event in between anyway.
   */
  persistEveryMs: number;
}

export function sessionLimits(overrides: Partial<SessionLimits> = {}): SessionLimits {
  const graceMs = overrides.graceMs ?? 30_000;
  return {
    graceMs,
    maxViewers: 5000,
    maxSessionAgeMs: 24 * 3600_000,
    leadPoseHz: 20,
    viewerPoseHz: 10,
    gazeFlushMs: 100,
    poseDropBytes: 16 * 1024,
    stateCloseBytes: 4 * 1024 * 1024,
    helloTimeoutMs: 10_000,
    hellosPerIp: { burst: 40, perSecond: 2 },
    frames: { burst: 150, perSecond: 60 },
    intents: { burst: 20, perSecond: 4 },
    chat: { burst: 5, perSecond: 0.5 },
    roomChat: { burst: 30, perSecond: 5 },
    reactions: { burst: 6, perSecond: 1 },
    roomReactions: { burst: 60, perSecond: 20 },
    signals: { burst: 60, perSecond: 10 },
    invalidFrames: { burst: 10, perSecond: 0.5 },
    sweepMs: 10_000,
    heartbeatMs: 5000,
    releaseAfterMs: graceMs + 10_000,
    persistEveryMs: 250,
    ...overrides,
  };
}
