import { useEffect, type RefObject } from 'react';

/**
 * Publishes the session bar's height (--session-bar-h) and the room title's (--tour-top-h) on
 * .tour, for the layout around the bar: on phones the floor plan sits below it, and the bar
 * sits under the title however many lines that takes.
 */
export function useBarHeight(bar: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = bar.current;
    const tourEl = el?.closest<HTMLElement>('.tour');
    if (!el || !tourEl || typeof ResizeObserver === 'undefined') return;
    const top = tourEl.querySelector<HTMLElement>('.tour-top');
    const ro = new ResizeObserver(() => {
      tourEl.style.setProperty('--session-bar-h', `${el.offsetHeight}px`);
      if (top) tourEl.style.setProperty('--tour-top-h', `${top.offsetHeight}px`);
    });
    ro.observe(el);
    if (top) ro.observe(top);
    return () => {
      ro.disconnect();
      tourEl.style.removeProperty('--session-bar-h');
      tourEl.style.removeProperty('--tour-top-h');
    };
  }, [bar]);
}
