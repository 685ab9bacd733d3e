import { useState } from 'react';
import { navigate, onLinkClick } from '../../app/router.ts';
import { loadSession } from '../../host/hostSession.ts';
import { sessionMessages } from '../../i18n/sessionMessages.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import type { TourController } from '../../viewer/TourController.ts';
import { createSession } from '../sessionApi.ts';
import { saveHostSeat } from '../sessionSeats.ts';
import { startSessionError } from '../startSessionError.ts';
import './session.css';

/**
 * "Start guided session", for a host signed in to the console in this browser: on the tour it
 * starts where the host stands now; on an exhibit's page, on that exhibit (`exhibitId`); on a
 * place's page, where the place starts. Opens the session with the invitation (code, link, QR).
 * `inline` sits in the page's flow instead of over the tour.
 */
export function StartSessionButton({ placeId, tour, exhibitId, inline }: { placeId: string; tour?: TourController; exhibitId?: string; inline?: boolean }) {
  const { lang } = useI18n();
  const m = sessionMessages(lang);
  const [hostToken] = useState(() => loadSession()?.token ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; signIn?: boolean } | null>(null);
  if (!hostToken) return null;
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const s = await createSession(placeId, hostToken, undefined, exhibitId);
      saveHostSeat({
        sessionId: s.id,
        hostKey: s.hostKey,
        code: s.code,
        joinUrl: s.joinUrl,
        ...(tour && !exhibitId && { startAt: { sceneId: tour.scene.id, view: { ...tour.view.view } } }),
      });
      navigate(`/sessions/${encodeURIComponent(s.id)}/host?share=1`);
    } catch (e) {
      setError(startSessionError(e, m));
      setBusy(false);
    }
  };
  return (
    <div className={inline ? 'start-session start-session-inline' : 'start-session'}>
      <button onClick={start} disabled={busy}>
        {busy ? m.starting : m.startSession}
      </button>
      {error && (
        <p className="start-error" role="alert">
          {error.signIn ? (
            <a href="/host" onClick={onLinkClick}>
              {error.text}
            </a>
          ) : (
            error.text
          )}
        </p>
      )}
    </div>
  );
}
