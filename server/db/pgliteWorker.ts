/**
 * The embedded database's thread: PGlite runs each statement synchronously on the thread that
 * owns it, so here it no longer stalls the server's event loop (HTTP, sockets) and the two use
 * both cores. Answers PgliteRequests from createPgliteDb; every answer goes out after PGlite
 * has returned, i.e. after the COMMIT has written its WAL to the file, so a 201 sent on it
 * survives kill -9 exactly as before. Started through pgliteWorker.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { PgliteErrorData, PgliteReply, PgliteRequest } from './PgliteWorkerMessage.ts';
import { typeParsers } from './typeParsers.ts';

const port = parentPort!;
const send = (reply: PgliteReply) => port.postMessage(reply);

function errorData(e: unknown): PgliteErrorData {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), fields: {} };
  const fields: PgliteErrorData['fields'] = {};
  for (const [k, v] of Object.entries(e)) {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) fields[k] = v as string | number | boolean | null;
  }
  return { name: e.name, message: e.message, fields };
}

interface OpenTx {
  tx: Transaction;
  /** Lets PGlite's transaction callback return (commit) or throw (rollback). */
  end: (commit: boolean) => void;
  /** PGlite's transaction() promise: settles once COMMIT or ROLLBACK has run. */
  settled: Promise<void>;
}

const ROLLBACK = Symbol('rollback');
const txs = new Map<number, OpenTx>();
let pg: PGlite;

/** Opens a transaction; resolves once BEGIN has run (PGlite holds every other query meanwhile). */
function begin(id: number): Promise<number> {
  return new Promise((started, failed) => {
    let end!: (commit: boolean) => void;
    const decided = new Promise<boolean>((r) => (end = r));
    const settled = pg
      .transaction(async (tx) => {
        txs.set(id, { tx, end, settled });
        started(id);
        if (!(await decided)) throw ROLLBACK;
      })
      .catch((e) => {
        if (e !== ROLLBACK) throw e;
      });
    settled.catch(failed); // BEGIN itself failed; once started this is a no-op
  });
}

function target(tx: number | undefined): PGlite | Transaction {
  if (tx === undefined) return pg;
  const open = txs.get(tx);
  if (!open) throw new Error(`Vantage: transaction ${tx} has already ended; use tx only inside db.transaction's callback`);
  return open.tx;
}

async function handle(m: PgliteRequest): Promise<unknown> {
  switch (m.op) {
    case 'query':
      return (await target(m.tx).query(m.sql, m.params)).rows;
    case 'exec':
      await target(m.tx).exec(m.sql);
      return undefined;
    case 'begin':
      return begin(m.id);
    case 'end': {
      const open = txs.get(m.tx);
      if (!open) throw new Error(`Vantage: transaction ${m.tx} has already ended`);
      txs.delete(m.tx);
      open.end(m.commit);
      await open.settled;
      return undefined;
    }
    case 'close':
      await pg.close();
      return undefined;
  }
}

try {
  pg = await PGlite.create((workerData as { dir: string }).dir, { parsers: typeParsers });
  send({ id: 0, ok: true });
} catch (e) {
  send({ id: 0, ok: false, error: errorData(e) });
}
// Requests run as they come, not one after another: PGlite queues them itself, and a query
// sent while a transaction is open must wait for it without holding up the transaction's own.
port.on('message', (m: PgliteRequest) => {
  handle(m).then(
    (value) => send({ id: m.id, ok: true, value }),
    (e) => send({ id: m.id, ok: false, error: errorData(e) }),
  );
});
