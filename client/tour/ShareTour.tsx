import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/useI18n.ts';
import { QrCode } from '../session/ui/QrCode.tsx';

/**
 * "Share": the link to this view (copy, or the phone's own share sheet), its QR code for a
 * visitor standing at a shop window or an open house, and the code that embeds the tour in
 * another site (the embed page is the only one that may be framed). A dialog: focus goes in,
 * Escape or Close brings it back to the button.
 */
export function ShareTour({ title, placeId, sceneId }: { title: string; placeId: string; sceneId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const url = open ? location.href : '';
  const embed = `<iframe src="${location.origin}/embed/places/${encodeURIComponent(placeId)}?scene=${encodeURIComponent(sceneId)}" title="${title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}" width="100%" height="480" style="border:0" allow="fullscreen; xr-spatial-tracking; gyroscope; accelerometer" allowfullscreen loading="lazy"></iframe>`;
  const close = () => {
    setOpen(false);
    setNote('');
    button.current?.focus();
  };
  useEffect(() => {
    if (!open) return;
    dialog.current?.querySelector<HTMLElement>('button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  const copy = async (text: string, done: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setNote(done);
    } catch {
      setNote(t.copyByHand);
    }
  };
  return (
    <>
      <button ref={button} type="button" aria-haspopup="dialog" aria-expanded={open} onClick={() => (open ? close() : setOpen(true))}>
        {t.share}
      </button>
      {open && (
        <div ref={dialog} className="share-tour" role="dialog" aria-modal="true" aria-labelledby="share-tour-title">
          <h2 id="share-tour-title">{t.shareTitle}</h2>
          <div className="share-tour-body">
            <QrCode text={url} label={t.shareQr(title)} size={168} />
            <div className="share-tour-fields">
              <label>
                {t.shareLink}
                <input readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
              </label>
              <div className="share-tour-actions">
                <button type="button" className="primary" onClick={() => copy(url, t.linkCopied)}>
                  {t.copyLink}
                </button>
                {typeof navigator.share === 'function' && (
                  <button type="button" onClick={() => navigator.share({ title, url }).catch(() => {})}>
                    {t.shareVia}
                  </button>
                )}
              </div>
              <label>
                {t.embedCode}
                <textarea readOnly rows={3} value={embed} onFocus={(e) => e.currentTarget.select()} />
              </label>
              <button type="button" onClick={() => copy(embed, t.embedCopied)}>
                {t.copyEmbed}
              </button>
              <p role="status" className="share-tour-note">
                {note}
              </p>
            </div>
          </div>
          <button type="button" className="share-tour-close" onClick={close}>
            {t.close}
          </button>
        </div>
      )}
    </>
  );
}
