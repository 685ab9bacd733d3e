import type { AgentProfile } from '../protocol/index.ts';
import type { Host } from '../db/createHostStore.ts';
import { agentFileUrl } from './agentFile.ts';

/** The host as visitors and the host's own profile page see them: no email, no account id beyond the file URLs. */
export function toAgentProfile(h: Pick<Host, 'id' | 'name' | 'profile'>): AgentProfile {
  const p = h.profile;
  return {
    name: h.name,
    ...(p.photo && { photoUrl: agentFileUrl(h.id, p.photo) }),
    ...(p.phone && { phone: p.phone }),
    ...(p.wechatId && { wechatId: p.wechatId }),
    ...(p.wechatQr && { wechatQrUrl: agentFileUrl(h.id, p.wechatQr) }),
    ...(p.agency && { agency: p.agency }),
  };
}
