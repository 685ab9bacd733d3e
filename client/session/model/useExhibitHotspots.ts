import { useEffect, type RefObject } from 'react';
import type { SessionClient } from '../SessionClient.ts';

/** The exhibit id in an exhibit hotspot's link (/places/:id/exhibits/:exhibitId). */
const EXHIBIT_PATH = /\/places\/[^/]+\/exhibits\/([a-z0-9][a-z0-9-]{0,63})\/?$/;

/**
 * In a guided session a hall's exhibit hotspot does not leave the session: the lead's takes
 * the whole group to the exhibit (a `goto`); anyone else's opens the exhibit's page in a new
 * tab (they stay in the session here).
 */
export function useExhibitHotspots(root: RefObject<HTMLElement | null>, client: SessionClient, isLead: boolean): void {
  useEffect(() => {
    const tour = root.current?.closest('.tour');
    if (!tour) return;
    const onClick = (e: Event) => {
      const a = (e.target as Element | null)?.closest?.('a.hotspot-exhibit');
      if (!(a instanceof HTMLAnchorElement)) return;
      const id = EXHIBIT_PATH.exec(new URL(a.href).pathname)?.[1];
      if (!id) return;
      e.preventDefault();
      if (isLead) client.send({ type: 'goto', exhibit: { exhibitId: id } });
      else window.open(a.href, '_blank', 'noopener');
    };
    tour.addEventListener('click', onClick, true);
    return () => tour.removeEventListener('click', onClick, true);
  }, [root, client, isLead]);
}
