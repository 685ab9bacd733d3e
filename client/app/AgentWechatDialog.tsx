import type { AgentProfile } from '@protocol';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/useI18n.ts';
import { listingMessages } from '../i18n/listingMessages.ts';

/** Adding the agent on WeChat: their QR code to scan and their ID to copy into WeChat's search. */
export function AgentWechatDialog({ agent, onClose }: { agent: AgentProfile; onClose: () => void }) {
  const { lang } = useI18n();
  const m = listingMessages(lang);
  const ref = useRef<HTMLDialogElement>(null);
  const [copy, setCopy] = useState<'idle' | 'done' | 'failed'>('idle');
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  const copyId = async () => {
    try {
      await navigator.clipboard.writeText(agent.wechatId ?? '');
      setCopy('done');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <dialog ref={ref} className="agent-dialog" aria-labelledby="agent-wechat-title" onClose={onClose} onCancel={onClose}>
      <h2 id="agent-wechat-title">{m.wechatTitle(agent.name)}</h2>
      {agent.wechatQrUrl && <img className="agent-qr" src={agent.wechatQrUrl} alt={m.wechatQr(agent.name)} width={220} height={220} />}
      {agent.wechatId && (
        <p className="agent-wechat-id">
          <span>{m.wechatId}</span> <strong data-testid="wechat-id">{agent.wechatId}</strong>{' '}
          <button type="button" onClick={copyId}>
            {m.copyId}
          </button>
        </p>
      )}
      <p role="status" className="hint">
        {copy === 'done' ? m.copied : copy === 'failed' ? m.copyFailed : ''}
      </p>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {m.close}
        </button>
      </div>
    </dialog>
  );
}
