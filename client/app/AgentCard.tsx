import type { AgentProfile } from '@protocol';
import { useState } from 'react';
import { useI18n } from '../i18n/useI18n.ts';
import { listingMessages } from '../i18n/listingMessages.ts';
import { AgentWechatDialog } from './AgentWechatDialog.tsx';
import { telHref } from './telHref.ts';

/** The agent's face: their photo, or their initial on a disc when they have none. */
export function AgentAvatar({ agent, size = 56 }: { agent: Pick<AgentProfile, 'name' | 'photoUrl'>; size?: number }) {
  const { lang } = useI18n();
  return agent.photoUrl ? (
    <img className="agent-avatar" src={agent.photoUrl} alt={listingMessages(lang).agentPhoto(agent.name)} width={size} height={size} />
  ) : (
    <span className="agent-avatar agent-initial" style={{ width: size, height: size }} aria-hidden="true">
      {Array.from(agent.name.trim())[0]?.toUpperCase() ?? '?'}
    </span>
  );
}

/**
 * The listing's agent: photo, name, agency, and the two ways people in China reach an agent —
 * a call (tel: link) and WeChat (the ID to copy and the QR code to scan).
 */
export function AgentCard({ agent, headingLevel = 2, id }: { agent: AgentProfile; headingLevel?: 2 | 3; id?: string }) {
  const { lang } = useI18n();
  const m = listingMessages(lang);
  const [wechatOpen, setWechatOpen] = useState(false);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const hasWechat = Boolean(agent.wechatId || agent.wechatQrUrl);
  return (
    <section className="agent-card" aria-labelledby={`${id ?? 'agent'}-h`} id={id} data-testid="agent-card">
      <H id={`${id ?? 'agent'}-h`} className="agent-heading">
        {m.agentHeading}
      </H>
      <div className="agent-who">
        <AgentAvatar agent={agent} />
        <div>
          <p className="agent-name">{agent.name}</p>
          {agent.agency && <p className="agent-agency">{agent.agency}</p>}
          {agent.phone && <p className="agent-phone">{agent.phone}</p>}
        </div>
      </div>
      {agent.phone || hasWechat ? (
        <div className="agent-actions">
          {agent.phone && (
            <a className="button primary" href={telHref(agent.phone)} aria-label={m.call(agent.name)}>
              {m.callShort}
            </a>
          )}
          {hasWechat && (
            <button type="button" className="button wechat" onClick={() => setWechatOpen(true)} aria-haspopup="dialog">
              {m.wechat}
            </button>
          )}
        </div>
      ) : (
        <p className="hint">{m.noContact(agent.name)}</p>
      )}
      {wechatOpen && <AgentWechatDialog agent={agent} onClose={() => setWechatOpen(false)} />}
    </section>
  );
}
