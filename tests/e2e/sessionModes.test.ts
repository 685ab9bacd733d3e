import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LoginResult } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';
import { waitSharp } from '../support/tourPage.ts';
import { drag, ready } from '../support/sessionPage.ts';

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
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

async function newPage(opts: { host?: boolean; phone?: boolean } = {}): Promise<Page> {
  const ctx = await browser.newContext(
    opts.phone ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: 'en-US' } : { viewport: { width: 1280, height: 720 }, locale: 'en-US' },
  );
  contexts.push(ctx);
  if (opts.host) await ctx.addInitScript((s) => localStorage.setItem('vantage.hostSession', s), JSON.stringify(login));
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}

/** A phone on a slow network: while `held`, what the server says waits (the page's own frames still go out). */
async function slowNetwork(page: Page) {
  const link = { held: false, waiting: [] as (string | Buffer)[], release: () => {} };
  await page.context().routeWebSocket(/\/ws\/sessions\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => (link.held ? link.waiting.push(m) : ws.send(m)));
    link.release = () => {
      link.held = false;
      for (const m of link.waiting.splice(0)) ws.send(m);
    };
  });
  return link;
}

async function joinAs(joinUrl: string, name: string, before?: (page: Page) => Promise<unknown>) {
  const page = await newPage({ phone: true });
  await before?.(page);
  await page.goto(joinUrl);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.waitForURL(/\/s\/[A-Z0-9-]+/);
  await ready(page);
  return page;
}

const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('a guided session follows the host into every view', () => {
  let host: Page;
  let mum: Page;
  let dad: Page;
  let mumLink: Awaited<ReturnType<typeof slowNetwork>>;

  it('phone viewers who follow are listed as following, and their name tags at one spot stay readable', async () => {
    host = await newPage({ host: true });
    await host.goto(`${base}/places/demo-flat/tour?scene=living&yaw=-150&pitch=0&fov=90`);
    await waitSharp(host);
    await host.getByRole('button', { name: 'Start guided session' }).click();
    await host.waitForURL(/\/sessions\/[A-Za-z0-9_-]+\/host/);
    const joinUrl = await host.getByTestId('join-url').inputValue();
    await host.getByRole('dialog', { name: 'Invite people to this tour' }).getByRole('button', { name: 'Close' }).click();
    await ready(host);
    mum = await joinAs(joinUrl, 'Mum', async (p) => (mumLink = await slowNetwork(p)));
    dad = await joinAs(joinUrl, 'Dad');
    await mum.getByText('Following Vantage host').waitFor();
    await dad.getByText('Following Vantage host').waitFor();
    await host.getByTestId('person-Mum').getByText('Following Vantage host').waitFor({ timeout: 5000 });
    await host.getByTestId('person-Dad').getByText('Following Vantage host').waitFor({ timeout: 5000 });
    // Both look where the host looks: their tags are at one spot, and must stay readable (not cover each other).
    const markers = host.locator('.gaze-marker[data-on="1"]');
    await expect.poll(() => markers.count(), { timeout: 5000 }).toBe(2);
    const tags = host.locator('.gaze-marker[data-on="1"] span:visible');
    const boxes = await Promise.all((await tags.all()).map((t) => t.boundingBox()));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!), `tags ${JSON.stringify(boxes)} overlap`).toBe(false);
    // Nobody is left out: both names are on the screen.
    const text = (await tags.allTextContents()).join(' ');
    expect(text).toContain('Mum');
    expect(text).toContain('Dad');
    await host.screenshot({ path: '/tmp/helper-e-host-tags.png' });
  });

  it('a viewer on a slow network looks away and taps Follow at once: the host lists her as following', async () => {
    await waitSharp(mum);
    // What the server says back (her "looking around" included) is late; her taps are not.
    mumLink.held = true;
    await drag(mum, 200);
    await host.getByTestId('person-Mum').getByText('Looking around on your own').waitFor();
    await mum.getByRole('button', { name: 'Follow', exact: true }).tap();
    await mum.getByText('Following Vantage host').waitFor();
    // The host is told at once; the late echo of "looking around" reaching her phone changes nothing.
    await host.getByTestId('person-Mum').getByText('Following Vantage host').waitFor({ timeout: 5000 });
    mumLink.release();
    await mum.getByText('Following Vantage host').waitFor();
    await expect.poll(() => host.getByTestId('person-Mum').locator('.person-status').textContent()).toContain('Following Vantage host');
  });

  it('the host opens the dollhouse: the following viewer’s phone shows it; the host flies into a room, the viewer ends there', async () => {
    await host.getByRole('button', { name: 'Dollhouse', exact: true }).click();
    const hostHouse = host.getByRole('region', { name: 'Dollhouse view' });
    await hostHouse.waitFor({ timeout: 90_000 });
    await mum.getByRole('region', { name: 'Dollhouse view' }).waitFor({ timeout: 90_000 });
    await mum.getByText('Following Vantage host').waitFor();
    await mum.waitForFunction(() => window.__vantage?.dollhouse?.flying === false, null, { timeout: 90_000, polling: 200 });
    await mum.screenshot({ path: '/tmp/helper-e-mum-dollhouse.png' });
    // The host picks the kitchen in the dollhouse and flies in: the viewer is back in the panorama, in the kitchen.
    await host.waitForFunction(() => window.__vantage?.dollhouse?.flying === false, null, { timeout: 90_000, polling: 200 });
    await hostHouse.locator('.dollhouse-markers').getByRole('button', { name: 'Kitchen', exact: true }).click();
    await hostHouse.waitFor({ state: 'detached', timeout: 60_000 });
    await mum.getByRole('region', { name: 'Dollhouse view' }).waitFor({ state: 'detached', timeout: 30_000 });
    await mum.waitForFunction(() => window.__vantage?.tour.scene.id === 'kitchen', null, { timeout: 10_000 });
    await mum.getByText('Following Vantage host').waitFor();
  });
});
