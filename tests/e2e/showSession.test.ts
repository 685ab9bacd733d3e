import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LoginResult } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';

/**
 * The director's cut on the demo show (three flat angles and a 360° angle, served live from
 * the committed loop at /live/demo-show/<angle>/index.m3u8): a signed-in host starts a guided
 * session from the show's page, a viewer joins; the host's angle switch becomes the viewer's
 * big picture, near the host's moment; the viewer looks at an angle of their own, keeps it
 * through the host's next cut, and Follow snaps back; a chat message and a reaction reach the
 * host stamped with the show's time.
 */

const base = inject('baseUrl');
const password = inject('hostPassword');
let browser: Browser;
let login: LoginResult;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'host@vantage.local', password }) });
  expect(res.status).toBe(200);
  login = (await res.json()) as LoginResult;
}, 60_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

async function newPage(host = false): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 760 }, locale: 'en-US' });
  contexts.push(ctx);
  if (host) await ctx.addInitScript((s) => localStorage.setItem('vantage.hostSession', s), JSON.stringify(login));
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}

/** The angle shown big (the player's own state and the tile the stylesheet makes big agree). */
async function bigAngle(page: Page): Promise<string> {
  return page.evaluate(() => {
    const tile = document.querySelector<HTMLElement>('.session-show .show-tile[data-role="main"]');
    return `${window.__vantageShow?.main}|${tile?.dataset.angle}`;
  });
}

/** Waits until `angle` is big on `page` and its video moves (a picture, not a frozen or black tile). */
async function waitBig(page: Page, angle: string, timeout = 15_000) {
  await page.waitForFunction((a) => window.__vantageShow?.main === a && document.querySelector<HTMLElement>('.session-show .show-tile[data-role="main"]')?.dataset.angle === a, angle, { timeout, polling: 50 });
  const t0 = await page.evaluate((a) => document.querySelector<HTMLVideoElement>(`.show-tile[data-angle="${a}"] video`)!.currentTime, angle);
  await page.waitForFunction(
    ({ a, t0 }) => {
      const v = document.querySelector<HTMLVideoElement>(`.show-tile[data-angle="${a}"] video`)!;
      return v.currentTime > t0 + 0.3 && v.readyState >= 2;
    },
    { a: angle, t0 },
    { timeout, polling: 100 },
  );
}

