import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { HostPlace, Hotspot } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';

/**
 * Rooms a visitor cannot walk to. Before: a room no door led to was published without a word,
 * and a new door made no offer of the way back. Here the flat's hall loses its door to the
 * study: the place page warns and names where the door belongs; the study's editor offers the
 * way back from the hall, which one click adds — and the warning goes. The flat is put back after.
 */
const base = inject('baseUrl');
const password = inject('hostPassword');
let browser: Browser;
let page: Page;
let token = '';
let hallDoors: Hotspot[] = [];

async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/api/host${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(res.ok, `${method} ${url}: ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

beforeAll(async () => {
  browser = await launchChromium();
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'host@vantage.local', password }) });
  token = ((await login.json()) as { token: string }).token;
  const flat = await api<HostPlace>('GET', '/places/demo-flat');
  hallDoors = flat.tour.scenes.find((s) => s.id === 'hallway')!.hotspots;
  await api('PATCH', '/places/demo-flat/scenes/hallway', { hotspots: hallDoors.filter((h) => !(h.kind === 'scene' && h.target === 'study')) });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' })).newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${base}/host/places/demo-flat`);
  await page.getByLabel('Email').fill('host@vantage.local');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
});
afterAll(async () => {
  // The flat as it was, for the other files.
  if (token && hallDoors.length) await api('PATCH', '/places/demo-flat/scenes/hallway', { hotspots: hallDoors });
  await browser?.close();
});

describe('rooms no door leads to', () => {
  it('the place page warns about the study and names the room its door belongs in', async () => {
    const warning = page.getByTestId('unreachable-rooms');
    await warning.waitFor();
    expect(await warning.locator('p').textContent()).toBe('No door leads to one room from the start room: visitors walking the tour never find it (only the room list reaches it).');
    const link = warning.getByRole('link');
    expect(await link.textContent()).toBe('Add a door to Study / second bedroom in Entrance hall');
    expect(await link.getAttribute('href')).toBe('/host/places/demo-flat/rooms/hallway');
    await page.screenshot({ path: `${process.env.VANTAGE_SHOT_DIR ?? '/tmp'}/vantage-host-unreachable.png`, fullPage: true });
  });

  it('the study’s editor offers the way back from the hall; one click adds it where the hall lies, and the warning goes', async () => {
    await page.goto(`${base}/host/places/demo-flat/rooms/study`);
    const offer = page.getByTestId('way-back');
    await offer.waitFor();
    expect(await offer.locator('p').textContent()).toBe('No door leads back here from Entrance hall: visitors who walk there cannot walk back.');
    await offer.getByRole('button', { name: 'Add the way back from Entrance hall to Study / second bedroom' }).click();
    await offer.waitFor({ state: 'detached' });
    const hall = (await api<HostPlace>('GET', '/places/demo-flat')).tour.scenes.find((s) => s.id === 'hallway')!;
    const back = hall.hotspots.find((h) => h.kind === 'scene' && h.target === 'study')!;
    expect(back).toBeDefined();
    // The study lies north-east of the hall on the plan (x 8.75 vs 6.3, y 2.2 vs 3.45): the door faces that way.
    const bearing = (Math.atan2(8.75 - 6.3, -(2.2 - 3.45)) * 180) / Math.PI;
    const want = (((bearing + hall.north) % 360) + 540) % 360 - 180;
    expect(Math.abs(back.yaw - want)).toBeLessThan(1);
    await page.goto(`${base}/host/places/demo-flat`);
    await page.getByRole('button', { name: /Unpublish|Publish/ }).first().waitFor();
    expect(await page.getByTestId('unreachable-rooms').count()).toBe(0);
  });
});
