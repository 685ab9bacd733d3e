import type { Pose, VoiceSignal } from '../../protocol/session.ts';
import type { SessionEvent } from '../SessionEvent.ts';

/**
 * One entry of a session's log. `prev` is the seq of the entry before it, so a gap is
 * noticed even though seqs may jump. `event` null marks where the log restarts after it was
 * lost (a new process on the in-memory bus, or Redis without the log): the seq jumps ahead
 * so numbers a client saw before can't be reused, and resumes take a snapshot.
 */
export interface LogEntry {
  seq: number;
  prev: number;
  event: SessionEvent | null;
}

/** A voice signal on its way from one participant to another (the built-in voice's signalling). */
export interface RelayedSignal {
  from: string;
  to: string;
  signal: VoiceSignal;
}

export interface BusHandler {
  /** Every log entry after the subscription's starting seq, exactly once, in log order. */
  onEntry(entry: LogEntry): void;
  /** Poses published by other instances (never this one's own). */
  onPoses(poses: Pose[]): void;
  /** Voice signals published by other instances (never this one's own); the instance holding `to`'s socket delivers it. */
  onSignal?(signal: RelayedSignal): void;
  /** Entries after the cursor are gone from the log (trimmed while this instance was cut off): reload from the store. */
  onLost(): void;
}

export interface BusSubscription {
  unsubscribe(): Promise<void>;
}

/**
 * How the instances serving one session talk: the state lane (a sequenced, replayable log;
 * the order comes from the bus, not from any instance) and the pose lane (fire and forget,
 * latest wins, plus each participant's latest pose for late joiners). One bus object per
 * server instance. Implementations: memory.ts (in-process) and redis.ts.
 */
export interface SessionBus {
  readonly kind: 'memory' | 'redis';
  /** This instance's id: the origin of its poses, the prefix of its connection ids. */
  readonly instanceId: string;
  /** Appends an event to the session's log; resolves with its seq once sequenced. */
  append(sessionId: string, event: SessionEvent): Promise<number>;
  /**
   * Delivers every entry after `afterSeq` (the seq of the snapshot the caller holds), first
   * those already in the log, then live ones, in order; and other instances' poses. When the
   * bus has no log for the session yet `afterSeq` is from a persisted snapshot, the log
   * restarts past it (a `null` entry). One subscription per session per bus.
   */
  subscribe(sessionId: string, afterSeq: number, handler: BusHandler): Promise<BusSubscription>;
  /** Relays poses to the other instances and remembers each sender's latest. Never throws. */
  publishPoses(sessionId: string, poses: Pose[]): void;
  /** Relays a voice signal to the other instances serving the session (fire and forget, never stored). Never throws. */
  publishSignal(sessionId: string, signal: RelayedSignal): void;
  /** The latest pose of each participant who sent one recently. */
  latestPoses(sessionId: string): Promise<Pose[]>;
  /** Drops the remembered poses of participants who left. */
  forgetPoses(sessionId: string, participantIds: string[]): void;
  /** Marks this instance alive; call every few seconds. */
  heartbeat(): Promise<void>;
  /** Which of these instance ids are alive (their connections can be trusted). */
  liveInstances(ids: string[]): Promise<Set<string>>;
  close(): Promise<void>;
}

/** How far the seq jumps when a log restarts (see LogEntry). */
export const LOG_RESTART_GAP = 1_000_000;
/** Entries kept per session log; resumes older than this take a snapshot. */
export const LOG_MAX_ENTRIES = 2000;
