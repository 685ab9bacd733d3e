import { useCallback, useEffect, useMemo, type RefObject } from 'react';
import { normaliseYaw, type Place } from '@protocol';
import type { SessionSnapshot } from '@protocol';
import type { TourController } from '../../viewer/TourController.ts';
import { GazeMinimap, type GazeMark } from '../GazeMinimap.ts';
import type { SessionClient } from '../SessionClient.ts';

/** The host's cones on the floor plan, one per viewer's gaze: redrawn on every gaze batch, roster change and room change. */
export function useGazeCones(client: SessionClient, place: Place, tour: TourController, root: RefObject<HTMLElement | null>, snap: SessionSnapshot): void {
  const minimap = useMemo(() => new GazeMinimap(() => root.current?.closest('.tour')?.querySelector<SVGSVGElement>('.tour-minimap svg') ?? null), [root]);
  useEffect(() => () => minimap.dispose(), [minimap]);
  const drawCones = useCallback(() => {
    const s = client.state.snapshot;
    const meNow = client.state.me?.id;
    if (!s || !client.isHost) return minimap.update([]);
    const marks: GazeMark[] = [];
    for (const [id, pose] of client.gaze) {
      const p = s.participants.find((x) => x.id === id);
      const scene = place.tour.scenes.find((x) => x.id === pose.sceneId);
      if (!p || !scene || id === meNow || id === s.leadId || !p.connected) continue;
      marks.push({ id, name: p.name, x: scene.floor.x, y: scene.floor.y, heading: normaliseYaw(pose.yaw - scene.north), following: p.following });
    }
    const here = place.tour.scenes.find((x) => x.id === tour.scene.id);
    minimap.update(marks, here ? [here.floor] : []);
  }, [client, minimap, place, tour]);
  useEffect(() => client.onGaze(drawCones), [client, drawCones]);
  useEffect(() => drawCones(), [drawCones, snap.participants, snap.leadId]);
  useEffect(() => tour.onScene(() => requestAnimationFrame(drawCones)), [tour, drawCones]);
}
