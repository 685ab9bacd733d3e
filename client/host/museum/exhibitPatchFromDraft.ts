import type { ExhibitDraft } from './exhibitDraft.ts';
import type { ExhibitPatch } from './ExhibitPatch.ts';

/** A field the browser can tell is missing, as a path the page maps to its input ("title", "infoPoints.2.title"). */
export type DraftProblem = { path: string; problem: 'required' };

/**
 * The PATCH body for the whole draft, or what must be filled in first. Trims text; an
 * emptied Chinese title or description is sent as '' (the server drops it; the English one
 * stands in), an info point's as absent (the list replaces the old one whole). The server checks
 * everything again under the text rule and answers with one sentence naming the field.
 */
export function exhibitPatchFromDraft(d: ExhibitDraft): { ok: true; patch: ExhibitPatch } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  if (!d.title.trim()) problems.push({ path: 'title', problem: 'required' });
  d.infoPoints.forEach((p, i) => {
    if (!p.title.trim()) problems.push({ path: `infoPoints.${i}.title`, problem: 'required' });
  });
  if (problems.length) return { ok: false, problems };
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  return {
    ok: true,
    patch: {
      title: d.title.trim(),
      titleZh: d.titleZh.trim(),
      description: d.description.trim(),
      descriptionZh: d.descriptionZh.trim(),
      role: d.role,
      minutes: d.minutes,
      arScale: d.arScale,
      infoPoints: d.infoPoints.map((p) => ({
        id: p.id,
        position: p.position,
        ...(p.normal ? { normal: p.normal } : {}),
        ...(p.camera ? { camera: p.camera } : {}),
        title: p.title.trim(),
        titleZh: opt(p.titleZh),
        text: p.text.trim(),
        textZh: opt(p.textZh),
      })),
      hall: d.hall,
      map: d.map,
    },
  };
}
