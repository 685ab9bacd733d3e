import type { AgentProfile } from '@protocol';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/useI18n.ts';
import { listingMessages } from '../i18n/listingMessages.ts';
import { AgentAvatar, AgentCard } from './AgentCard.tsx';

/** "Ask Li Wei" in the tour: opens the agent's card (call, WeChat) over the view. */
export function AskAgentButton({ agent }: { agent: AgentProfile }) {
  const { lang } = useI18n();
  const m = listingMessages(lang);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="ask-agent" onClick={() => setOpen(true)} aria-haspopup="dialog">
        <AgentAvatar agent={agent} size={28} />
        <span>{m.ask(agent.name)}</span>
      </button>
      {open && <AgentContactDialog agent={agent} onClose={() => setOpen(false)} />}
    </>
  );
}

function AgentContactDialog({ agent, onClose }: { agent: AgentProfile; onClose: () => void }) {
  const { lang } = useI18n();
  const m = listingMessages(lang);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={ref} className="agent-dialog" aria-labelledby="ask-agent-h" onClose={onClose} onCancel={onClose}>
      <AgentCard agent={agent} id="ask-agent" />
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          {m.close}
        </button>
      </div>
    </dialog>
  );
}
