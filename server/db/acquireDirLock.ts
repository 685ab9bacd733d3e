import { open, readFile, unlink } from 'node:fs/promises';

/** Lock files this process holds; a lock naming our own pid but not in here is stale (pid reuse after a restart). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, just not ours to signal
  }
}

/**
 * Takes `lockPath` for this process (the file holds our pid) and returns its release.
 * PGlite will happily open a folder another instance has open, and two writers corrupt it:
 * this turns that into an error that names the other process. Locks of dead processes are taken over.
 */
export async function acquireDirLock(lockPath: string, what: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(lockPath, 'wx');
      await file.writeFile(String(process.pid));
      await file.close();
      held.add(lockPath);
      let released: Promise<void> | undefined;
      return () =>
        (released ??= (async () => {
          held.delete(lockPath);
          await unlink(lockPath).catch(() => {});
        })());
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
    const inUse = pid === process.pid ? held.has(lockPath) : pid > 0 && alive(pid);
    if (inUse) {
      throw new Error(
        `Vantage: ${what} is in use by process ${pid} — stop that server first, or set DATABASE_URL to share a Postgres server (lock: ${lockPath})`,
      );
    }
    await unlink(lockPath).catch(() => {}); // stale: its process is gone
  }
  throw new Error(`Vantage: could not take the lock ${lockPath} — another server is starting on the same folder`);
}
