import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Funnel, HostBooking, HostSlot } from '../../server/protocol/booking.ts';
import type { CreateSessionResult } from '../../server/protocol/session.ts';
import type { LoginResult, Place } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';
import { ready } from '../support/sessionPage.ts';

const base = inject('baseUrl');
const password = inject('hostPassword');
const PLACE = 'demo-flat';

let browser: Browser;
let token = '';
const contexts: BrowserContext[] = [];

async function hostApi<T>(method: string, url: string, body?: object): Promise<T> {
  const res = await fetch(`${base}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  expect(res.ok, `${method} ${url}: ${res.status}`).toBe(true);
  return (await res.json()) as T;
}
const funnel = () => hostApi<Funnel>('GET', `/api/host/places/${PLACE}/funnel`);
const step = (f: Funnel, s: Funnel['steps'][number]['step']) => f.steps.find((x) => x.step === s)!.count;
/** A slot's day in its zone: the booking form lists one day's times at a time (the day strip). */
const dayOf = (s: HostSlot) => new Intl.DateTimeFormat('en-CA', { timeZone: s.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(s.start));
const hhmm = (s: HostSlot) => new Intl.DateTimeFormat('en', { timeZone: s.timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(s.start));

beforeAll(async () => {
  browser = await launchChromium();
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'host@vantage.local', password }) });
  expect(res.status).toBe(200);
  token = ((await res.json()) as LoginResult).token;
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

async function newPage(opts: { viewport?: { width: number; height: number }; locale?: string; touch?: boolean; dpr?: number } = {}): Promise<Page> {
  const ctx = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 }, locale: opts.locale ?? 'en-US', hasTouch: opts.touch, isMobile: opts.touch, deviceScaleFactor: opts.dpr });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}

async function join(joinUrl: string, name: string, opts: Parameters<typeof newPage>[0] = {}) {
  const page = await newPage(opts);
  await page.goto(joinUrl);
  const zh = opts.locale === 'zh-CN';
  await page.getByLabel(zh ? '名字' : 'Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: zh ? '加入' : 'Join', exact: true }).click();
  await page.waitForURL(/\/s\/[A-Z0-9-]+/);
  await ready(page);
  return page;
}

it('the host invites everyone to book: a viewer books in a dialog over the tour, keeps following, gets the ticket; the booking counts for the session', async () => {
  const demo = (await (await fetch(`${base}/api/places/${PLACE}`)).json()) as Place;
  const roomName = (id: string) => demo.tour.scenes.find((s) => s.id === id)!.name;
  const before = await funnel();
  const slot = await hostApi<HostSlot>('POST', `/api/host/places/${PLACE}/slots`, {
    // 13 minutes past an hour: never one of the demo flat’s own visit times (on the hour or half hour), whatever the hour now.
    start: new Date(Math.ceil((Date.now() + 5 * 86_400_000) / 3600_000) * 3600_000 + 13 * 60_000).toISOString(),
    durationMinutes: 45,
    capacity: 6,
  });
  const session = await hostApi<CreateSessionResult>('POST', '/api/sessions', { placeId: PLACE });

  const host = await newPage();
  await host.goto(session.hostUrl);
  await host.waitForURL(/\/sessions\/.+\/host/);
  await ready(host);
  const mum = await join(session.joinUrl, 'Mum');
  await mum.getByText('Following Vantage host').waitFor();
  const prompt = (p: Page, name = 'Vantage host invites you to book a visit in person') => p.getByRole('region', { name });
  // Nothing until the host asks.
  expect(await prompt(mum).count()).toBe(0);
  expect(await mum.getByRole('button', { name: 'Book a visit' }).count()).toBe(0);

  // A viewer cannot push it to the others: the server refuses and nothing changes.
  await mum.evaluate(() => window.__vantageSession!.client.send({ type: 'offer', open: true }));
  await mum.getByText('That is not allowed right now.').waitFor();
  expect(await prompt(mum).count()).toBe(0);

  await host.getByRole('button', { name: 'Invite to book' }).click();
  await host.getByText('Every viewer now sees the invitation to book a visit.').waitFor();
  await prompt(mum).waitFor({ timeout: 3000 });
  await expect.poll(() => mum.getByTestId('offer-news').textContent()).toBe('Vantage host invites you to book a visit in person');
  expect(await mum.getByTestId('offer-news').getAttribute('aria-live')).toBe('polite');
  await host.getByRole('button', { name: 'Withdraw booking invitation' }).waitFor();

  // Keyboard only: the invitation is the last thing on the page, so Shift+Tab from the page
  // reaches it at once (forward Tab passes the hotspots, which turn the view); Enter opens the
  // booking form over the tour.
  const book = prompt(mum).getByRole('button', { name: 'Book a visit' });
  await mum.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  let presses = 0;
  while (presses < 5 && !(await book.evaluate((el) => el === document.activeElement))) {
    await mum.keyboard.press('Shift+Tab');
    presses++;
  }
  expect(await book.evaluate((el) => el === document.activeElement), 'Shift+Tab reaches the invitation').toBe(true);
  await mum.keyboard.press('Enter');
  const dialog = mum.getByRole('dialog', { name: `Book a visit to ${demo.title}` });
  await dialog.waitFor();
  const sessionPath = new URL(mum.url()).pathname;

  // While she books, the tour and the session carry on behind: the host walks, she goes along.
  const arrival = mum.evaluate(() => new Promise<string>((r) => window.__vantage!.tour.onScene((s) => r(s.id))));
  await host.getByRole('button', { name: `Go to ${roomName('kitchen')}` }).click();
  expect(await arrival).toBe('kitchen');

  await dialog.locator(`[role="tab"][data-day="${dayOf(slot)}"]`).click();
  await dialog.locator(`label[data-slot-id="${slot.id}"]`).click();
  await dialog.getByLabel('Name').fill('Mum Li');
  await dialog.getByLabel('Mobile phone').fill('138 0013 8000');
  await dialog.getByRole('button', { name: 'Confirm booking' }).click();
  const ticket = mum.getByRole('dialog', { name: 'Your visit' });
  await ticket.getByText('Booked — see you there').waitFor();
  const code = (await ticket.getByTestId('ticket-code').textContent())!;
  expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
  await ticket.getByTestId('ticket-qr').waitFor();
  // Still in the session, still following.
  expect(new URL(mum.url()).pathname).toBe(sessionPath);
  expect(await mum.evaluate(() => window.__vantageSession!.client.state.status)).toBe('live');
  await ticket.getByRole('button', { name: 'Back to the tour' }).last().click();
  await ticket.waitFor({ state: 'detached' });
  await mum.getByText('Following Vantage host').waitFor();
  expect(await mum.evaluate(() => window.__vantage!.tour.scene.id)).toBe('kitchen');

  // Recorded as a booking from this session; the funnel's guided sessions → bookings step shows it.
  const list = await hostApi<HostBooking[]>('GET', `/api/host/places/${PLACE}/bookings?slotId=${slot.id}`);
  expect(list).toEqual([expect.objectContaining({ code, name: 'Mum Li', status: 'confirmed', source: 'session', sessionId: session.id })]);
  const after = await funnel();
  expect(step(after, 'guided_sessions') - step(before, 'guided_sessions')).toBe(1);
  expect(step(after, 'bookings') - step(before, 'bookings')).toBe(1);
  expect(after.bookingsBySource.session - before.bookingsBySource.session).toBe(1);

  // She booked: her ticket stays within reach in the bar, and the invitation does not come back.
  await mum.getByRole('button', { name: 'Your ticket' }).waitFor();
  expect(await mum.getByRole('button', { name: 'Book a visit' }).count()).toBe(0);

  // A late joiner (a phone, in Chinese) gets the invitation with the snapshot, and hears it.
  const dad = await join(session.joinUrl, 'Dad', { viewport: { width: 390, height: 844 }, touch: true, locale: 'zh-CN' });
  await prompt(dad, 'Vantage host 邀请您预约到现场看房').waitFor();
  await expect.poll(() => dad.getByTestId('offer-news').textContent()).toBe('Vantage host 邀请您预约到现场看房');
  await prompt(dad, 'Vantage host 邀请您预约到现场看房').getByRole('button', { name: '稍后再说' }).click();
  await dad.getByRole('button', { name: '预约看房' }).waitFor();

  // The host withdraws it: gone for everyone.
  await host.getByRole('button', { name: 'Withdraw booking invitation' }).click();
  await dad.getByRole('button', { name: '预约看房' }).waitFor({ state: 'detached' });
  expect(await prompt(dad, 'Vantage host 邀请您预约到现场看房').count()).toBe(0);
  await host.getByRole('button', { name: 'Invite to book' }).waitFor();
}, 240_000);

it('a grandmother books on her phone inside the session: the host sees it live, she sees her ticket and the invitation does not come back', async () => {
  const slot = await hostApi<HostSlot>('POST', `/api/host/places/${PLACE}/slots`, {
    start: new Date(Math.ceil((Date.now() + 6 * 86_400_000) / 3600_000) * 3600_000 + 13 * 60_000).toISOString(),
    durationMinutes: 45,
    capacity: 6,
  });
  const session = await hostApi<CreateSessionResult>('POST', '/api/sessions', { placeId: PLACE });
  const host = await newPage();
  await host.goto(session.hostUrl);
  await host.waitForURL(/\/sessions\/.+\/host/);
  await ready(host);
  const phone = { viewport: { width: 390, height: 844 }, touch: true, dpr: 3 };
  const grandma = await join(session.joinUrl, 'Grandma Li', phone);
  await host.getByTestId('person-Grandma Li').waitFor();
  await host.getByRole('button', { name: 'Invite to book' }).click();
  const invitation = grandma.getByRole('region', { name: 'Vantage host invites you to book a visit in person' });
  await invitation.getByRole('button', { name: 'Book a visit' }).tap();

  const dialog = grandma.getByRole('dialog', { name: /^Book a visit to / });
  await dialog.locator(`[role="tab"][data-day="${dayOf(slot)}"]`).tap();
  await dialog.locator(`label[data-slot-id="${slot.id}"]`).tap();
  await dialog.getByLabel('Name').fill('Li Xiuying');
  await dialog.getByLabel('Mobile phone').fill('139 0013 9000');
  await grandma.screenshot({ path: '/tmp/h18a-session-grandma-form.png' });
  await dialog.getByRole('button', { name: 'Confirm booking' }).tap();
  const ticket = grandma.getByRole('dialog', { name: 'Your visit' });
  const code = (await ticket.getByTestId('ticket-code').textContent())!;
  await grandma.screenshot({ path: '/tmp/h18a-session-grandma-ticket.png' });

  // The host hears it at once (a status toast) and keeps a line by her name — checked by the server first.
  const toast = host.locator('.session-toasts');
  expect(await toast.getAttribute('role')).toBe('status');
  await expect.poll(() => toast.textContent(), { timeout: 5000 }).toContain(`Grandma Li booked`);
  expect(await toast.textContent()).toContain(hhmm(slot));
  const line = host.getByTestId('person-Grandma Li').locator('.person-booked');
  await expect.poll(() => line.textContent()).toContain(`Booked`);
  expect(await line.textContent()).toContain(hhmm(slot));
  await host.screenshot({ path: '/tmp/h18a-session-host-booked.png' });

  // Back on the tour: her ticket in the bar, no invitation — and it stays so after a reload (the server keeps it).
  await ticket.getByRole('button', { name: 'Back to the tour' }).last().tap();
  await ticket.waitFor({ state: 'detached' });
  await grandma.getByRole('button', { name: 'Your ticket' }).waitFor();
  expect(await invitation.count()).toBe(0);
  expect(await grandma.getByRole('button', { name: 'Book a visit' }).count()).toBe(0);
  await grandma.screenshot({ path: '/tmp/h18a-session-grandma-after.png' });
  await grandma.reload();
  await ready(grandma);
  await grandma.getByRole('button', { name: 'Your ticket' }).tap();
  expect(await grandma.getByRole('dialog', { name: 'Your visit' }).getByTestId('ticket-code').textContent()).toBe(code);
  expect(await invitation.count()).toBe(0);

  // A host page opened afresh in Chinese reads the booking from the snapshot.
  await host.context().close();
  const zhHost = await newPage({ locale: 'zh-CN' });
  await zhHost.goto(session.hostUrl);
  await ready(zhHost);
  await expect.poll(() => zhHost.getByTestId('person-Grandma Li').locator('.person-booked').textContent()).toContain('已预约');
}, 180_000);
