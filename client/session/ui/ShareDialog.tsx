import { useEffect, useRef, useState } from 'react';
import { sessionMessages } from '../../i18n/sessionMessages.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { QrCode } from './QrCode.tsx';

/** The host's invitation: the code to read out, the link to send, its QR code, and the secret host link for a headset. */
export function ShareDialog({ code, joinUrl, hostUrl, onClose }: { code: string; joinUrl: string; hostUrl?: string; onClose: () => void }) {
  const { lang } = useI18n();
  const m = sessionMessages(lang);
  const ref = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState<'link' | 'host' | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  const copy = async (text: string, what: 'link' | 'host') => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      // No clipboard (insecure origin): the text is selectable in the field.
    }
  };
  return (
    <dialog ref={ref} className="session-dialog share-dialog" aria-labelledby="share-title" onClose={onClose} onCancel={onClose}>
      <h2 id="share-title">{m.shareTitle}</h2>
      <p className="hint">{m.shareLede}</p>
      <div className="share-body">
        <QrCode text={joinUrl} label={m.qrLabel(code)} size={184} />
        <div className="share-fields">
          <p className="share-code-label">{m.code}</p>
          <p className="share-code" data-testid="session-code">
            {code}
          </p>
          <label className="share-field">
            <span>{m.joinLink}</span>
            <input readOnly value={joinUrl} onFocus={(e) => e.currentTarget.select()} data-testid="join-url" />
          </label>
          <button onClick={() => copy(joinUrl, 'link')}>{copied === 'link' ? m.copied : m.copy}</button>
        </div>
      </div>
      {hostUrl && (
        <details className="share-host">
          <summary>{m.hostLink}</summary>
          <p className="hint">{m.hostLinkHint}</p>
          <button onClick={() => copy(hostUrl, 'host')}>{copied === 'host' ? m.copied : m.copyHostLink}</button>
        </details>
      )}
      <div className="dialog-actions">
        <button className="primary" onClick={onClose} autoFocus>
          {m.close}
        </button>
      </div>
    </dialog>
  );
}
