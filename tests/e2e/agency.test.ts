import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/launchChromium.ts';

const base = inject('baseUrl');
const password = inject('hostPassword');
const RUN = Date.now().toString(36);
const TITLE = `Agent flat ${RUN}`;
/** A phone's width: the team page and the invitation page must work there. */
const PHONE = { width: 390, height: 844 };

let browser: Browser;
const contexts: BrowserContext[] = [];
let owner: Page;

/** A fresh browser (no cookies, no storage): what an invited agent opening the link has. */
async function freshPage(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
  contexts.push(ctx);
  const p = await ctx.newPage();
  p.on('pageerror', (e) => console.error('page error:', e.message));
  return p;
}

/** The owner creates an invitation on the Team page; returns the link it shows. */
async function inviteLink(): Promise<string> {
  const shown = owner.locator('.team-link input');
  const before = (await shown.count()) ? await shown.inputValue() : '';
  await owner.getByRole('button', { name: '+ Create invitation link' }).click();
  const input = owner.getByLabel('Invitation link (works once, for 7 days)');
  await expect.poll(() => input.inputValue()).not.toBe(before);
  return input.inputValue();
}

async function redeem(link: string, name: string): Promise<Page> {
  const p = await freshPage();
  await p.goto(link);
  await p.getByRole('heading', { level: 1, name: 'Join your agency' }).waitFor();
  await p.getByLabel('Your name').fill(name);
  await p.getByLabel('Email').fill(`${name.toLowerCase()}-${RUN}@agency.test`);
  await p.getByLabel('Password').fill('a long enough password');
  await p.getByRole('button', { name: 'Create my account' }).click();
  await p.getByRole('heading', { level: 1, name: 'My places' }).waitFor();
  return p;
}

const placeTitles = (p: Page) => p.locator('.host-places h2').allTextContents();

