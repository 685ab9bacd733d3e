import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { HostEnv } from '../auth/requireHost.ts';
import type { HostStore } from '../db/createHostStore.ts';
import { hostProfilePatchSchema } from '../protocol/index.ts';
import { ApiError } from '../http/ApiError.ts';
import { readJsonBody } from '../http/readJsonBody.ts';
import type { AgentImageKind } from '../agents/agentFile.ts';
import { removeAgentFile, storeAgentImage } from '../agents/storeAgentImage.ts';
import { toAgentProfile } from '../agents/toAgentProfile.ts';

const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * The signed-in host's public profile (what the listing's agent card, the tour and a guided
 * session show), mounted at `/api/host/profile` behind requireHost. Every host edits only
 * their own: the id comes from the token, never from the request.
 */
export function profileRoutes(deps: { hosts: HostStore; agentFilesDir: string }) {
  const app = new Hono<HostEnv>();
  const noStore = { 'cache-control': 'no-store' };

  app.get('/', (c) => c.json(toAgentProfile(c.get('host')), 200, noStore));

  app.put('/', async (c) => {
    const body = await readJsonBody(c, hostProfilePatchSchema);
    const saved = await deps.hosts.updateProfile(c.get('host').id, (h) => {
      const profile = { ...h.profile };
      // An empty string clears the field; a field left out stays as it is.
      for (const k of ['phone', 'wechatId', 'agency'] as const) {
        const v = body[k];
        if (v === undefined) continue;
        if (v.trim() === '') delete profile[k];
        else profile[k] = v;
      }
      return { name: body.name ?? h.name, profile };
    });
    if (!saved) throw new ApiError(401, 'unauthorized', 'Your account no longer exists; sign in again.');
    return c.json(toAgentProfile(saved.after), 200, noStore);
  });

  const image = (kind: AgentImageKind, label: string) => {
    app.put(
      kind === 'photo' ? '/photo' : '/wechat-qr',
      bodyLimit({
        maxSize: MAX_IMAGE_BYTES,
        onError: () => {
          throw new ApiError(413, 'too_large', `${label} is larger than 10 MB.`);
        },
      }),
      async (c: Context<HostEnv>) => {
        const bytes = Buffer.from(await c.req.arrayBuffer());
        if (bytes.length === 0) throw new ApiError(400, 'invalid_body', `Send ${label.toLowerCase()} as the request body.`);
        const host = await storeAgentImage({ hosts: deps.hosts, dir: deps.agentFilesDir, hostId: c.get('host').id, kind, bytes });
        return c.json(toAgentProfile(host), 200, noStore);
      },
    );
    app.delete(kind === 'photo' ? '/photo' : '/wechat-qr', async (c) => {
      const field = kind === 'photo' ? 'photo' : 'wechatQr';
      const saved = await deps.hosts.updateProfile(c.get('host').id, (h) => {
        const { [field]: _gone, ...profile } = h.profile;
        return { name: h.name, profile };
      });
      if (!saved) throw new ApiError(401, 'unauthorized', 'Your account no longer exists; sign in again.');
      await removeAgentFile(deps.agentFilesDir, saved.after.id, saved.before.profile[field]);
      return c.json(toAgentProfile(saved.after), 200, noStore);
    });
  };
  image('photo', 'The photo');
  image('wechat', 'The WeChat QR image');
  return app;
}
