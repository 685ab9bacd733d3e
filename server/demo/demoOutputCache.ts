import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { publishDir } from '../ingest/publishDir.ts';

/**
 * Where prepared demo outputs are kept between fresh data folders: VANTAGE_CACHE_DIR, else
 * node_modules/.cache/vantage (dropped with node_modules, like other build caches); `off`
 * turns it off (null).
 */
export function demoCacheDirFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const v = env.VANTAGE_CACHE_DIR?.trim();
  if (v === 'off') return null;
  return v ? path.resolve(v) : path.resolve(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'vantage');
}

const INGEST_DIR = path.resolve(import.meta.dirname, '..', 'ingest');
const LOCKFILE = path.resolve(import.meta.dirname, '..', '..', 'package-lock.json');
let fingerprint: Promise<string> | undefined;

/**
 * A hash of the ingest code (every file under server/ingest) and the locked dependency versions
 * (sharp, gltf-transform, meshoptimizer …): an edit to either misses the cache without anyone
 * remembering to bump a version constant.
 */
export function ingestCodeFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const hash = createHash('sha256');
    const files = (await readdir(INGEST_DIR, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    for (const f of [...files, LOCKFILE]) {
      hash.update(`${path.relative(INGEST_DIR, f)}\n`);
      hash.update(await readFile(f).catch(() => Buffer.from('missing')));
    }
    return hash.digest('hex');
  })();
  return fingerprint;
}

/** The cache key of one output: what kind of work, its options, the code that does it and the source's bytes. */
export async function demoCacheKey(kind: string, options: unknown, bytes: Uint8Array): Promise<string> {
  return createHash('sha256')
    .update(`${kind}\n${JSON.stringify(options)}\n${await ingestCodeFingerprint()}\n`)
    .update(bytes)
    .digest('hex')
    .slice(0, 32);
}

interface Manifest {
  key: string;
  /** ingestCodeFingerprint() when stored: entries of older code are removed when a new one is stored. */
  code: string;
  value: unknown;
  files: { path: string; size: number; sha256: string }[];
  /** Over key, value and files: a manifest edited or cut short does not match. */
  digest: string;
}

const manifestDigest = (m: Omit<Manifest, 'digest'>) => createHash('sha256').update(JSON.stringify([m.key, m.code, m.value, m.files])).digest('hex');
const MANIFEST = '.vantage-cache.json';

/**
 * Fills `outDir` from the cache entry `key` when there is an intact one (every file's size and
 * hash checked), else runs `produce` (which writes `outDir`) and stores a copy for next time.
 * The cache only ever saves time: an unreadable, tampered or half-written entry is ignored
 * and rebuilt, and a cache folder that cannot be written is logged once and left alone.
 * `value` (what `produce` returned) must be JSON.
 */
export async function cachedDemoOutput<T>(opts: {
  cacheDir: string | null;
  key: string;
  outDir: string;
  produce: () => Promise<T>;
  log?: (line: string) => void;
}): Promise<{ value: T; hit: boolean }> {
  const { cacheDir, key, outDir } = opts;
  const entry = cacheDir && path.join(cacheDir, key);
  if (entry) {
    const manifest = await readEntry(entry, key);
    if (manifest) {
      // Copied beside outDir and renamed in: a crash mid-copy leaves no half folder under the revision's name.
      const tmp = path.join(path.dirname(outDir), `.${path.basename(outDir)}.cache-${randomBytes(4).toString('hex')}`);
      try {
        await mkdir(path.dirname(outDir), { recursive: true });
        await cp(entry, tmp, { recursive: true, filter: (src) => path.basename(src) !== MANIFEST });
        await publishDir(tmp, outDir);
        return { value: manifest.value as T, hit: true };
      } catch {
        await rm(tmp, { recursive: true, force: true });
      }
    }
  }
  const value = await opts.produce();
  if (entry) await storeEntry(entry, key, outDir, value).catch((err: Error) => warnOnce(cacheDir, opts.log, err));
  return { value, hit: false };
}

async function readEntry(entry: string, key: string): Promise<Manifest | null> {
  try {
    const m = JSON.parse(await readFile(path.join(entry, MANIFEST), 'utf8')) as Manifest;
    if (m.key !== key || !Array.isArray(m.files) || m.digest !== manifestDigest(m)) return null;
    const present = (await listFiles(entry)).filter((f) => f !== MANIFEST);
    if (present.length !== m.files.length) return null;
    for (const f of m.files) {
      const bytes = await readFile(path.join(entry, ...f.path.split('/')));
      if (bytes.length !== f.size || sha256(bytes) !== f.sha256) return null;
    }
    return m;
  } catch {
    return null;
  }
}

async function storeEntry(entry: string, key: string, outDir: string, value: unknown): Promise<void> {
  const cacheDir = path.dirname(entry);
  await mkdir(cacheDir, { recursive: true });
  // Written whole in a temporary folder, then renamed: another server filling the same entry, or a crash, never leaves a mix.
  const tmp = path.join(cacheDir, `.tmp-${key}-${randomBytes(4).toString('hex')}`);
  try {
    await cp(outDir, tmp, { recursive: true });
    const files = [];
    for (const rel of await listFiles(tmp)) {
      const bytes = await readFile(path.join(tmp, ...rel.split('/')));
      files.push({ path: rel, size: bytes.length, sha256: sha256(bytes) });
    }
    const m = { key, code: await ingestCodeFingerprint(), value, files };
    await writeFile(path.join(tmp, MANIFEST), JSON.stringify({ ...m, digest: manifestDigest(m) }));
    await publishDir(tmp, entry);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  await pruneOtherCode(cacheDir, await ingestCodeFingerprint()).catch(() => {});
}

/** Each edit of the ingest code makes new entries (~17 MB for all demo content): the older code's go, and leftovers of crashed writes. */
async function pruneOtherCode(cacheDir: string, code: string): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    if (name.startsWith('.tmp-')) {
      // Another start may be writing it right now: only an hour-old one is a leftover.
      const age = Date.now() - (await stat(path.join(cacheDir, name)).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 3_600_000) await rm(path.join(cacheDir, name), { recursive: true, force: true });
      continue;
    }
    const stored = await readFile(path.join(cacheDir, name, MANIFEST), 'utf8').then((t) => (JSON.parse(t) as Partial<Manifest>).code, () => undefined);
    if (stored !== undefined && stored !== code) await rm(path.join(cacheDir, name), { recursive: true, force: true });
  }
}

/** Every file under dir, as sorted '/'-separated relative paths. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const warned = new Set<string>();
function warnOnce(cacheDir: string, log: ((line: string) => void) | undefined, err: Error) {
  if (warned.has(cacheDir)) return;
  warned.add(cacheDir);
  log?.(`Vantage: demo cache ${cacheDir} is not writable (${err.message}) — demo content is prepared afresh each time; set VANTAGE_CACHE_DIR to a writable folder or to off`);
}
