import { mkdir } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { Db, Queryable } from './Db.ts';
import type { PgliteErrorData, PgliteReply, PgliteRequest } from './PgliteWorkerMessage.ts';
import { acquireDirLock } from './acquireDirLock.ts';

/** Distributive Omit, so each request kind keeps its own fields. */
type Ask = PgliteRequest extends infer R ? (R extends PgliteRequest ? Omit<R, 'id'> : never) : never;

/** The worker's error as the caller's: same message, name and Postgres fields (code, constraint…). */
function toError(d: PgliteErrorData): Error {
  return Object.assign(new Error(d.message), d.fields, { name: d.name });
}

/**
 * Embedded Postgres (WASM) persisted in `dir`, run on its own worker thread (pgliteWorker.ts)
 * so statements no longer block this thread's event loop. One Db owns the folder at a time
 * (`${dir}.lock`); a second open, from this process or another, throws instead of corrupting it.
 */
export async function createPgliteDb(dir: string): Promise<Db> {
  await mkdir(dir, { recursive: true });
  const release = await acquireDirLock(`${dir}.lock`, `the embedded database in ${dir}`);
  // No inherited flags: the entry registers its own loader, and flags meant for the main
  // module (--input-type, --eval…) fail in a worker.
  const worker = new Worker(new URL('./pgliteWorker.mjs', import.meta.url), { workerData: { dir }, execArgv: [] });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let stopped: Error | undefined;

  const settle = (reply: PgliteReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    // An idle database must not keep the process alive; one with work in flight must.
    if (pending.size === 0) worker.unref();
    if (reply.ok) p.resolve(reply.value);
    else p.reject(toError(reply.error));
  };
  const stop = (e: Error) => {
    stopped ??= e;
    for (const p of pending.values()) p.reject(stopped);
    pending.clear();
  };
  worker.on('message', settle);
  worker.on('error', (e) => stop(new Error(`Vantage: the embedded database in ${dir} failed: ${e.message}`, { cause: e })));
  worker.on('exit', (code) => stop(new Error(`Vantage: the embedded database in ${dir} has stopped (worker exit ${code})`)));

  function ask<T>(request: Ask, id = nextId++): Promise<T> {
    if (stopped) return Promise.reject(stopped);
    return new Promise<T>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  }

  // The worker answers id 0 once PGlite has opened (or failed to open) the folder.
  const ready = new Promise<unknown>((resolve, reject) => pending.set(0, { resolve, reject }));
  try {
    await ready;
  } catch (e) {
    await worker.terminate();
    await release();
    throw e;
  }
  worker.unref();

  const queryable = (tx?: number): Queryable => ({
    query: <T>(sql: string, params?: unknown[]) => ask<T[]>({ op: 'query', sql, params, tx }),
    exec: (sql: string) => ask<void>({ op: 'exec', sql, tx }),
  });
  let closed: Promise<void> | undefined;
  return {
    kind: 'pglite',
    ...queryable(),
    async transaction(fn) {
      const tx = await ask<number>({ op: 'begin' });
      let result;
      try {
        result = await fn(queryable(tx));
      } catch (e) {
        await ask({ op: 'end', tx, commit: false }).catch(() => {}); // the caller's error is the one to see
        throw e;
      }
      await ask({ op: 'end', tx, commit: true });
      return result;
    },
    close: () =>
      (closed ??= (async () => {
        try {
          if (!stopped) await ask({ op: 'close' });
        } finally {
          await worker.terminate();
          await release();
        }
      })()),
  };
}
