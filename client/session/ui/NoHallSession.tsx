import { useEffect, useMemo } from 'react';
import type { Place } from '@protocol';
import type { TourController } from '../../viewer/TourController.ts';
import type { createVantageXrStore } from '../../xr/createVantageXrStore.ts';
import { NoHallTour } from '../NoHallTour.ts';
import type { SessionClient } from '../SessionClient.ts';
import type { VoiceClient } from '../voice/VoiceClient.ts';
import { SessionOverlay } from './SessionOverlay.tsx';

type XrStore = ReturnType<typeof createVantageXrStore>;

/** No headset here: the exhibit view has its own; the overlay only asks whether one is on. */
const NO_XR = { subscribe: () => () => {}, getState: () => ({ session: null }) } as unknown as XrStore;

/**
 * A guided session on a museum without halls: no panorama underneath, only the exhibit the
 * group looks at (the session starts on the first) with the session's bar, chat and voice.
 */
export function NoHallSession({ client, voice, place, share, shareAtStart }: { client: SessionClient; voice: VoiceClient; place: Place; share: { code: string; joinUrl: string; hostUrl?: string } | null; shareAtStart?: boolean }) {
  const tour = useMemo(() => new NoHallTour(client.state.snapshot!.room.sceneId), [client]);
  useEffect(() => () => tour.dispose(), [tour]);
  return (
    <div className="tour session-no-hall" data-testid="session-no-hall">
      {/* NoHallTour has every member of TourController the overlay reads (scene, view, goTo, onScene, onFrame, viewer.root). */}
      <SessionOverlay client={client} voice={voice} tour={tour as unknown as TourController} xrStore={NO_XR} place={place} share={share} shareAtStart={shareAtStart} halls={false} />
    </div>
  );
}
