import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDirLock } from '../../../server/db/acquireDirLock.ts';

const root = await mkdtemp(path.join(tmpdir(), 'vantage-lock-'));
afterAll(() => rm(root, { recursive: true, force: true }));
let n = 0;
const lockPath = () => path.join(root, `db${++n}.lock`);

describe('acquireDirLock', () => {
  it('refuses a held lock, naming the holder, and grants it again once released', async () => {
    const lock = lockPath();
    const release = await acquireDirLock(lock, 'the test folder');
    expect(await readFile(lock, 'utf8')).toBe(String(process.pid));
    await expect(acquireDirLock(lock, 'the test folder')).rejects.toThrow(`the test folder is in use by process ${process.pid}`);
    await release();
    await (await acquireDirLock(lock, 'the test folder'))();
  });

  it('takes over the lock of a process that is gone', async () => {
    const lock = lockPath();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(lock, String(dead));
    const release = await acquireDirLock(lock, 'the test folder');
    expect(await readFile(lock, 'utf8')).toBe(String(process.pid));
    await release();
  });

  it('takes over a lock naming this pid that this process does not hold (pid reused after a restart)', async () => {
    const lock = lockPath();
    await writeFile(lock, String(process.pid));
    await (await acquireDirLock(lock, 'the test folder'))();
  });

  it('refuses a lock held by another live process', async () => {
    const lock = lockPath();
    await writeFile(lock, String(process.ppid));
    await expect(acquireDirLock(lock, 'the test folder')).rejects.toThrow(`in use by process ${process.ppid}`);
  });
});
