import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/launchChromium.ts';
import { ROOT } from '../support/startVantage.ts';
import { WsClient, hostKeyOf, startSession } from '../unit/sessions/helpers/wsClient.ts';

/**
 * A show's replay in Chromium on the real server: two angles published live by `npm run live`
 * (ffmpeg test patterns, recorded), a watch party that chats and reacts during the show, then
 * the host offers the replay. The replay starts at the show's beginning (not the live edge),
 * pauses with Space, seeks with the keyboard, and shows the party's chat and reactions when
 * the picture reaches the moment they were sent — and hides them again on a seek back.
 */
const base = inject('baseUrl');
const password = inject('hostPassword');
const dataDir = inject('dataDir');
const SHOT_DIR = process.env.VANTAGE_SHOT_DIR ?? '/tmp';

let browser: Browser;
let page: Page;
let token = '';
let placeId = '';
let code = '';
let t0 = 0;

async function api(method: string, url: string, body?: unknown) {
  const res = await fetch(`${base}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(res.ok, `${method} ${url}: ${res.status}`).toBe(true);
  return res.json() as Promise<Record<string, unknown>>;
}

function publish(seconds: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', 'server/cli/live.ts', '--show', placeId, '--angle', 'Stage=testsrc', '--angle', 'Side=testsrc', '--files-only', '--seconds', String(seconds), '--segment', '1', '--window', '3'];
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.on('exit', (c) => (c === 0 ? resolve(out) : reject(new Error(`npm run live failed (${c}); is ffmpeg installed (apt-get install ffmpeg)?\n${out}`))));
  });
}

beforeAll(async () => {
  browser = await launchChromium();
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'host@vantage.local', password }) });
  token = ((await login.json()) as { token: string }).token;
  placeId = (await api('POST', '/api/host/places', { kind: 'show', title: 'Replay gala' })).id as string;
  await api('PUT', `/api/host/places/${placeId}/show`, {});
  for (const [id, label] of [['stage', 'Stage'], ['side', 'Side']])
    await api('PUT', `/api/host/places/${placeId}/show/angles/${id}`, { id, label, projection: 'flat', offsetMs: 0, source: { kind: 'published' } });
  await api('PATCH', `/api/host/places/${placeId}/show`, { status: 'live' });
  await api('PATCH', `/api/host/places/${placeId}`, { published: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe('a show’s replay', () => {
  it('records the live show and the watch party’s chat and reaction at their stream time', async () => {
    const s = await startSession(base, token, placeId);
    code = s.code;
    const host = await WsClient.connect(base.replace(/^http/, 'ws'), s.id, { hostKey: hostKeyOf(s.hostUrl) });
    try {
      await publish(9);
      const archive = await readFile(path.join(dataDir, 'tiles', placeId, '_show', 'stage', 'archive.m3u8'), 'utf8');
      t0 = Date.parse(/#EXT-X-PROGRAM-DATE-TIME:(\S+)/.exec(archive)![1]);
      // Sent as a viewer's screen would stamp them: the picture 6 s into the show.
      host.send({ type: 'chat', text: 'Bravo, the left wing!', streamTime: t0 + 6000 });
      host.send({ type: 'react', reaction: 'heart', streamTime: t0 + 6200 });
      await host.next('delta', (d) => d.changes.some((c) => c.type === 'reaction'));
    } finally {
      await host.close();
    }
    await api('PATCH', `/api/host/places/${placeId}/show`, { status: 'ended' });
    await api('PATCH', `/api/host/places/${placeId}/show`, { status: 'replay' });
  }, 90_000);

  it('plays from the start, pauses with Space, and shows the chat and the reaction at their moment, not before and not after a seek back', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    page = await ctx.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    try {
      await page.goto(`${base}/places/${placeId}?party=${code}`);
      await page.getByTestId('show-status').getByText('Replay').waitFor();
      const bar = page.getByTestId('replay-bar');
      await bar.waitFor({ timeout: 20_000 });
      const at = () => page.evaluate(() => window.__vantageShow!.replayPosition());
      // The recording from its first picture, not the live edge.
      await page.waitForFunction(() => (window.__vantageShow?.replayPosition()?.streamMs ?? 0) > 0, undefined, { timeout: 20_000 });
      const first = (await at())!;
      expect(first.duration).toBeGreaterThan(7);
      expect(first.streamMs! - t0).toBeLessThan(3000);
      expect(await page.getByTestId('replay-chat-empty').textContent()).toBe('Nothing said yet at this point of the show.');

      // Space pauses every angle; the position holds.
      await page.locator('body').press(' ');
      await page.waitForFunction(() => window.__vantageShow!.replayPosition()?.paused === true);
      const held = (await at())!.at;
      await page.waitForTimeout(600);
      expect((await at())!.at).toBeCloseTo(held, 1);
      expect(await page.evaluate(() => [...window.__vantageShow!.players.values()].every((p) => p.video.paused))).toBe(true);

      // The scrubber by keyboard: 5 s on → the moment the party spoke and reacted has come.
      const slider = page.getByRole('slider', { name: 'Position in the replay' });
      await slider.focus();
      await slider.press('Home');
      await slider.press('ArrowRight');
      await slider.press('ArrowRight');
      // Space on the scrubber plays again (as in every video player).
      await slider.press(' ');
      await page.waitForFunction(() => (window.__vantageShow!.replayPosition()?.streamMs ?? 0) > 0 && !window.__vantageShow!.replayPosition()!.paused);
      const chat = page.getByTestId('replay-chat');
      await chat.waitFor({ timeout: 10_000 });
      expect(await chat.locator('li').allTextContents()).toEqual([expect.stringMatching(/^.+, \d\d:\d\d:\d\d( [AP]M)? Bravo, the left wing!$/)]);
      expect((await at())!.streamMs! - t0).toBeGreaterThanOrEqual(6000);
      await page.getByTestId('replay-reactions').locator('[data-reaction="heart"]').waitFor({ timeout: 5000 });
      await page.waitForTimeout(500); // the reaction's fade-in, for the screenshot
      await page.screenshot({ path: `${SHOT_DIR}/vantage-show-replay-1280.png`, fullPage: true });

      // Back to the start: what was said later is not shown yet.
      await slider.focus();
      await slider.press('Home');
      await page.getByTestId('replay-chat-empty').waitFor({ timeout: 5000 });
      expect(await page.getByTestId('replay-reactions').locator('span').count()).toBe(0);
      // The other angle plays the same moment of the recording.
      await page.waitForFunction(() => {
        const ps = [...window.__vantageShow!.players.values()];
        const t = ps.map((p) => p.programMs());
        return t.every((x) => x !== null) && Math.abs(t[0]! - t[1]!) < 200;
      }, undefined, { timeout: 10_000 });
    } finally {
      await ctx.close();
    }
  }, 90_000);

  it('without the party’s code shows reactions only, and says so', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    try {
      const p = await ctx.newPage();
      await p.goto(`${base}/places/${placeId}`);
      await p.getByTestId('replay-bar').waitFor({ timeout: 20_000 });
      await p.getByText('各观看派对的互动表情会在当时的时刻出现。打开你所在派对的链接可以看到聊天。').waitFor();
      expect(await p.getByTestId('replay-chat').count()).toBe(0);
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await p.screenshot({ path: `${SHOT_DIR}/vantage-show-replay-390.png` });
    } finally {
      await ctx.close();
    }
  }, 60_000);
});
