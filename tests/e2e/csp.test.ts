import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import type { LoginResult, Place } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';
import { startVantage, type Vantage } from '../support/startVantage.ts';
import { waitSharp } from '../support/tourPage.ts';
import { drag, ready } from '../support/sessionPage.ts';

/**
 * The app's journeys in Chromium under the Content-Security-Policy the server sends, failing
 * on any violation: the page's `securitypolicyviolation` events (through an init script, in
 * every frame and after every navigation), console messages about the policy, and reports
 * that reach the server's report endpoint (its log). A server of its own, to read that log.
 */

const SHOTS = '/tmp/vantage-csp';
let server: Vantage;
let dataDir: string;
let base: string;
let password: string;
let browser: Browser;
let demo: Place;
const violations: string[] = [];
const contexts: BrowserContext[] = [];

/** The server's log lines about CSP reports. */
const reportLines = () => server.log().split('\n').filter((l) => /CSP violation/.test(l));

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vantage-csp-'));
  password = `csp-${Math.random().toString(36).slice(2)}`;
  server = await startVantage({ dataDir, env: { VANTAGE_HOST_PASSWORD: password } });
  base = server.url;
  browser = await launchChromium();
  const res = await fetch(`${base}/api/places/demo-flat`);
  expect(res.status, 'the demo flat must exist on first start').toBe(200);
  demo = (await res.json()) as Place;
  await import('node:fs/promises').then((fs) => fs.mkdir(SHOTS, { recursive: true }));
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});
// A page left drawing would starve the next journey of the two cores.
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => {});
});

