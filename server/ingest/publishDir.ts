import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Moves a fully written directory to `target` by rename, so readers see either the old
 * tiles or the new ones, never a half-written set. An existing `target` is first renamed
 * aside (rename can't replace a non-empty directory) and restored if the swap fails.
 * `dir` must be on the same filesystem as `target` (create it next to it).
 */
export async function publishDir(dir: string, target: string): Promise<void> {
  try {
    await rename(dir, target);
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOTDIR' && code !== 'EISDIR') throw err;
  }
  const aside = join(dirname(target), `.${basename(target)}.old-${randomBytes(4).toString('hex')}`);
  await rename(target, aside);
  try {
    await rename(dir, target);
  } catch (err) {
    await rename(aside, target).catch(() => {});
    throw err;
  }
  await rm(aside, { recursive: true, force: true });
}
