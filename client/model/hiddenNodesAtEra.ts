import type { Era } from '@protocol';
import { EraTimeline } from '../xr/ar/EraTimeline.ts';

/**
 * The glTF node names a site model hides when it shows one era: every node that rises in a
 * later era (in year order; a node named by several eras stands from the first of them, as in
 * the AR timeline). `null` or an unknown era shows all eras: nothing hidden.
 */
export function hiddenNodesAtEra(eras: readonly Era[], eraId: string | null): Set<string> {
  const hidden = new Set<string>();
  if (!eraId) return hidden;
  const timeline = new EraTimeline(eras);
  const at = timeline.eras.findIndex((e) => e.id === eraId);
  if (at < 0) return hidden;
  for (const [node, i] of timeline.eraOfNode) if (i > at) hidden.add(node);
  return hidden;
}
