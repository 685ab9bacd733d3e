import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { invitationCreatedSchema, loginResultSchema, teamSchema } from '../../../server/protocol/index.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';

let deps: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
let ownerToken: string;

const call = (method: string, path: string, token?: string | null, json?: unknown) =>
  app.request(path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
const invite = async () => invitationCreatedSchema.parse(await (await call('POST', '/api/host/team/invitations', ownerToken)).json());
const tokenOf = (path: string) => path.split('/').pop()!;
const redeem = (path: string, body: Record<string, string>) => call('POST', `/api/auth/invitations/${tokenOf(path)}`, null, body);
let n = 0;
const agentBody = (name: string) => ({ name, email: `${name.toLowerCase()}-${++n}@agency.test`, password: 'a long enough pass' });

beforeAll(async () => {
  deps = await createTestDeps();
  app = createApp({ ...deps, assetBaseUrl: '' });
  const owner = await deps.hosts.create({ email: 'owner@agency.test', name: 'Olga', password: 'pw-olga-12345' });
  ownerToken = deps.signer.sign(owner.id, 3600).token;
});
afterAll(() => deps.cleanup());

describe('inviting agents', () => {
  it('the owner invites; the link shows who invites, signs the new agent in once and never again', async () => {
    const created = await invite();
    expect(created.path).toMatch(/^\/host\/invite\/[A-Za-z0-9_-]{43}$/);
    const info = await call('GET', `/api/auth/invitations/${tokenOf(created.path)}`);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ agencyName: 'Olga', invitedBy: 'Olga', expiresAt: created.expiresAt });
    expect(teamSchema.parse(await (await call('GET', '/api/host/team', ownerToken)).json()).invitations.map((i) => i.id)).toContain(created.id);

    const res = await redeem(created.path, agentBody('Ada'));
    expect(res.status).toBe(201);
    const session = loginResultSchema.parse(await res.json());
    expect(session.host).toMatchObject({ name: 'Ada', role: 'agent' });
    expect(await (await call('GET', '/api/host/me', session.token)).json()).toMatchObject({ name: 'Ada', role: 'agent' });

    const again = await redeem(created.path, agentBody('Eve'));
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ error: 'invitation_used', message: expect.stringMatching(/already been used/) });
    expect((await call('GET', `/api/auth/invitations/${tokenOf(created.path)}`)).status).toBe(410);
    const team = teamSchema.parse(await (await call('GET', '/api/host/team', ownerToken)).json());
    expect(team.members.map((m) => [m.name, m.role])).toEqual([['Olga', 'owner'], ['Ada', 'agent']]);
    expect(team.invitations.map((i) => i.id)).not.toContain(created.id);
  });

  it('a revoked or made-up link says so in one sentence', async () => {
    const created = await invite();
    expect((await call('DELETE', `/api/host/team/invitations/${created.id}`, ownerToken)).status).toBe(204);
    const revoked = await redeem(created.path, agentBody('Rob'));
    expect(revoked.status).toBe(410);
    expect(await revoked.json()).toMatchObject({ error: 'invitation_revoked' });
    const madeUp = await call('GET', `/api/auth/invitations/${'A'.repeat(43)}`);
    expect(madeUp.status).toBe(404);
    expect(await madeUp.json()).toMatchObject({ error: 'invitation_invalid' });
    // Refused before any query (a NUL would otherwise reach Postgres): a 4xx, never a 500.
    expect([400, 404]).toContain((await call('GET', '/api/auth/invitations/%00')).status);
  });

  it('refuses a weak password, a name with control characters and a taken email, leaving the link usable', async () => {
    const created = await invite();
    const weak = await redeem(created.path, { ...agentBody('Wes'), password: 'short' });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({ field: 'password', message: 'password: use at least 10 characters' });
    const bad = await redeem(created.path, { ...agentBody('x'), name: 'Bad\u0000name' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'name' });
    const taken = await redeem(created.path, { ...agentBody('Tia'), email: 'OWNER@agency.test' });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ error: 'email_taken' });
    expect((await redeem(created.path, agentBody('Val'))).status).toBe(201);
  });
});

describe('agents and their places', () => {
  it('each agent sees their own places, the owner all of the agency’s', async () => {
    const a = loginResultSchema.parse(await (await redeem((await invite()).path, agentBody('Amy'))).json());
    const b = loginResultSchema.parse(await (await redeem((await invite()).path, agentBody('Bo'))).json());
    const created = await call('POST', '/api/host/places', a.token, { title: 'Amy’s flat', kind: 'home' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const titles = async (token: string) => ((await (await call('GET', '/api/host/places', token)).json()) as { title: string }[]).map((p) => p.title);
    expect(await titles(a.token)).toEqual(['Amy’s flat']);
    expect(await titles(ownerToken)).toContain('Amy’s flat');
    expect(await titles(b.token)).not.toContain('Amy’s flat');
    expect((await call('GET', `/api/host/places/${id}`, b.token)).status).toBe(404);
    expect((await call('PATCH', `/api/host/places/${id}`, ownerToken, { city: 'Hangzhou' })).status).toBe(200);
    // The owner's edit keeps the place the agent's.
    expect(await (await call('GET', `/api/host/places/${id}`, a.token)).json()).toMatchObject({ city: 'Hangzhou' });
  });

  it('disabling an agent stops their token at once and their sign-in; enabling restores both', async () => {
    const body = agentBody('Dan');
    const dan = loginResultSchema.parse(await (await redeem((await invite()).path, body)).json());
    expect((await call('GET', '/api/host/me', dan.token)).status).toBe(200);
    const off = await call('PATCH', `/api/host/team/agents/${dan.host.id}`, ownerToken, { disabled: true });
    expect(await off.json()).toMatchObject({ name: 'Dan', disabled: true });
    const refused = await call('GET', '/api/host/places', dan.token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'account_disabled' });
    const login = await call('POST', '/api/auth/login', null, { email: body.email, password: body.password });
    expect(login.status).toBe(403);
    expect(await login.json()).toMatchObject({ error: 'account_disabled' });
    // A wrong password still says only that it is wrong.
    expect((await call('POST', '/api/auth/login', null, { email: body.email, password: 'wrong password' })).status).toBe(401);
    await call('PATCH', `/api/host/team/agents/${dan.host.id}`, ownerToken, { disabled: false });
    expect((await call('GET', '/api/host/me', dan.token)).status).toBe(200);
    expect((await call('POST', '/api/auth/login', null, { email: body.email, password: body.password })).status).toBe(200);
  });

  it('an agent cannot manage the team, nor disable the owner', async () => {
    const a = loginResultSchema.parse(await (await redeem((await invite()).path, agentBody('Ian'))).json());
    const res = await call('POST', '/api/host/team/invitations', a.token);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'owner_only', message: "Only your agency's owner can manage the team." });
    const me = (await (await call('GET', '/api/host/me', ownerToken)).json()) as { id: string };
    expect((await call('PATCH', `/api/host/team/agents/${me.id}`, ownerToken, { disabled: true })).status).toBe(404);
  });
});
