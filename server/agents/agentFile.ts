/** The two images an agent may upload, by the folder name their files start with. */
export type AgentImageKind = 'photo' | 'wechat';

/** Names storeAgentImage writes (`photo-<12 hex>.webp`, `wechat-<12 hex>.png`): the only ones served or removed. */
export const AGENT_FILE = /^(?:photo-[0-9a-f]{12}\.webp|wechat-[0-9a-f]{12}\.png)$/;
/** Host ids are UUIDs (createHostStore); the check keeps a path segment from naming anything else. */
export const HOST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where an agent's file is served (by this server: a photo is small, and no CDN needs to know the folder). */
export function agentFileUrl(hostId: string, file: string): string {
  return `/agents/${hostId}/${file}`;
}
