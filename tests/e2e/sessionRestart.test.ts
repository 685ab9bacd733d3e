import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CreateSessionResult } from '../../server/protocol/session.ts';
import type { LoginResult, Place } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';
import { startVantage, type Vantage } from '../support/startVantage.ts';
import { waitSharp } from '../support/tourPage.ts';
import { drag, ready, view, waitView, yawDiff } from '../support/sessionPage.ts';

// Its own server (not the shared e2e one): this file kills it with SIGKILL mid-session and
// starts it again on the same port and DATA_DIR, with the embedded defaults (in-process bus,
// session state in PGlite, no Redis). The global setup has already built the client.
const env = { VANTAGE_SKIP_BUILD: '1', VANTAGE_HOST_PASSWORD: `restart-${Math.random().toString(36).slice(2)}`, REDIS_URL: '' };
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vantage-session-restart-'));
let server: Vantage | undefined;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  server = await startVantage({ dataDir, env });
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}

/** The ms between the host entering a room and `viewer` entering it. */
async function roomChange(host: Page, viewer: Page, button: string, expected: string) {
  const arrival = viewer.evaluate(() => new Promise<{ id: string; at: number }>((r) => window.__vantage!.tour.onScene((s) => r({ id: s.id, at: Date.now() }))));
  const left = host.evaluate(() => new Promise<number>((r) => window.__vantage!.tour.onScene(() => r(Date.now()))));
  await host.getByRole('button', { name: button }).click();
  const [hostAt, got] = await Promise.all([left, arrival]);
  expect(got.id).toBe(expected);
  return got.at - hostAt;
}

