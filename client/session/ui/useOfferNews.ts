import { useEffect, useState } from 'react';
import type { SessionSnapshot } from '@protocol';
import type { SessionMessages } from '../../i18n/sessionMessages.ts';

/**
 * The live-region text announcing the host's invitation to book, for viewers. Set after
 * mount, so a screen reader hears it even when the invitation came with the snapshot (a late joiner).
 */
export function useOfferNews(isHost: boolean, offer: SessionSnapshot['bookingOffer'], hostName: string, m: SessionMessages): string {
  const [offerNews, setOfferNews] = useState('');
  useEffect(() => setOfferNews(!isHost && offer ? m.offerTitle(hostName) : ''), [offer?.id, isHost, hostName, m]); // eslint-disable-line react-hooks/exhaustive-deps
  return offerNews;
}
