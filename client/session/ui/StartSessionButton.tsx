import { useState } from 'react';
import { navigate, onLinkClick } from '../../app/router.ts';
import { loadSession } from '../../host/hostSession.ts';
import { sessionMessages } from '../../i18n/sessionMessages.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import type { TourController } from '../../viewer/TourController.ts';
import { createSession, SessionApiError } from '../sessionApi.ts';
import { saveHostSeat } from '../sessionSeats.ts';
import './session.css';

/**
 * "Start guided session" on the tour, for a host signed in to the console in this browser:
 * starts a session where the host stands now and opens it with the invitation (code, link, QR).
 */
export function StartSessionButton({ placeId, tour }: { placeId: string; tour: TourController }) {
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
      const s = await createSession(placeId, hostToken);
      saveHostSeat({
        sessionId: s.id,
        hostKey: s.hostKey,
        code: s.code,
        joinUrl: s.joinUrl,
        startAt: { sceneId: tour.scene.id, view: { ...tour.view.view } },
      });
      navigate(`/sessions/${encodeURIComponent(s.id)}/host?share=1`);
    } catch (e) {
      const code = e instanceof SessionApiError ? e.code : '';
      if (code === 'unauthorized' || (e instanceof SessionApiError && e.status === 401)) setError({ text: m.startSignIn, signIn: true });
      else if (code === 'not_published') setError({ text: m.startNotPublished });
      else if (code === 'offline') setError({ text: m.offline });
      else setError({ text: e instanceof SessionApiError && e.status === 404 ? e.message : m.startFailed });
      setBusy(false);
    }
  };
  return (
    <div className="start-session">
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
