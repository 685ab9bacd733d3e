import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LoginResult } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';
import { waitSharp } from '../support/tourPage.ts';
import { ready } from '../support/sessionPage.ts';

/**
 * The built-in voice (no LiveKit configured, as after `npm install && npm start`): audio really
 * flows between Chromiums with fake microphones — read from RTCPeerConnection.getStats, the
 * bytes of each inbound audio stream.
 */
const base = inject('baseUrl');
const password = inject('hostPassword');

let browser: Browser;
let login: LoginResult;
const contexts: BrowserContext[] = [];

declare global {
  interface Window {
    __pcs?: RTCPeerConnection[];
  }
}

beforeAll(async () => {
  browser = await launchChromium([], { fakeMedia: true });
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'host@vantage.local', password }) });
  expect(res.status).toBe(200);
  login = (await res.json()) as LoginResult;
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

async function newPage(opts: { host?: boolean; phone?: boolean } = {}): Promise<Page> {
  const ctx = await browser.newContext(opts.phone ? { ...PHONE, locale: 'en-US' } : { viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  contexts.push(ctx);
  if (opts.host) await ctx.addInitScript((s) => localStorage.setItem('vantage.hostSession', s), JSON.stringify(login));
  // Every peer connection the page makes, so the test can read its stats (the app keeps them private).
  await ctx.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const made: RTCPeerConnection[] = [];
    window.__pcs = made;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        made.push(this);
      }
    };
  });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}

/** Bytes received so far on each inbound audio stream of the page's open peer connections. */
const inbound = (page: Page) =>
  page.evaluate(async () => {
    const out: number[] = [];
    for (const pc of window.__pcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'audio') out.push(r.bytesReceived ?? 0);
      });
    }
    return out;
  });
const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Waits until `read` grows by more than a few packets of Opus (sound is arriving). */
async function grows(page: Page, read: (bytes: number[]) => number, what: string, timeout = 20_000) {
  const start = read(await inbound(page));
  const until = Date.now() + timeout;
  for (;;) {
    const now = read(await inbound(page));
    if (now > start + 3000) return now;
    if (Date.now() > until) throw new Error(`${what}: inbound audio did not grow (${start} → ${now} bytes)`);
    await page.waitForTimeout(250);
  }
}

/** Waits until `read` holds still across a second and a half (nothing is being sent). */
async function stops(page: Page, read: (bytes: number[]) => number, what: string, timeout = 20_000) {
  const until = Date.now() + timeout;
  let before = read(await inbound(page));
  for (;;) {
    await page.waitForTimeout(1500);
    const now = read(await inbound(page));
    if (now === before) return now;
    if (Date.now() > until) throw new Error(`${what}: inbound audio kept growing (${before} → ${now} bytes)`);
    before = now;
  }
}

describe('built-in voice (no LiveKit)', () => {
  let host: Page;
  let mum: Page;
  let dad: Page;
  let joinUrl = '';

  async function join(name: string, phone: boolean) {
    const page = await newPage({ phone });
    await page.goto(joinUrl);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.waitForURL(/\/s\/[A-Z0-9-]+/);
    await ready(page);
    return page;
  }

  it('the guide turns the microphone on: a viewer on a phone hears it', async () => {
    host = await newPage({ host: true });
    await host.goto(`${base}/places/demo-flat/tour?scene=living&yaw=-150&pitch=0&fov=90`);
    await waitSharp(host);
    await host.getByRole('button', { name: 'Start guided session' }).click();
    await host.waitForURL(/\/sessions\/[A-Za-z0-9_-]+\/host/);
    const dialog = host.getByRole('dialog', { name: 'Invite people to this tour' });
    joinUrl = await host.getByTestId('join-url').inputValue();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await ready(host);
    await host.getByRole('button', { name: 'Turn microphone on' }).click();
    await host.getByRole('button', { name: 'Turn microphone off' }).waitFor();

    mum = await join('Mum', true);
    await grows(mum, total, 'guide → viewer');
    // A listener has no microphone to turn on, and sends nothing back.
    expect(await mum.getByRole('button', { name: 'Turn microphone on' }).count()).toBe(0);
    expect(total(await inbound(host))).toBe(0);
    await mum.screenshot({ path: '/tmp/h18b-voice-viewer-phone.png' });
    await host.screenshot({ path: '/tmp/h18b-voice-host-desktop.png' });
  });

  it('a muted guide stops sending; holding Space talks again until let go', async () => {
    await host.getByRole('button', { name: 'Turn microphone off' }).click();
    await stops(mum, total, 'muted guide');
    // Space belongs to a focused button; away from it, it is push-to-talk.
    await host.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await host.keyboard.down('Space');
    await host.getByRole('button', { name: 'Hold to talk', pressed: true }).waitFor();
    await grows(mum, total, 'push-to-talk');
    await host.screenshot({ path: '/tmp/h18b-voice-host-ptt.png' });
    await host.keyboard.up('Space');
    await host.getByRole('button', { name: 'Turn microphone on' }).waitFor();
    await stops(mum, total, 'push-to-talk let go');
  });

  it('an invited viewer’s voice reaches the guide, and through the guide the other viewers', async () => {
    dad = await join('Dad', false);
    // The guide's microphone is off: Dad receives nothing yet.
    expect(total(await inbound(dad))).toBe(0);
    await host.getByRole('button', { name: 'People' }).first().click();
    await host.getByRole('button', { name: 'Invite Mum to speak' }).click();
    await mum.getByRole('button', { name: 'Hold to talk' }).waitFor();
    await mum.screenshot({ path: '/tmp/h18b-voice-invited-phone.png' });
    await mum.getByRole('button', { name: 'Turn microphone on' }).tap();
    await mum.getByRole('button', { name: 'Turn microphone off' }).waitFor();
    await grows(host, total, 'invited viewer → guide');
    // Dad hears Mum through the guide's browser (the guide's own microphone is still off).
    await grows(dad, total, 'invited viewer → guide → another viewer');
    expect((await inbound(dad)).length).toBe(1);
    await mum.screenshot({ path: '/tmp/h18b-voice-speaker-phone.png' });

    await host.getByRole('button', { name: 'Stop Mum speaking' }).click();
    await mum.getByRole('button', { name: 'Turn microphone on' }).waitFor({ state: 'detached' });
    await stops(host, total, 'invitation ended');
  });
});
