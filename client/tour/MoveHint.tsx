import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/useI18n.ts';
import { useCoarsePointer } from './useCoarsePointer.ts';

const SEEN_KEY = 'vantage:move-hint-seen';
/** Long enough to read twice; the first touch, drag or key dismisses it sooner. */
const SHOW_MS = 7000;

const seen = () => {
  try {
    return localStorage.getItem(SEEN_KEY) === '1';
  } catch {
    return false; // storage off: show it (once per page)
  }
};

/**
 * A newcomer's first tour: one line on how to move — drag to look around, tap (or click) a
 * door's circle to walk — shown once per browser, over the room's lower middle, gone at the
 * first touch, drag or key, or after a few seconds. People who had never used a 360° tour
 * swiped around without knowing the circles were doors.
 */
export function MoveHint({ root, ready }: { root: React.RefObject<HTMLElement | null>; ready: boolean }) {
  const { t } = useI18n();
  const touch = useCoarsePointer();
  // 'waiting' until the room is first on screen; once shown it stays until dismissed (the room sharpening again later changes nothing).
  const [state, setState] = useState<'waiting' | 'open' | 'done'>(() => (seen() ? 'done' : 'waiting'));
  useEffect(() => {
    if (state === 'waiting' && ready) setState('open');
  }, [state, ready]);
  const open = state === 'open';
  useEffect(() => {
    if (!open) return;
    try {
      localStorage.setItem(SEEN_KEY, '1');
    } catch {
      // shown again next time; no harm
    }
    const el = root.current;
    const close = () => setState('done');
    const timer = setTimeout(close, SHOW_MS);
    el?.addEventListener('pointerdown', close, { once: true });
    el?.addEventListener('keydown', close, { once: true });
    return () => {
      clearTimeout(timer);
      el?.removeEventListener('pointerdown', close);
      el?.removeEventListener('keydown', close);
    };
  }, [open, root]);
  if (!open) return null;
  return (
    <div className="move-hint" role="status" data-testid="move-hint">
      <span className="move-hint-ring" aria-hidden="true" />
      <span>{touch ? t.moveHintTouch : t.moveHint}</span>
    </div>
  );
}
