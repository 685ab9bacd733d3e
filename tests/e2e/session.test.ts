import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LoginResult, Place } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';
import { waitSharp } from '../support/tourPage.ts';
import { drag, ready, view, waitView, yawDiff } from '../support/sessionPage.ts';

const base = inject('baseUrl');
const password = inject('hostPassword');
/** Set SESSION_SHOTS=<dir> to keep screenshots of the host and viewer screens. */
const SHOTS = process.env.SESSION_SHOTS;

let browser: Browser;
let login: LoginResult;
let demo: Place;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  // One sign-in for the file (sign-ins are rate-limited); the console keeps it in localStorage.
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'host@vantage.local', password }) });
  expect(res.status).toBe(200);
  login = (await res.json()) as LoginResult;
  demo = (await (await fetch(`${base}/api/places/demo-flat`)).json()) as Place;
  if (SHOTS) await mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

async function newPage(opts: { host?: boolean; viewport?: { width: number; height: number }; locale?: string; touch?: boolean } = {}): Promise<Page> {
  const ctx = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 720 }, locale: opts.locale ?? 'en-US', hasTouch: opts.touch, isMobile: opts.touch });
  contexts.push(ctx);
  if (opts.host) await ctx.addInitScript((s) => localStorage.setItem('vantage.hostSession', s), JSON.stringify(login));
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}

