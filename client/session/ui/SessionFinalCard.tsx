import { useEffect, useRef } from 'react';
import { onLinkClick } from '../../app/router.ts';
import { BookVisitButton } from '../../booking/BookVisitButton.tsx';
import type { SessionMessages } from '../../i18n/sessionMessages.ts';

/** The session is over for this person (ended, removed, left): what next, focused for a screen reader. */
export function SessionFinalCard({ status, placeId, sessionId, m }: { status: 'ended' | 'removed' | 'left'; placeId: string; sessionId: string | null; m: SessionMessages }) {
  const title = status === 'ended' ? m.endedTitle : status === 'removed' ? m.removedTitle : m.leftTitle;
  const text = status === 'ended' ? m.endedText : status === 'removed' ? m.removedText : m.leftText;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="session-final" role="alertdialog" aria-modal="true" aria-labelledby="session-final-title" aria-describedby="session-final-text">
      <div className="session-final-card" ref={ref} tabIndex={-1}>
        <h2 id="session-final-title">{title}</h2>
        <p id="session-final-text">{text}</p>
        <p className="dialog-actions">
          {/* The tour is over, the wish to see the place may not be: booking still counts for this session. */}
          {sessionId && status !== 'removed' && <BookVisitButton placeId={placeId} source="session" sessionId={sessionId} className="button" />}
          <a className="button primary" href={`/places/${encodeURIComponent(placeId)}/tour`} onClick={onLinkClick}>
            {m.exploreAlone}
          </a>
          <a className="button" href={`/places/${encodeURIComponent(placeId)}`} onClick={onLinkClick}>
            {m.backToListing}
          </a>
        </p>
      </div>
    </div>
  );
}
