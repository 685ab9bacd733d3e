/**
 * The rooms no chain of doors leads to from the start room: a visitor walking the tour never
 * finds them (only the room strip or the plan reaches them). The host console warns about
 * them before and after publishing. Pure; imports nothing.
 */
export function unreachableRooms(tour: { startScene: string; scenes: readonly { id: string; hotspots: readonly ({ kind: string; target?: string } | { kind: string })[] }[] }): string[] {
  const byId = new Map(tour.scenes.map((s) => [s.id, s]));
  const start = byId.has(tour.startScene) ? tour.startScene : tour.scenes[0]?.id;
  if (!start) return [];
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) {
    for (const h of byId.get(queue.shift()!)!.hotspots) {
      const target = h.kind === 'scene' && 'target' in h ? h.target : undefined;
      if (target && byId.has(target) && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return tour.scenes.filter((s) => !seen.has(s.id)).map((s) => s.id);
}
