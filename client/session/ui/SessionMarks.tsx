import type { SessionMessages } from '../../i18n/sessionMessages.ts';
import type { SessionMarkRefs } from './useSessionMarks.ts';

/** The marks over the panorama (laser dot, focus ring, gaze markers) and the arrow towards the guide's focus; useSessionMarks moves them each frame. */
export function SessionMarks({
  refs,
  gazeIds,
  names,
  leadName,
  onFollow,
  m,
}: {
  refs: SessionMarkRefs;
  gazeIds: string[];
  names: Map<string, string>;
  leadName: string;
  onFollow: () => void;
  m: SessionMessages;
}) {
  const gazeEls = refs.gazeEls.current;
  return (
    <>
      <div className="session-marks" aria-hidden="true">
        <div className="laser-dot" ref={refs.laserDot} data-on="0" />
        <div className="focus-ring" ref={refs.focusRing} data-on="0">
          <span>{m.guideLooksHere(leadName)}</span>
        </div>
        {gazeIds.map((id) => (
          <div key={id} className="gaze-marker" data-on="0" data-name={names.get(id) ?? ''} ref={(el) => void (el ? gazeEls.set(id, el) : gazeEls.delete(id))}>
            {/* Its text is written each frame (useSessionMarks): alone, or merged with the tags it would cover. */}
            <span />
          </div>
        ))}
      </div>
      <button className="focus-arrow" ref={refs.focusArrow} data-on="0" aria-label={m.turnTowards(leadName)} onClick={onFollow}>
        <svg width="40" height="40" viewBox="0 0 40 40" aria-hidden="true">
          <path d="M8 20h20M20 10l10 10-10 10" fill="none" stroke="currentColor" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
    </>
  );
}
