import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CreateSessionResult, HostPlace, InvitationCreated, LoginResult } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';

const base = inject('baseUrl');
const password = inject('hostPassword');
const RUN = Date.now().toString(36);
/** A phone as the family holds it (the e2e server has no MAP_TILE_URL: the map is drawn). */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true } as const;

let browser: Browser;
const contexts: BrowserContext[] = [];

async function phonePage(locale = 'en-US'): Promise<{ page: Page; foreign: string[] }> {
  const ctx = await browser.newContext({ ...PHONE, locale });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // No runtime loads from the internet: every request stays on our origin (or data:/blob:).
  const foreign: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !/^(data|blob):/.test(u)) foreign.push(u);
  });
  return { page, foreign };
}

async function api<T>(token: string, method: string, url: string, body?: object | FormData): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${url}`, { method, headers, body: body instanceof FormData ? body : body && JSON.stringify(body) });
  expect(res.ok, `${method} ${url}: ${res.status} ${await res.clone().text()}`).toBe(true);
  return (await res.json()) as T;
}

/** What a buyer reads on the page, and whether anything is wider than the phone. */
const pageText = (p: Page) => p.evaluate(() => document.body.innerText);
const overflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

describe('the listing on a phone', () => {
  it('the demo flat shows its layout, area, price per m², floor, orientation and year, and a drawn map with its district — no coordinates, no request out', async () => {
    const { page, foreign } = await phonePage();
    await page.goto(`${base}/places/demo-flat`);
    await page.getByRole('heading', { level: 1, name: 'Sunny 2-bedroom flat, Riverside' }).waitFor();
    await page.locator('dl.key-facts[aria-label="Key facts"]').waitFor();
    const fact = (k: string) => page.getByTestId(`fact-${k}`).innerText();
    expect(await fact('layout')).toBe('Layout\n2 bed · 1 living · 1 bath');
    expect(await fact('area')).toBe('Floor area\n90 m²');
    expect(await fact('pricePerM2')).toBe('Price per m²\nCN¥46,667/m²');
    expect(await fact('floor')).toBe('Floor\n15 of 28');
    expect(await fact('orientation')).toBe('Facing\nSouth & north');
    expect(await fact('year')).toBe('Built\n2012');
    const map = page.getByRole('img', { name: 'Map: Shangcheng · Qianjiang New Town, Hangzhou' });
    await map.waitFor();
    expect(await map.evaluate((el) => el.classList.contains('drawn') && el.querySelector('svg.map-drawn') !== null && el.querySelector('.map-pin') !== null)).toBe(true);
    const box = (await map.boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    expect(box.height).toBeGreaterThan(150);
    const text = await pageText(page);
    expect(text).not.toMatch(/0\.00000|Map position|30\.2455|120\.2146/);
    // The city once: the address already ends with it.
    expect(text.match(/Hangzhou/g)?.length).toBe(2); // the address line, and the map's district label
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '/tmp/helper-c-listing-en.png', fullPage: true });
    expect(foreign).toEqual([]);
  });

  it('in Chinese it reads like a Beike listing', async () => {
    const { page } = await phonePage('zh-CN');
    await page.goto(`${base}/places/demo-flat`);
    await page.getByTestId('fact-layout').waitFor();
    const values = await page.locator('.key-fact dd').allInnerTexts();
    expect(values).toEqual(['2室1厅1卫', '90 m²', '¥46,667/m²', '15/28层', '南北通透', '2012年建']);
    await page.getByRole('img', { name: '地图：Shangcheng · Qianjiang New Town, Hangzhou' }).waitFor();
    await page.screenshot({ path: '/tmp/helper-c-listing-zh.png', fullPage: true });
  });
});

describe('an agent’s profile on their listing, in the tour and in a session', () => {
  let ownerToken = '';
  let agentToken = '';
  let agentEmail = '';
  let placeId = '';

  beforeAll(async () => {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'host@vantage.local', password }) });
    ownerToken = ((await login.json()) as LoginResult).token;
    // An agent joins the agency and lists a flat without coordinates (the console's empty fields).
    const invitation = await api<InvitationCreated>(ownerToken, 'POST', '/api/host/team/invitations');
    agentEmail = `li-${RUN}@agency.test`;
    const redeemed = await fetch(`${base}/api/auth${invitation.path.replace('/host/invite', '/invitations')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'New agent', email: agentEmail, password: 'a long enough password' }),
    });
    expect(redeemed.status).toBe(201);
    agentToken = ((await redeemed.json()) as LoginResult).token;
    const place = await api<HostPlace>(agentToken, 'POST', '/api/host/places', { kind: 'home', title: `Garden flat ${RUN}`, city: 'Suzhou', address: '8 Canal Street', price: 1_950_000, areaM2: 65, facts: { bedrooms: 1, livingRooms: 1 } });
    placeId = place.id;
    const w = 1024, h = 512, raw = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([(x * 255) / w, (y * 255) / h, 128], (y * w + x) * 3);
    const form = new FormData();
    form.set('photo', new File([new Uint8Array(await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg().toBuffer())], 'living.jpg'));
    form.set('name', 'Living room');
    await api(agentToken, 'POST', `/api/host/places/${placeId}/scenes`, form);
    await api(agentToken, 'PATCH', `/api/host/places/${placeId}`, { published: true });
  });

  it('the agent saves a profile with a photo in the console; the listing shows the card, call and WeChat, and no map without coordinates', async () => {
    const { page: agent } = await phonePage();
    await agent.goto(`${base}/host/profile`);
    await agent.getByLabel('Email').fill(agentEmail);
    await agent.getByLabel('Password').fill('a long enough password');
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    // A bad WeChat ID is refused in words, at the field.
    await agent.getByLabel('WeChat ID').fill('9lives');
    await agent.getByRole('button', { name: 'Save profile' }).click();
    await agent.getByText('A WeChat ID has 6–20 letters, digits, _ or -, and starts with a letter.').waitFor();
    await agent.getByLabel('Name', { exact: true }).fill('Li Wei');
    await agent.getByLabel('Phone').fill('+86 138-0013-8000');
    await agent.getByLabel('WeChat ID').fill('liwei_homes');
    await agent.getByLabel('Agency').fill('Riverside Homes');
    await agent.getByRole('button', { name: 'Save profile' }).click();
    await agent.getByRole('status').getByText('Profile saved.').waitFor();
    const portrait = await sharp({ create: { width: 600, height: 800, channels: 3, background: { r: 196, g: 140, b: 110 } } })
      .composite([{ input: Buffer.from('<svg width="600" height="800"><circle cx="300" cy="330" r="170" fill="#f1c9a5"/></svg>'), top: 0, left: 0 }])
      .jpeg()
      .toBuffer();
    await agent.getByLabel('Upload a photo').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: portrait });
    await agent.getByRole('status').getByText('Photo saved.').waitFor();
    await agent.getByRole('img', { name: 'Photo of Li Wei' }).waitFor();
    expect(await overflow(agent)).toBeLessThanOrEqual(0);
    await agent.screenshot({ path: '/tmp/helper-c-profile.png', fullPage: true });

    const { page, foreign } = await phonePage();
    await page.goto(`${base}/places/${placeId}`);
    const card = page.getByTestId('agent-card');
    await card.waitFor();
    expect(await card.getByText('Li Wei', { exact: true }).isVisible()).toBe(true);
    expect(await card.getByText('Riverside Homes').isVisible()).toBe(true);
    const photo = card.getByRole('img', { name: 'Photo of Li Wei' });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);
    expect(await card.getByRole('link', { name: 'Call Li Wei' }).getAttribute('href')).toBe('tel:+8613800138000');
    await card.getByRole('button', { name: 'WeChat' }).tap();
    const dialog = page.getByRole('dialog', { name: 'Add Li Wei on WeChat' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('wechat-id').innerText()).toBe('liwei_homes');
    await page.screenshot({ path: '/tmp/helper-c-agent-wechat.png' });
    await dialog.getByRole('button', { name: 'Close' }).tap();
    // No coordinates: no map, and no numbers standing in for one.
    expect(await page.getByTestId('listing-map').count()).toBe(0);
    const text = await pageText(page);
    expect(text).not.toMatch(/0\.00000|Map position/);
    expect(text.match(/Suzhou/g)?.length).toBe(1);
    expect(await page.getByTestId('fact-layout').innerText()).toBe('Layout\n1 bed · 1 living');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '/tmp/helper-c-agent-listing.png', fullPage: true });
    expect(foreign).toEqual([]);
  });

  it('the tour has “Ask Li Wei”, which opens the card; a guided session shows the host as Li Wei with the photo', async () => {
    const { page } = await phonePage();
    await page.goto(`${base}/places/${placeId}/tour`);
    const ask = page.getByRole('button', { name: 'Ask Li Wei' });
    await ask.waitFor();
    await ask.tap();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('link', { name: 'Call Li Wei' }).waitFor();
    await page.screenshot({ path: '/tmp/helper-c-tour-ask.png' });
    await dialog.getByRole('button', { name: 'Close' }).last().tap();

    const session = await api<CreateSessionResult>(agentToken, 'POST', '/api/sessions', { placeId });
    const { page: mum } = await phonePage();
    await mum.goto(session.joinUrl);
    await mum.getByLabel('Name', { exact: true }).fill('Mum');
    await mum.getByRole('button', { name: 'Join', exact: true }).tap();
    await mum.waitForURL(/\/s\/[A-Z0-9-]+/);
    await mum.getByText('Following Li Wei').waitFor();
    const lead = mum.getByTestId('lead-photo');
    expect(await lead.getAttribute('src')).toMatch(/^\/agents\/[0-9a-f-]{36}\/photo-[0-9a-f]{12}\.webp$/);
    await expect.poll(() => lead.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);
    await mum.screenshot({ path: '/tmp/helper-c-session.png' });
  });
});