describe('director’s cut on the demo show', () => {
  let host: Page;
  let viewer: Page;

  it('a host starts a session from the show’s page; a viewer joins on the main angle and follows the host’s switch', async () => {
    host = await newPage(true);
    await host.goto(`${base}/places/demo-show`);
    await host.getByRole('button', { name: 'Start guided session' }).click();
    await host.waitForURL(/\/sessions\/[A-Za-z0-9_-]+\/host/);
    const joinUrl = await host.getByTestId('join-url').inputValue();
    await host.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await host.getByTestId('session-show').waitFor();
    await waitBig(host, 'stage', 30_000);

    viewer = await newPage();
    await viewer.goto(joinUrl);
    await viewer.getByLabel('Name', { exact: true }).fill('Mei');
    await viewer.getByRole('button', { name: 'Join', exact: true }).click();
    await viewer.waitForURL(/\/s\/[A-Z0-9-]+/);
    await viewer.locator('[data-testid="session-show"][data-following="1"]').waitFor({ timeout: 30_000 });
    await waitBig(viewer, 'stage', 30_000);

    // The host picks the left camera for everyone.
    await host.locator('.show-tile[data-angle="left"] .show-pick').click();
    await waitBig(host, 'left');
    await waitBig(viewer, 'left');
    expect(await bigAngle(viewer)).toBe('left|left');
    expect(await viewer.getByTestId('session-show').getAttribute('data-host-angle')).toBe('left');
    // The viewer's picture is held near the host's moment (the follower's own measure, within its budget plus a frame or two).
    await viewer.waitForFunction(
      () => {
        const e = document.querySelector<HTMLElement>('[data-testid="session-show"]')?.dataset.syncError;
        return e !== undefined && e !== '' && Math.abs(Number(e)) <= 400;
      },
      null,
      { timeout: 15_000, polling: 100 },
    );
  }, 120_000);

  it('the viewer picks an angle of their own, keeps it through the host’s next cut, and Follow snaps back to the host’s', async () => {
    await viewer.locator('.show-tile[data-angle="wide"] .show-pick').click();
    await waitBig(viewer, 'wide');
    await viewer.locator('[data-testid="session-show"][data-following="0"]').waitFor();
    // The host sees the viewer stop following (the server's flag).
    await host.waitForFunction(() => window.__vantageSession?.client.state.snapshot?.participants.some((p) => p.name === 'Mei' && !p.following), null, { timeout: 10_000 });

    await host.locator('.show-tile[data-angle="stage"] .show-pick').click();
    await viewer.locator('[data-testid="session-show"][data-host-angle="stage"]').waitFor({ timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await bigAngle(viewer)).toBe('wide|wide');

    await viewer.getByRole('button', { name: 'Follow', exact: true }).click();
    await waitBig(viewer, 'stage');
    await viewer.locator('[data-testid="session-show"][data-following="1"]').waitFor();
  }, 60_000);

  it('the host cuts to the 360° angle and turns it: the viewer’s sphere turns with the host’s view', async () => {
    // Key 4: the fourth angle (keys 1–9 pick angles, as on the show's page).
    await host.locator('body').press('4');
    await waitBig(viewer, 'sphere');
    await viewer.locator('.show-tile[data-angle="sphere"] .show-360 canvas').waitFor({ timeout: 20_000 });
    await host.locator('.show-tile[data-angle="sphere"] .show-360 canvas').waitFor({ timeout: 20_000 });
    const yawOf = (p: Page) => p.evaluate(() => (window.__vantageSession!.driver.follow as unknown as { tour: { view: { view: { yaw: number } } } }).tour.view.view.yaw);
    const before = await yawOf(host);
    await host.keyboard.down('ArrowRight');
    await new Promise((r) => setTimeout(r, 900));
    await host.keyboard.up('ArrowRight');
    const after = await yawOf(host);
    expect(Math.abs(after - before)).toBeGreaterThan(10);
    // The pose lane carries the host's view; the follower's sphere glides to it.
    await viewer.waitForFunction(
      (yaw) => {
        const v = (window.__vantageSession!.driver.follow as unknown as { tour: { view: { view: { yaw: number } } } }).tour.view.view.yaw;
        return Math.abs(((v - yaw + 540) % 360) - 180) < 3;
      },
      after,
      { timeout: 10_000, polling: 100 },
    );
    await viewer.locator('[data-testid="session-show"][data-following="1"]').waitFor();
  }, 60_000);

  it('a chat message and a reaction reach the host stamped with the show’s time', async () => {
    await viewer.getByRole('button', { name: 'Applause' }).click();
    const reaction = host.locator('[data-testid="session-reactions"] li[data-reaction="clap"]');
    await reaction.waitFor({ timeout: 10_000 });
    expect(await reaction.getAttribute('title')).toMatch(/^Mei: Applause at \d{1,2}:\d{2}:\d{2}/);
    await viewer.getByRole('button', { name: 'Chat' }).click();
    await viewer.getByLabel('Message').fill('Bravo!');
    await viewer.keyboard.press('Enter');
    const msg = await host.waitForFunction(() => window.__vantageSession?.client.state.snapshot?.chat.find((c) => c.text === 'Bravo!'), null, { timeout: 10_000 });
    const chat = (await msg.jsonValue()) as { streamTime?: number; at: number };
    // Stream time is the program date of the viewer's picture: a moment of today's show, a few seconds behind the wall clock at most.
    expect(chat.streamTime).toBeGreaterThan(chat.at - 60_000);
    expect(chat.streamTime).toBeLessThanOrEqual(chat.at + 1000);
  }, 60_000);
});
