import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LoginResult } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';
import { waitSharp } from '../support/tourPage.ts';
import { ready } from '../support/sessionPage.ts';

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

async function joinAs(joinUrl: string, name: string) {
  const page = await newPage({ phone: true });
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

  it('phone viewers who follow are listed as following, and their name tags at one spot stay readable', async () => {
    host = await newPage({ host: true });
    await host.goto(`${base}/places/demo-flat/tour?scene=living&yaw=-150&pitch=0&fov=90`);
    await waitSharp(host);
    await host.getByRole('button', { name: 'Start guided session' }).click();
    await host.waitForURL(/\/sessions\/[A-Za-z0-9_-]+\/host/);
    const joinUrl = await host.getByTestId('join-url').inputValue();
    await host.getByRole('dialog', { name: 'Invite people to this tour' }).getByRole('button', { name: 'Close' }).click();
    await ready(host);
    mum = await joinAs(joinUrl, 'Mum');
    dad = await joinAs(joinUrl, 'Dad');
    await mum.getByText('Following Vantage host').waitFor();
    await dad.getByText('Following Vantage host').waitFor();
    await host.waitForTimeout(1500);
    await host.screenshot({ path: '/tmp/helper-e-host-people.png' });
    await mum.screenshot({ path: '/tmp/helper-e-mum.png' });
    await host.getByTestId('person-Mum').getByText('Following Vantage host').waitFor({ timeout: 5000 });
    await host.getByTestId('person-Dad').getByText('Following Vantage host').waitFor({ timeout: 5000 });
    // Both look where the host looks: their tags are at one spot, and must not cover each other.
    const tags = host.locator('.gaze-marker[data-on="1"] span');
    await expect.poll(() => tags.count(), { timeout: 5000 }).toBe(2);
    const [a, b] = [(await tags.nth(0).boundingBox())!, (await tags.nth(1).boundingBox())!];
    expect(overlap(a, b), `tags ${JSON.stringify(a)} and ${JSON.stringify(b)} overlap`).toBe(false);
  });

  it('the host opens the dollhouse: the following viewer’s phone shows it too', async () => {
    await host.getByRole('button', { name: 'Dollhouse', exact: true }).click();
    await host.getByRole('region', { name: 'Dollhouse view' }).waitFor({ timeout: 90_000 });
    await mum.getByRole('region', { name: 'Dollhouse view' }).waitFor({ timeout: 90_000 });
  });
});