it('SIGKILL mid-session: both clients reconnect by themselves to the same room and view; the viewer still follows; the host still leads and can end it', async () => {
  const s = server!;
  const login = (await (
    await fetch(`${s.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'host@vantage.local', password: env.VANTAGE_HOST_PASSWORD }) })
  ).json()) as LoginResult;
  const demo = (await (await fetch(`${s.url}/api/places/demo-flat`)).json()) as Place;
  const roomName = (id: string) => demo.tour.scenes.find((x) => x.id === id)!.name;
  const created = await fetch(`${s.url}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ placeId: 'demo-flat' }),
  });
  expect(created.status).toBe(201);
  const session = (await created.json()) as CreateSessionResult;

  // The host opens the secret host link; a viewer joins by the code link with a name.
  const host = await newPage();
  await host.goto(session.hostUrl);
  await host.waitForURL(/\/sessions\/.+\/host/);
  await ready(host);
  const mum = await newPage();
  await mum.goto(session.joinUrl);
  await mum.getByLabel('Name', { exact: true }).fill('Mum');
  await mum.getByRole('button', { name: 'Join', exact: true }).click();
  await mum.waitForURL(/\/s\/[A-Z0-9-]+/);
  await ready(mum);
  await mum.getByText('Following Vantage host').waitFor();
  const mumId = await mum.evaluate(() => window.__vantageSession!.client.state.me!.id);

  // The host walks to the kitchen and turns; the viewer goes along.
  await roomChange(host, mum, `Go to ${roomName('kitchen')}`, 'kitchen');
  await waitSharp(host);
  await drag(host, -300, 50);
  const turnedInKitchen = await view(host);
  await waitView(mum, 'kitchen', turnedInKitchen.yaw, turnedInKitchen.pitch, 1);

  // The host walks briskly through the living room on to the hallway; the moment the viewer
  // has arrived there too — news everyone has seen — the server dies with kill -9: no shutdown
  // hook, no bye frame, no last write.
  await host.getByRole('button', { name: `Go to ${roomName('living')}` }).click();
  await host.waitForFunction(() => window.__vantage!.tour.scene.id === 'living', null, { polling: 10 });
  await host.getByRole('button', { name: `Go to ${roomName('hallway')}` }).click();
  await mum.waitForFunction(() => window.__vantage!.tour.scene.id === 'hallway', null, { timeout: 3000, polling: 10 });
  s.proc.kill('SIGKILL');
  await new Promise((r) => (s.proc.exitCode !== null || s.proc.signalCode !== null ? r(null) : s.proc.once('exit', r)));
  expect(s.proc.signalCode).toBe('SIGKILL');
  const before = await view(host);
  expect(before.scene).toBe('hallway');

  // Both screens say they are reconnecting (and keep the tour where it was).
  await host.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor({ timeout: 10_000 });
  await mum.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor({ timeout: 10_000 });
  expect((await view(mum)).scene).toBe('hallway');

  server = await startVantage({ dataDir, env, port: s.port });
  expect(server.port).toBe(s.port);

  // No reload: the clients come back on their own (backoff up to a few seconds) and say so.
  // ("Back online" shows for a few seconds: watch both screens at once.)
  await Promise.all(
    [host, mum].map(async (p) => {
      await p.getByRole('status').filter({ hasText: 'Back online' }).waitFor({ timeout: 30_000 });
      expect(await p.evaluate(() => window.__vantageSession!.client.state)).toMatchObject({ status: 'live', resumed: true });
    }),
  );
  // Same room and view, the viewer still following, the host still leading.
  // The group's room is the one everyone saw before the crash, on the state lane too (what late joiners get).
  for (const p of [host, mum]) expect(await p.evaluate(() => window.__vantageSession!.client.state.snapshot!.room.sceneId)).toBe('hallway');
  expect((await view(host)).scene).toBe('hallway');
  await waitView(mum, 'hallway', before.yaw, before.pitch, 1.5);
  await mum.getByText('Following Vantage host').waitFor();
  await host.getByText('You are leading').waitFor();
  expect(await mum.evaluate(() => window.__vantageSession!.client.state.me!.id)).toBe(mumId);
  // The host sees one Mum, connected (her seat survived; no ghost of the dead connection).
  await host.getByTestId('person-Mum').waitFor();
  expect(await host.getByTestId('person-Mum').count()).toBe(1);
  await host.waitForFunction((id) => window.__vantageSession!.client.state.snapshot!.participants.find((p) => p.id === id)?.connected === true, mumId, { timeout: 10_000 });

  // After the restart the host still drives: a room change reaches the viewer within 500 ms.
  await waitSharp(host);
  const ms = await roomChange(host, mum, `Go to ${roomName('living')}`, 'living');
  console.log(`room change host → viewer after a restart: ${ms} ms`);
  expect(ms).toBeLessThan(500);
  await waitSharp(host);
  const entered = await view(host);
  await drag(host, 250);
  const turned = await view(host);
  expect(yawDiff(turned.yaw, entered.yaw)).toBeGreaterThan(10);
  await waitView(mum, 'living', turned.yaw, turned.pitch, 1);

  // A reload of the viewer's page keeps her seat and her name.
  await mum.reload();
  await ready(mum);
  expect(await mum.evaluate(() => window.__vantageSession!.client.state.me!.id)).toBe(mumId);
  expect(await mum.evaluate((id) => window.__vantageSession!.client.state.snapshot!.participants.find((p) => p.id === id)?.name, mumId)).toBe('Mum');
  expect((await view(mum)).scene).toBe('living');
  await mum.getByText('Following Vantage host').waitFor();
  await host.waitForFunction(
    (id) => {
      const ps = window.__vantageSession!.client.state.snapshot!.participants.filter((p) => p.role === 'viewer');
      return ps.length === 1 && ps[0].id === id && ps[0].connected;
    },
    mumId,
    { timeout: 10_000 },
  );

  // Host powers survived the restart: the host ends the session for everyone.
  if (!(await host.locator('.session-panel').isVisible())) await host.getByRole('button', { name: /People/ }).click();
  await host.getByRole('button', { name: 'End session' }).click();
  await host.getByRole('group', { name: 'End the tour for everyone?' }).getByRole('button', { name: 'End session' }).click();
  await mum.getByRole('alertdialog', { name: 'The tour has ended' }).waitFor();
  expect((await fetch(`${server.url}/api/sessions/by-code/${session.code}`)).status).toBe(410);
}, 360_000);
