import { useEffect, useState } from 'react';
import type { TourController } from '../../viewer/TourController.ts';

/** The room this screen shows now. */
export function useSceneId(tour: TourController): string {
  const [sceneId, setSceneId] = useState(tour.scene.id);
  useEffect(() => tour.onScene((s) => setSceneId(s.id)), [tour]);
  return sceneId;
}