const roomName = (id: string) => demo.tour.scenes.find((s) => s.id === id)!.name;

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function joinAs(joinUrl: string, name: string, opts: Parameters<typeof newPage>[0] = {}) {
  const page = await newPage(opts);
  await page.goto(joinUrl);
  await page.getByLabel(opts.locale === 'zh-CN' ? '名字' : 'Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: opts.locale === 'zh-CN' ? '加入' : 'Join', exact: true }).click();
  await page.waitForURL(/\/s\/[A-Z0-9-]+/);
  return page;
}

describe('guided session', () => {
  let host: Page;
  let mum: Page;
  let joinUrl = '';
  let code = '';

  it('the host starts a session from the tour and gets a code, a link and a QR code that opens it', async () => {
    host = await newPage({ host: true });
    await host.goto(`${base}/places/demo-flat/tour?scene=living&yaw=-150&pitch=0&fov=90`);
    await waitSharp(host);
    await host.getByRole('button', { name: 'Start guided session' }).click();
    await host.waitForURL(/\/sessions\/[A-Za-z0-9_-]+\/host/);
    const dialog = host.getByRole('dialog', { name: 'Invite people to this tour' });
    await dialog.waitFor();
    code = (await host.getByTestId('session-code').textContent())!;
    joinUrl = await host.getByTestId('join-url').inputValue();
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(joinUrl).toBe(`${base}/join/${code}`);
    // The QR code is drawn on the page and a phone camera reads the join link from it.
    const png = await host.getByRole('img', { name: /QR code/ }).screenshot();
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data).toBe(joinUrl);
    await shot(host, 'host-share-desktop');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await ready(host);
    // The session opens where the host stood.
    expect(await view(host)).toMatchObject({ scene: 'living' });
    expect(host.url()).not.toContain('#');
  });

  it('a viewer joins by the link with a name and lands in the host’s room and view', async () => {
    mum = await joinAs(joinUrl, 'Mum');
    await ready(mum);
    const h = await view(host);
    await waitView(mum, h.scene, h.yaw, h.pitch);
    await mum.getByText('Following Vantage host').waitFor();
    await host.getByTestId('person-Mum').waitFor();
    await shot(mum, 'viewer-following-desktop');
  });

  it('the host changes room: the viewer changes within 500 ms', async () => {
    const arrival = mum.evaluate(
      () => new Promise<{ id: string; at: number }>((resolve) => window.__vantage!.tour.onScene((s) => resolve({ id: s.id, at: Date.now() }))),
    );
    const left = host.evaluate(() => new Promise<number>((resolve) => window.__vantage!.tour.onScene(() => resolve(Date.now()))));
    await host.getByRole('button', { name: `Go to ${roomName('kitchen')}` }).click();
    const [hostAt, got] = await Promise.all([left, arrival]);
    const ms = got.at - hostAt;
    console.log(`room change host → viewer: ${ms} ms`);
    expect(got.id).toBe('kitchen');
    expect(ms).toBeLessThan(500);
    await expect(mum.getByTestId('room-name').textContent()).resolves.toBe(roomName('kitchen'));
  });

  it('the host looks around: the following viewer’s view glides after it', async () => {
    await waitSharp(host);
    await drag(host, -300, 60);
    const h = await view(host);
    expect(yawDiff(h.yaw, -30)).toBeGreaterThan(20);
    await waitView(mum, 'kitchen', h.yaw, h.pitch, 1);
  });

  it('the viewer looks away (drag), taps Follow, and returns to the host’s view; the host sees it all', async () => {
    await waitSharp(mum);
    await drag(mum, 400);
    const follow = mum.getByRole('button', { name: 'Follow', exact: true });
    await follow.waitFor();
    const h = await view(host);
    const m = await view(mum);
    expect(yawDiff(h.yaw, m.yaw), 'the viewer looked away').toBeGreaterThan(20);
    // The host sees who stopped following, and where they look: a cone on the floor plan, a marker in the panorama.
    await host.getByTestId('person-Mum').getByText('Looking around on your own').waitFor();
    await host.locator('.tour-minimap .session-gaze .gaze').first().waitFor({ state: 'attached' });
    expect(await host.locator('.tour-minimap .session-gaze .gaze').count()).toBe(1);
    await shot(host, 'host-gaze-desktop');
    // While not following, the viewer stays put when the host turns.
    await drag(host, 100);
    await mum.waitForTimeout(400);
    expect(yawDiff((await view(mum)).yaw, m.yaw)).toBeLessThan(0.5);
    await shot(mum, 'viewer-looking-away-desktop');
    await follow.click();
    const h2 = await view(host);
    await waitView(mum, h2.scene, h2.yaw, h2.pitch, 1, 3000);
    await mum.getByText('Following Vantage host').waitFor();
    await host.getByTestId('person-Mum').getByText('Following Vantage host').waitFor();
  });

  it('the lead’s laser pointer reaches the viewer', async () => {
    await host.getByRole('button', { name: 'Laser pointer' }).click();
    const box = (await host.locator('.tour-canvas').boundingBox())!;
    await host.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.45);
    await host.mouse.move(box.x + box.width * 0.62, box.y + box.height * 0.45);
    await mum.locator('.laser-dot[data-on="1"]').waitFor({ state: 'attached', timeout: 3000 });
    // The dot sits over the same part of the room on both screens (same view while following).
    const hp = await host.evaluate(() => window.__vantageSession!.driver.pointer);
    expect(hp).not.toBeNull();
    await host.getByRole('button', { name: 'Laser pointer' }).click();
    await mum.locator('.laser-dot[data-on="0"]').waitFor({ state: 'attached', timeout: 3000 });
  });

  it('a late joiner lands in the host’s current room and view at once', async () => {
    await host.getByRole('button', { name: `Go to ${roomName('hallway')}` }).click();
    await waitSharp(host);
    await drag(host, 200, -40);
    const h = await view(host);
    const dad = await joinAs(joinUrl, 'Dad', { viewport: { width: 390, height: 844 }, touch: true, locale: 'zh-CN' });
    await dad.waitForFunction(() => !!window.__vantage, null, { timeout: 30_000 });
    // The very first view is the group's, not the room's default.
    const first = await view(dad);
    expect(first.scene).toBe('hallway');
    expect(yawDiff(first.yaw, h.yaw)).toBeLessThan(1.5);
    expect(Math.abs(first.pitch - h.pitch)).toBeLessThan(1.5);
    await ready(dad);
    await dad.getByText('正在跟随 Vantage host').waitFor();
    await shot(dad, 'viewer-phone-zh');
    await host.getByTestId('person-Dad').waitFor();
    await dad.getByRole('button', { name: '参与者' }).click();
    await shot(dad, 'viewer-phone-people-zh');
    await dad.getByRole('button', { name: '聊天' }).click();
    await shot(dad, 'viewer-phone-chat-zh');
    await dad.context().close();
  });

  it('while a viewer types their name, the session page and the group\'s room download; joining asks for neither again', async () => {
    const scene = (await view(host)).scene;
    const page = await newPage();
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(joinUrl);
    const preview = (p: string) => p.startsWith(`/tiles/demo-flat/${scene}/`) && /\/preview\.\w+$/.test(p);
    // Before any click: the name form is up, and the downloads have started.
    await page.getByLabel('Name', { exact: true }).waitFor();
    await expect.poll(() => asked.filter(preview).length, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => asked.some((p) => /\/assets\/SessionPage-[\w-]+\.js$/.test(p)), { timeout: 15_000 }).toBe(true);
    // The 3D bundle (three's renderer: whatever chunk the bundler put it in) is among them.
    await expect.poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /\/assets\/[\w.-]+\.js$/.test(e.name) && (e as PerformanceResourceTiming).decodedBodySize > 400_000)), { timeout: 15_000 }).toBe(true);
    const beforeJoin = asked.length;
    await page.getByLabel('Name', { exact: true }).fill('Gran');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.waitForURL(/\/s\/[A-Z0-9-]+/);
    await ready(page);
    expect((await view(page)).scene).toBe(scene);
    const afterJoin = asked.slice(beforeJoin);
    expect(afterJoin.filter(preview), 'the preview is not asked for twice').toEqual([]);
    expect(afterJoin.filter((p) => p.includes('/assets/SessionPage-')), 'nor the session page').toEqual([]);
    await host.getByTestId('person-Gran').waitFor();
    await page.context().close();
  });

  it('a viewer in a headset follows room changes, is never turned, and gets an arrow towards the host’s focus', async () => {
    const vr = await joinAs(joinUrl, 'Grandpa', { viewport: { width: 960, height: 540 } });
    // The seat stays in this browser; the emulated headset needs ?xr=emulate on the page that opens.
    await vr.goto(`${vr.url()}?xr=emulate`);
    await ready(vr);
    await vr.getByRole('button', { name: 'Enter VR' }).click();
    await vr.waitForFunction(() => window.__vantage?.xr.getState().session != null, null, { timeout: 30_000 });
    const before = await vr.evaluate(() => window.__vantage!.tour.view.view);
    // The host looks behind the headset wearer: nothing turns their head; an arrow shows the way.
    await host.evaluate(() => window.__vantage!.tour.view.setView({ yaw: 150, pitch: 0, fov: 90 }));
    await vr.waitForFunction(
      () => {
        const marks = window.__vantage!.tour.viewer.root.getObjectByName('session-xr-marks');
        return !!marks && marks.children[1].visible;
      },
      null,
      { timeout: 5000 },
    );
    expect(await vr.evaluate(() => window.__vantage!.tour.view.view)).toEqual(before);
    // Room changes still take them along.
    const t0 = Date.now();
    await host.getByRole('button', { name: `Go to ${roomName('kitchen')}` }).click();
    await vr.waitForFunction(() => window.__vantage!.tour.scene.id === 'kitchen', null, { timeout: 10_000 });
    console.log(`room change host → headset viewer: ${Date.now() - t0} ms (with the click)`);
    await vr.context().close();
    await host.getByRole('button', { name: `Go to ${roomName('hallway')}` }).click();
    await mum.waitForFunction(() => window.__vantage!.tour.scene.id === 'hallway', null, { timeout: 3000 });
  });

  it('the host hands the lead to a viewer: the viewer drives and the host follows; the host takes it back', async () => {
    await host.getByRole('button', { name: 'Hand the lead to Mum' }).click();
    await mum.getByText('You are leading').waitFor();
    await host.getByText('Following Mum').first().waitFor();
    // Mum walks: the host goes with her.
    const arrival = host.evaluate(() => new Promise<string>((resolve) => window.__vantage!.tour.onScene((s) => resolve(s.id))));
    await mum.getByRole('button', { name: `Go to ${roomName('bedroom')}` }).click();
    expect(await arrival).toBe('bedroom');
    await waitSharp(mum);
    await drag(mum, -250);
    const m = await view(mum);
    await waitView(host, 'bedroom', m.yaw, m.pitch, 1.5);
    await shot(mum, 'viewer-leading-desktop');
    await shot(host, 'host-following-desktop');
    // A viewer who does not lead cannot move the group: the server refuses, nothing changes.
    // The host takes the lead back and walks; Mum follows again.
    await host.getByRole('button', { name: 'Take back the lead' }).first().click();
    await mum.getByText('Following Vantage host').waitFor();
    await host.getByText('You are leading').waitFor();
    // The host was with her in the bedroom: she stays there (following the host where the host is now).
    await mum.waitForTimeout(500);
    expect((await view(mum)).scene).toBe('bedroom');
    await host.getByRole('button', { name: `Go to ${roomName('study')}` }).click();
    await mum.waitForFunction(() => window.__vantage!.tour.scene.id === 'study', null, { timeout: 3000 });
  });

  it('chat (as plain text) and a raised hand reach the host', async () => {
    await mum.getByRole('button', { name: 'Raise hand' }).click();
    await host.getByText('Mum raised a hand').waitFor();
    await host.getByTestId('person-Mum').getByText('hand raised').waitFor();
    await mum.getByRole('button', { name: 'Chat', exact: true }).click();
    const text = '<b>Is the balcony south-facing?</b>';
    await mum.getByRole('textbox', { name: 'Message' }).fill(text);
    await mum.getByRole('button', { name: 'Send' }).click();
    await host.getByRole('button', { name: 'Chat (1 new)' }).click();
    const msg = host.locator('.chat-msg').filter({ hasText: 'Is the balcony' });
    await msg.waitFor();
    expect(await msg.locator('.chat-text').textContent()).toBe(text);
    expect(await msg.locator('b').count(), 'never markup').toBe(0);
    expect(await msg.locator('.chat-name').textContent()).toBe('Mum:');
    await shot(host, 'host-chat-desktop');
    await host.getByRole('button', { name: 'People' }).first().click();
    await host.getByRole('button', { name: 'Lower Mum’s hand' }).click();
    await mum.getByRole('button', { name: 'Raise hand' }).waitFor();
  });

  it('voice is built in without LiveKit: the host has a microphone and push-to-talk, a viewer listens (tests/e2e/voice.test.ts hears it)', async () => {
    await host.getByRole('button', { name: 'Turn microphone on' }).waitFor();
    await host.getByRole('button', { name: 'Hold to talk' }).waitFor();
    await mum.getByText('Voice on').first().waitFor({ state: 'attached' });
    expect(await mum.getByRole('button', { name: 'Turn microphone on' }).count()).toBe(0);
  });

  it('on a phone the host gets the same controls', async () => {
    const phoneHost = await newPage({ host: true, viewport: { width: 390, height: 844 }, touch: true });
    // The host link works in another browser (a phone, a headset): it carries the key in its fragment.
    const id = new URL(host.url()).pathname.split('/')[2];
    const key = await host.evaluate((sid) => JSON.parse(localStorage.getItem(`vantage.sessionHost.${sid}`)!).hostKey as string, id);
    await phoneHost.goto(`${joinUrl}#host=${key}`);
    await phoneHost.waitForURL(/\/sessions\/.+\/host/);
    expect(phoneHost.url()).not.toContain(key);
    await ready(phoneHost);
    await shot(phoneHost, 'host-phone');
    await phoneHost.getByRole('button', { name: /People/ }).click();
    await shot(phoneHost, 'host-phone-people');
    await phoneHost.context().close();
  });

  it('the host ends the session: everyone sees it has ended', async () => {
    // The phone tab above took the host's seat; this one must be told to use it here again.
    if (await host.getByRole('button', { name: 'Use it here' }).isVisible().catch(() => false)) {
      await host.getByRole('button', { name: 'Use it here' }).click();
    }
    await host.goto(host.url());
    await ready(host);
    const panel = host.locator('.session-panel');
    if (!(await panel.isVisible())) await host.getByRole('button', { name: /People/ }).click();
    await host.getByRole('button', { name: 'End session' }).click();
    await host.getByRole('group', { name: 'End the tour for everyone?' }).getByRole('button', { name: 'End session' }).click();
    await mum.getByRole('alertdialog', { name: 'The tour has ended' }).waitFor();
    await host.getByRole('alertdialog', { name: 'The tour has ended' }).waitFor();
    await shot(mum, 'viewer-ended-desktop');
    const res = await fetch(`${base}/api/sessions/by-code/${code}`);
    expect(res.status).toBe(410);
  });
});

describe('join page', () => {
  it('asks for the code, says when it is wrong, and speaks Chinese', async () => {
    const page = await newPage({ locale: 'zh-CN' });
    await page.goto(`${base}/join`);
    await page.getByRole('textbox', { name: '邀请码' }).fill('nope');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('alert').getByText('这不是有效的邀请码', { exact: false }).waitFor();
    await page.getByRole('textbox', { name: '邀请码' }).fill('ABCDE-FGHJK');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.waitForURL(/\/join\/ABCDE-FGHJK/);
    await page.getByText('没有这个邀请码对应的带看', { exact: false }).waitFor();
    await page.context().close();
  });
});
