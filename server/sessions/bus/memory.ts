import { randomBytes } from 'node:crypto';
import type { Pose } from '../../protocol/session.ts';
import type { SessionEvent } from '../SessionEvent.ts';
import { LOG_MAX_ENTRIES, LOG_RESTART_GAP, type BusHandler, type BusSubscription, type LogEntry, type SessionBus } from './SessionBus.ts';
import { serverLog } from '../../log/serverLog.ts';

interface SessionLog {
  seq: number;
  entries: LogEntry[];
  poses: Map<string, Pose>;
  subscribers: Map<string, BusHandler>;
  /** Entries queued while a delivery is running, so re-entrant appends keep the order. */
  queue: LogEntry[];
  delivering: boolean;
  touched: number;
}

/** Sessions without subscribers are forgotten after this long (their next use restarts the log). */
const IDLE_FORGET_MS = 3600_000;

export interface MemoryBusHub {
  /** A bus for one (simulated) server instance; instances on one hub share logs and poses. */
  connect(): SessionBus;
}

/**
 * The in-process bus: one hub per process for `npm start`; tests connect several buses to
 * one hub to play several instances. Delivery is synchronous and in seq order.
 */
export function createMemoryBusHub(): MemoryBusHub {
  const logs = new Map<string, SessionLog>();
  const live = new Set<string>();

  const logOf = (id: string): SessionLog => {
    let l = logs.get(id);
    if (!l) {
      const now = Date.now();
      for (const [k, v] of logs) if (v.subscribers.size === 0 && now - v.touched > IDLE_FORGET_MS) logs.delete(k);
      l = { seq: 0, entries: [], poses: new Map(), subscribers: new Map(), queue: [], delivering: false, touched: now };
      logs.set(id, l);
    }
    l.touched = Date.now();
    return l;
  };

  const push = (l: SessionLog, entry: LogEntry) => {
    l.entries.push(entry);
    if (l.entries.length > LOG_MAX_ENTRIES) l.entries.shift();
    l.queue.push(entry);
    if (l.delivering) return;
    l.delivering = true;
    try {
      while (l.queue.length) {
        const e = l.queue.shift()!;
        for (const h of [...l.subscribers.values()]) {
          try {
            h.onEntry(e);
          } catch (err) {
            serverLog.error({ err }, 'Vantage: session bus subscriber failed');
          }
        }
      }
    } finally {
      l.delivering = false;
    }
  };

  return {
    connect(): SessionBus {
      const instanceId = randomBytes(6).toString('hex');
      live.add(instanceId);
      const mine = new Set<string>();
      let closed = false;
      return {
        kind: 'memory',
        instanceId,
        async append(sessionId: string, event: SessionEvent) {
          if (closed) throw new Error('Vantage: the session bus is closed');
          const l = logOf(sessionId);
          const entry: LogEntry = { seq: l.seq + 1, prev: l.seq, event };
          l.seq = entry.seq;
          push(l, entry);
          return entry.seq;
        },
        async subscribe(sessionId, afterSeq, handler): Promise<BusSubscription> {
          if (closed) throw new Error('Vantage: the session bus is closed');
          const l = logOf(sessionId);
          if (l.subscribers.has(instanceId)) throw new Error(`Vantage: this instance already subscribes to session ${sessionId}`);
          if (l.seq === 0 && afterSeq > 0) {
            // This process never saw the session: its earlier log died with the last process.
            l.seq = afterSeq + LOG_RESTART_GAP;
            l.entries.push({ seq: l.seq, prev: afterSeq, event: null });
          }
          const backlog = l.entries.filter((e) => e.seq > afterSeq);
          if (backlog.length && backlog[0].prev !== afterSeq) {
            // Older entries were trimmed: the caller's snapshot is too old to continue from.
            queueMicrotask(() => handler.onLost());
          } else {
            for (const e of backlog) handler.onEntry(e);
          }
          l.subscribers.set(instanceId, handler);
          mine.add(sessionId);
          return {
            async unsubscribe() {
              if (l.subscribers.get(instanceId) === handler) l.subscribers.delete(instanceId);
              mine.delete(sessionId);
            },
          };
        },
        publishPoses(sessionId, poses) {
          if (closed || poses.length === 0) return;
          const l = logOf(sessionId);
          for (const p of poses) l.poses.set(p.from, p);
          for (const [origin, h] of l.subscribers) {
            if (origin === instanceId) continue;
            try {
              h.onPoses(poses);
            } catch (err) {
              serverLog.error({ err }, 'Vantage: session bus pose subscriber failed');
            }
          }
        },
        publishSignal(sessionId, signal) {
          if (closed) return;
          const l = logs.get(sessionId);
          if (!l) return;
          for (const [origin, h] of l.subscribers) {
            if (origin === instanceId) continue;
            try {
              h.onSignal?.(signal);
            } catch (err) {
              serverLog.error({ err }, 'Vantage: session bus signal subscriber failed');
            }
          }
        },
        async latestPoses(sessionId) {
          return [...(logs.get(sessionId)?.poses.values() ?? [])];
        },
        forgetPoses(sessionId, ids) {
          const l = logs.get(sessionId);
          if (l) for (const id of ids) l.poses.delete(id);
        },
        async heartbeat() {
          if (!closed) live.add(instanceId);
        },
        async liveInstances(ids) {
          return new Set(ids.filter((id) => live.has(id)));
        },
        async close() {
          closed = true;
          live.delete(instanceId);
          for (const id of mine) logs.get(id)?.subscribers.delete(instanceId);
          mine.clear();
        },
      };
    },
  };
}

/** A single-instance in-process bus (what `npm start` uses without REDIS_URL). */
export function createMemoryBus(): SessionBus {
  return createMemoryBusHub().connect();
}