/** A page whose every CSP violation (any frame, any navigation, the console) lands in `into`. */
async function watchedPage(into: string[] = violations, opts: { host?: LoginResult } = {}): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  contexts.push(ctx);
  await ctx.exposeBinding('__vantageCspViolation', ({ frame }, v: string) => void into.push(`${v} (in ${frame.url()})`));
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __vantageCspViolation: (v: string) => void }).__vantageCspViolation;
      void report(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} "${e.sample}"`);
    });
  });
  if (opts.host) await ctx.addInitScript((s) => localStorage.setItem('vantage.hostSession', s), JSON.stringify(opts.host));
  const page = await ctx.newPage();
  page.on('console', (m) => void (/Content Security Policy|Refused to/i.test(m.text()) && into.push(`console: ${m.text()}`)));
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}

/** The page's own response carries the app's policy: without it this suite would prove nothing. */
function expectPolicy(res: Response | null) {
  const csp = res?.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res?.headers()['x-content-type-options']).toBe('nosniff');
}

async function signedIn(): Promise<LoginResult> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'host@vantage.local', password }) });
  expect(res.status).toBe(200);
  return (await res.json()) as LoginResult;
}

describe('the app runs under its Content-Security-Policy', () => {
  it('the tour: first paint, drag, a hotspot walk, the dollhouse', async () => {
    const page = await watchedPage();
    const scene = demo.tour.scenes.find((s) => s.id === demo.tour.startScene)!;
    const hotspot = scene.hotspots.find((h) => h.kind === 'scene')!;
    const target = demo.tour.scenes.find((s) => hotspot.kind === 'scene' && s.id === hotspot.target)!;
    expectPolicy(await page.goto(`${base}/places/demo-flat/tour?scene=${scene.id}&yaw=${hotspot.yaw}&pitch=${hotspot.pitch}&fov=90`));
    await waitSharp(page);
    // The tour link's stylesheets came as preloads and apply without an inline onload (applyAppStyles).
    const styles = await page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[data-app-style]')].map((l) => l.rel));
    expect(styles.length).toBeGreaterThan(0);
    expect(styles.every((rel) => rel === 'stylesheet')).toBe(true);
    expect(await page.locator('.tour').evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    await page.getByRole('button', { name: target.name, exact: true }).click();
    await page.waitForFunction((id) => window.__vantage?.status().sceneId === id, target.id);
    await waitSharp(page);
    await drag(page, -200, 40);
    await waitSharp(page);
    await page.getByRole('button', { name: 'Dollhouse', exact: true }).click();
    await page.locator('.dollhouse-ui[data-status="ready"]').waitFor({ timeout: 90_000 });
    await page.waitForFunction(() => window.__vantage?.dollhouse?.flying === false, null, { timeout: 90_000, polling: 100 });
    await page.screenshot({ path: `${SHOTS}/tour-dollhouse.png` });
    expect(violations).toEqual([]);
  });

  it('VR in the emulated headset: the emulator, the session and the controller models load', async () => {
    const page = await watchedPage();
    expectPolicy(await page.goto(`${base}/places/demo-flat/tour?xr=emulate`));
    await waitSharp(page);
    await page.getByRole('button', { name: 'Enter VR' }).click();
    await page.waitForFunction(() => window.__vantage?.xr.getState().session != null, null, { timeout: 30_000 });
    await page.waitForFunction(() => (window.__vantage?.xr.getState().inputSourceStates.length ?? 0) >= 2, null, { timeout: 30_000 });
    await page.waitForFunction(() => window.__vantage?.status().sharp === true, null, { timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/vr.png` });
    expect(violations).toEqual([]);
  });

  it('the host console: sign in, open a place, the room editor', async () => {
    const page = await watchedPage();
    expectPolicy(await page.goto(`${base}/host`));
    await page.getByLabel('Email').fill('host@vantage.local');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: demo.title }).click();
    await page.getByRole('heading', { level: 1, name: demo.title }).waitFor();
    const room = demo.tour.scenes[0];
    await page.getByRole('link', { name: `Hotspots and view: ${room.name}` }).click();
    await page.getByRole('application', { name: /Panorama/ }).waitFor();
    await page.waitForFunction(() => window.__vantageHost?.tour.viewer.status.sharp === true, null, { timeout: 30_000, polling: 100 });
    await page.screenshot({ path: `${SHOTS}/host-room-editor.png` });
    expect(violations).toEqual([]);
  });

  it('a guided session: the host starts it, a viewer joins', async () => {
    const host = await watchedPage(violations, { host: await signedIn() });
    expectPolicy(await host.goto(`${base}/places/demo-flat/tour?scene=living`));
    await waitSharp(host);
    await host.getByRole('button', { name: 'Start guided session' }).click();
    await host.waitForURL(/\/sessions\/[A-Za-z0-9_-]+\/host/);
    await host.getByRole('img', { name: /QR code/ }).waitFor();
    const joinUrl = await host.getByTestId('join-url').inputValue();
    await host.getByRole('dialog', { name: 'Invite people to this tour' }).getByRole('button', { name: 'Close' }).click();
    await ready(host);
    const viewer = await watchedPage();
    expectPolicy(await viewer.goto(joinUrl));
    await viewer.getByLabel('Name', { exact: true }).fill('Mum');
    await viewer.getByRole('button', { name: 'Join', exact: true }).click();
    await viewer.waitForURL(/\/s\/[A-Z0-9-]+/);
    await ready(viewer);
    await host.getByTestId('person-Mum').waitFor();
    await viewer.screenshot({ path: `${SHOTS}/session-viewer.png` });
    expect(violations).toEqual([]);
  });

  it('booking: book a slot, see the ticket with its QR', async () => {
    const page = await watchedPage();
    expectPolicy(await page.goto(`${base}/places/demo-flat`));
    await page.getByRole('link', { name: 'Book a visit' }).first().click();
    await page.waitForURL(/\/places\/demo-flat\/book/);
    await page.locator('label[data-slot-id]').first().click();
    await page.getByLabel('Name').fill('Li Wei');
    await page.getByLabel('Mobile phone').fill('+86 138 0013 8000');
    await page.getByLabel('How many people').fill('2');
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.waitForURL(/\/book\/manage\//);
    const qr = page.getByTestId('ticket-qr');
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/ticket.png` });
    expect(violations).toEqual([]);
  });

  it('no violation report reached the server', async () => {
    // Reports are sent after the violation, on their own: give stragglers a moment.
    await new Promise((r) => setTimeout(r, 1000));
    expect(reportLines()).toEqual([]);
  });
});

describe('framing', () => {
  let framer: Server;
  let framerUrl = '';

  beforeAll(async () => {
    // Another origin (another port), as an agency's site would be.
    framer = createServer((req, res) => {
      const src = req.url === '/host' ? `${base}/host` : `${base}/embed/places/demo-flat?scene=living`;
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>Agency</title><h1>Our flat</h1><iframe id="tour" src="${src}" width="900" height="560" allow="xr-spatial-tracking; fullscreen"></iframe>`);
    });
    await new Promise<void>((r) => framer.listen(0, '127.0.0.1', r));
    framerUrl = `http://127.0.0.1:${(framer.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => (framer ? framer.close(() => r()) : r())));

  it('another site can frame a public tour by its embed route, and it runs without violations', async () => {
    const seen: string[] = [];
    const page = await watchedPage(seen);
    const embedded = page.waitForResponse((r) => r.url().startsWith(`${base}/embed/places/demo-flat`));
    await page.goto(`${framerUrl}/`);
    const res = await embedded;
    expect(res.headers()['content-security-policy']).toContain('frame-ancestors *');
    const frame = page.frames().find((f) => f.url().startsWith(`${base}/embed/`))!;
    await frame.waitForFunction(() => window.__vantage?.status().sharp === true, null, { timeout: 60_000, polling: 100 });
    expect(await frame.getByTestId('room-name').textContent()).toBe(demo.tour.scenes.find((s) => s.id === 'living')!.name);
    // Nothing in it starts a guided session; its links leave the frame for a new tab.
    expect(await frame.getByRole('button', { name: 'Start guided session' }).count()).toBe(0);
    const popup = page.waitForEvent('popup');
    await frame.getByRole('link', { name: 'Book a visit' }).click();
    expect((await popup).url()).toContain('/places/demo-flat/book');
    expect(frame.url()).toContain('/embed/places/demo-flat');
    await page.screenshot({ path: `${SHOTS}/embed-in-agency.png` });
    expect(seen).toEqual([]);
  });

  it('the host console refuses to be framed, and the browser reports it', async () => {
    const seen: string[] = [];
    const page = await watchedPage(seen);
    const hostRes = page.waitForResponse((r) => r.url() === `${base}/host`);
    await page.goto(`${framerUrl}/host`);
    expect((await hostRes).headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await expect.poll(() => seen.join('\n'), { timeout: 10_000 }).toMatch(/frame-ancestors 'none'/);
    // The console never ran inside the frame: no sign-in form there.
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(await frame.locator('input').count().catch(() => 0)).toBe(0);
    await page.screenshot({ path: `${SHOTS}/host-in-agency.png` });
    // The report endpoint works: the browser's report of that refusal is in the server's log.
    await expect.poll(reportLines, { timeout: 10_000 }).toEqual([expect.stringMatching(/CSP violation \(enforced\): frame-ancestors blocked http:\/\/127\.0\.0\.1:\d+ on /)]);
  });
});
