import { useMemo } from 'react';
import type { Place } from '@protocol';
import type { SessionSnapshot } from '@protocol';
import type { Lang } from '../../i18n/messages.ts';
import { roomName } from '../../i18n/useI18n.ts';
import type { SessionClient } from '../SessionClient.ts';

/** Room names by participant for the people list: viewers' through their gaze (the host), the lead's, and this screen's. */
export function useParticipantRooms(
  client: SessionClient,
  place: Place,
  lang: Lang,
  snap: SessionSnapshot,
  meId: string,
  gazeIds: string[],
  sceneId: string,
): Map<string, string> {
  return useMemo(() => {
    const myRoomName = (id: string) => {
      const s = place.tour.scenes.find((x) => x.id === id);
      return s ? roomName(lang, s) : null;
    };
    const r = new Map<string, string>();
    for (const id of gazeIds) {
      const n = myRoomName(client.gaze.get(id)!.sceneId);
      if (n) r.set(id, n);
    }
    const lr = myRoomName(client.leadPose?.sceneId ?? snap.room.sceneId);
    if (lr) r.set(snap.leadId, lr);
    const mine = myRoomName(sceneId);
    if (mine) r.set(meId, mine);
    return r;
  }, [gazeIds, snap.room.sceneId, snap.leadId, meId, lang, sceneId]); // eslint-disable-line react-hooks/exhaustive-deps
}
