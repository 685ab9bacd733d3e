import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFile } from '../../../server/static/serveFile.ts';

let dir: string;
let root: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vantage-serve-'));
  root = path.join(dir, 'tiles');
  await mkdir(path.join(root, 'flat'), { recursive: true });
  await writeFile(path.join(dir, 'secret.txt'), 'the server secret');
  await writeFile(path.join(root, 'flat', 'preview.jpg'), 'a tile');
  // Planted links: one to a file outside the root, one to a folder outside it, one that stays inside.
  await symlink(path.join(dir, 'secret.txt'), path.join(root, 'flat', 'leak.jpg'));
  await symlink(dir, path.join(root, 'flat', 'up'));
  await symlink(path.join(root, 'flat', 'preview.jpg'), path.join(root, 'flat', 'alias.jpg'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('serveFile', () => {
  it('serves a file inside its root', async () => {
    const res = await serveFile(root, 'flat/preview.jpg', 'no-cache');
    expect(await res?.text()).toBe('a tile');
  });

  it('does not follow a symlink out of its root, to a file or through a folder', async () => {
    expect(await serveFile(root, 'flat/leak.jpg', 'no-cache')).toBeNull();
    expect(await serveFile(root, 'flat/up/secret.txt', 'no-cache')).toBeNull();
  });

  it('follows a symlink that stays inside its root', async () => {
    expect(await (await serveFile(root, 'flat/alias.jpg', 'no-cache'))?.text()).toBe('a tile');
  });
});
