import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import type { Host } from '../../../server/db/createHostStore.ts';
import { SESSION_CLOSE_CODES } from '../../../server/protocol/session.ts';
import { samplePlace } from '../db/samplePlace.ts';
import { createBacking, startSessionServer, type SessionServer } from './helpers/sessionServer.ts';
import { WsClient, hostKeyOf, joinAs, startSession } from './helpers/wsClient.ts';

let backing: Awaited<ReturnType<typeof createBacking>>;
let server: SessionServer;
/** A second instance whose sweep runs every 100 ms: it never handles the disable itself. */
let sweeper: SessionServer;
let app: ReturnType<typeof createApp>;
let owner: Host;
const clients: WsClient[] = [];
const track = (c: WsClient) => (clients.push(c), c);

/** An agent of the owner's agency with a published place of their own, signed in. */
async function newAgent(name: string) {
  const { token } = await backing.hosts.createInvitation({ agencyId: owner.agencyId, createdBy: owner.id, ttlMs: 60_000 });
  const r = await backing.hosts.redeemInvitation(token, { email: `${name.toLowerCase()}@agency.test`, name, password: 'a long enough pass' });
  if (!r.ok) throw new Error(r.problem);
  const placeId = `${name.toLowerCase()}-flat`;
  await backing.places.put(samplePlace(placeId, { hostId: r.host.id }));
  return { host: r.host, token: backing.signer.sign(r.host.id, 3600).token, placeId };
}

const disable = (agentId: string) =>
  app.request(`/api/host/team/agents/${agentId}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${backing.hostToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ disabled: true }),
  });

beforeAll(async () => {
  backing = await createBacking();
  owner = (await backing.hosts.findByEmail('agent@example.com'))!;
  server = await startSessionServer(backing);
  sweeper = await startSessionServer(backing, { limits: { sweepMs: 100 } });
  // The team routes of the same instance as `server`: the disable reaches its sessions directly.
  app = createApp({ places: backing.places, hosts: backing.hosts, signer: backing.signer, tilesDir: backing.tilesDir, assetBaseUrl: '', sessions: server.sessions });
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server?.close();
  await sweeper?.close();
  await backing?.cleanup();
});

describe('disabling an agent who is hosting a live session', () => {
  it('ends the session at once: the host and the viewers are told it ended', async () => {
    const ada = await newAgent('Ada');
    const s = await startSession(server.url, ada.token, ada.placeId);
    const host = track(await WsClient.connect(server.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const viewer = track(await joinAs(server.url, server.wsUrl, s.id, 'Grandma'));
    expect(host.welcome).toBeDefined();

    const res = await disable(ada.host.id);
    expect(res.status).toBe(200);
    // Well before the 10 s sweep: the route ended it.
    expect((await viewer.waitClosed(2000)).code).toBe(SESSION_CLOSE_CODES.session_ended);
    expect((await host.waitClosed(2000)).code).toBe(SESSION_CLOSE_CODES.session_ended);
    const found = await fetch(`${server.url}/api/sessions/by-code/${s.code}`);
    expect(found.status).toBe(410);
  });

  it('refuses the host link at hello and for a voice seat, even before any sweep ended the session', async () => {
    const bo = await newAgent('Bo');
    const s = await startSession(server.url, bo.token, bo.placeId);
    // Disabled by another instance (straight in the shared database): this one's sessions are not ended by the route.
    await backing.hosts.setDisabled(owner.agencyId, bo.host.id, true);
    const host = track(await WsClient.connect(server.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    expect(host.welcome).toBeUndefined();
    expect(host.of('rejected')[0]).toMatchObject({ reason: 'unauthorized', message: expect.stringMatching(/disabled/) });
    expect((await host.waitClosed()).code).toBe(SESSION_CLOSE_CODES.unauthorized);
    const voice = await fetch(`${server.url}/api/sessions/${s.id}/voice-token`, { method: 'POST', headers: { authorization: `Bearer ${hostKeyOf(s.hostUrl)}` } });
    expect(voice.status).toBe(401);
    expect(await voice.json()).toMatchObject({ message: expect.stringMatching(/disabled/) });
  });

  it('an instance that did not handle the disable ends the session at its next sweep', async () => {
    const cy = await newAgent('Cy');
    const s = await startSession(sweeper.url, cy.token, cy.placeId);
    const host = track(await WsClient.connect(sweeper.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const viewer = track(await joinAs(sweeper.url, sweeper.wsUrl, s.id, 'Grandpa'));
    expect(host.welcome).toBeDefined();
    await backing.hosts.setDisabled(owner.agencyId, cy.host.id, true);
    expect((await viewer.waitClosed(2000)).code).toBe(SESSION_CLOSE_CODES.session_ended);
    expect((await host.waitClosed(2000)).code).toBe(SESSION_CLOSE_CODES.session_ended);
  });
});