beforeAll(async () => {
  browser = await launchChromium();
  owner = await freshPage();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

describe('agency: inviting agents', () => {
  let agentA: Page;
  let agentB: Page;
  let linkA = '';
  let placeId = '';

  it('the owner opens Team, creates a one-time link and can copy it by keyboard', async () => {
    await owner.goto(`${base}/host/team`);
    await owner.getByLabel('Email').fill('host@vantage.local');
    await owner.getByLabel('Password').fill(password);
    await owner.getByRole('button', { name: 'Sign in' }).click();
    await owner.getByRole('heading', { level: 1, name: 'Team' }).waitFor();
    // The owner's header links to Team.
    expect(await owner.getByRole('link', { name: 'Team' }).count()).toBe(1);
    linkA = await inviteLink();
    expect(linkA).toMatch(new RegExp(`^${base}/host/invite/[A-Za-z0-9_-]{43}$`));
    // The link is selected for copying; Tab reaches the copy button and Enter presses it.
    expect(await owner.evaluate(() => (document.activeElement as HTMLInputElement | null)?.readOnly)).toBe(true);
    await owner.keyboard.press('Tab');
    expect(await owner.evaluate(() => document.activeElement?.textContent)).toBe('Copy link');
    await owner.keyboard.press('Enter');
    await expect.poll(() => owner.getByRole('status').textContent()).toMatch(/Copied\.|Could not copy/);
    expect(await owner.getByRole('list', { name: 'Pending invitations' }).getByRole('listitem').count()).toBeGreaterThanOrEqual(1);
    // Nothing sticks out at 390 px.
    expect(await owner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await owner.screenshot({ path: '/tmp/agency-team-owner.png', fullPage: true });
  });

  it('an agent redeems the link in a fresh browser and creates a place', async () => {
    agentA = await redeem(linkA, 'Ada');
    // An agent has no Team link.
    expect(await agentA.getByRole('link', { name: 'Team' }).count()).toBe(0);
    await agentA.getByRole('link', { name: '+ New place' }).click();
    await agentA.getByLabel('Title (English)').fill(TITLE);
    await agentA.getByRole('button', { name: 'Create place' }).click();
    await agentA.waitForURL((u) => /^\/host\/places\/[a-z0-9-]+$/.test(u.pathname) && u.pathname !== '/host/places/new');
    placeId = decodeURIComponent(agentA.url().split('/').pop()!);
    await agentA.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  });

  it('the owner sees the agent and the place; another agent of the agency does not see the place', async () => {
    await owner.reload();
    const members = owner.getByRole('list', { name: 'Agents' });
    await members.getByText('Ada', { exact: true }).waitFor();
    await owner.goto(`${base}/host/places`);
    await owner.getByRole('heading', { level: 1, name: 'My places' }).waitFor();
    await owner.locator('.host-places').waitFor();
    expect(await placeTitles(owner)).toContain(TITLE);

    await owner.goto(`${base}/host/team`);
    await owner.getByRole('heading', { level: 1, name: 'Team' }).waitFor();
    agentB = await redeem(await inviteLink(), 'Ben');
    await agentB.locator('.host-places, .empty-state').first().waitFor();
    expect(await placeTitles(agentB)).not.toContain(TITLE);
    await agentB.goto(`${base}/host/places/${encodeURIComponent(placeId)}`);
    await agentB.getByText('You have no such place').waitFor();
  });

  it('a used, a revoked and a made-up link each say so clearly', async () => {
    const used = await freshPage();
    await used.goto(linkA);
    await used.getByRole('heading', { level: 1, name: 'This invitation link does not work' }).waitFor();
    expect(await used.getByRole('alert').textContent()).toContain('already been used');
    await used.screenshot({ path: '/tmp/agency-invite-used.png', fullPage: true });

    const revokedLink = await inviteLink();
    const pending = owner.getByRole('list', { name: 'Pending invitations' }).getByRole('listitem');
    const count = await pending.count();
    await pending.first().getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => pending.count()).toBe(count - 1);
    const revoked = await freshPage();
    await revoked.goto(revokedLink);
    await revoked.getByRole('heading', { level: 1, name: 'This invitation link does not work' }).waitFor();
    expect(await revoked.getByRole('alert').textContent()).toContain('withdrawn');

    await revoked.goto(`${base}/host/invite/not-a-real-token`);
    await revoked.getByRole('heading', { level: 1, name: 'This invitation link does not work' }).waitFor();
    expect(await revoked.getByRole('alert').textContent()).toContain('not valid');
  });

  it('the owner disables an agent by keyboard: the agent is signed out at once; enabling lets them back', async () => {
    const disable = owner.getByRole('button', { name: 'Disable Ada' });
    await disable.focus();
    await owner.keyboard.press('Enter');
    await owner.getByRole('button', { name: 'Enable Ada' }).waitFor();
    await expect.poll(() => owner.getByRole('status').textContent()).toContain('Ada is disabled');
    await owner.screenshot({ path: '/tmp/agency-team-disabled.png', fullPage: true });

    await agentA.goto(`${base}/host/places`);
    await agentA.getByRole('heading', { level: 1, name: 'Sign in to the host console' }).waitFor();
    // The console says why it signed the agent out.
    expect(await agentA.getByRole('status').textContent()).toContain('disabled by your agency');
    await agentA.getByLabel('Email').fill(`ada-${RUN}@agency.test`);
    await agentA.getByLabel('Password').fill('a long enough password');
    await agentA.getByRole('button', { name: 'Sign in' }).click();
    expect(await agentA.getByRole('alert').textContent()).toContain('disabled');

    await owner.getByRole('button', { name: 'Enable Ada' }).click();
    await owner.getByRole('button', { name: 'Disable Ada' }).waitFor();
    await agentA.getByRole('button', { name: 'Sign in' }).click();
    await agentA.getByRole('heading', { level: 1, name: 'My places' }).waitFor();
    await agentA.locator('.host-places').waitFor();
    expect(await placeTitles(agentA)).toEqual([TITLE]);
  });
});
