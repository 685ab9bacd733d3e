import { ANGLE_OFFSET_MAX_MS, angleInputSchema, textProblem, type AngleInput, type AngleProjection } from '@protocol';

/** The add-angle form as typed (strings), before it becomes an API body. */
export interface AngleDraft {
  label: string;
  labelZh: string;
  projection: AngleProjection;
  /** An https playlist the venue serves, or what `npm run live` publishes into the asset store. */
  source: 'url' | 'published';
  url: string;
}
export type AngleDraftField = 'label' | 'labelZh' | 'url';
export type AngleDraftProblem = 'label' | 'url';

export const EMPTY_ANGLE_DRAFT: AngleDraft = { label: '', labelZh: '', projection: 'flat', source: 'url', url: '' };

/**
 * Checks what the browser can (the server checks again, with the same protocol schema) and
 * builds the body of POST …/show/angles; the id is left to the server, made from the label.
 */
export function angleDraftToBody(d: AngleDraft): { ok: true; body: Omit<AngleInput, 'id'> } | { ok: false; problems: Partial<Record<AngleDraftField, AngleDraftProblem>> } {
  const problems: Partial<Record<AngleDraftField, AngleDraftProblem>> = {};
  if (textProblem(d.label, { max: 60 })) problems.label = 'label';
  if (d.labelZh.trim() && textProblem(d.labelZh, { max: 60 })) problems.labelZh = 'label';
  const url = d.url.trim();
  const source = d.source === 'published' ? ({ kind: 'published' } as const) : ({ kind: 'url', url } as const);
  if (d.source === 'url' && !angleInputSchema.shape.source.safeParse(source).success) problems.url = 'url';
  if (Object.keys(problems).length) return { ok: false, problems };
  return {
    ok: true,
    body: { label: d.label.trim(), ...(d.labelZh.trim() && { labelZh: d.labelZh.trim() }), projection: d.projection, offsetMs: 0, source },
  };
}

/** A typed offset as whole milliseconds within the protocol's bounds, or null when it is not one. */
export function parseOffsetMs(typed: string): number | null {
  // People type the minus sign as a hyphen, an en dash or the real one.
  const s = typed.trim().replace(/^[\u2212\u2013]/, '-');
  if (!/^[+-]?\d+$/.test(s)) return null;
  const n = Number(s);
  return Math.abs(n) <= ANGLE_OFFSET_MAX_MS ? n : null;
}
