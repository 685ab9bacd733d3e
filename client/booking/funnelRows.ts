import type { Funnel } from '@protocol';

export interface FunnelRow {
  step: Funnel['steps'][number]['step'];
  count: number;
  /** Bar length, 0–100, relative to the largest step. */
  width: number;
  /** Percent of the previous step, null for the first or after a zero. */
  ofPrevious: number | null;
}

/** The funnel's steps as bars: widths against the largest step, conversion from the previous one. */
export function funnelRows(steps: Funnel['steps']): FunnelRow[] {
  const max = Math.max(1, ...steps.map((s) => s.count));
  return steps.map((s, i) => {
    const prev = i > 0 ? steps[i - 1].count : 0;
    return { step: s.step, count: s.count, width: (s.count / max) * 100, ofPrevious: i > 0 && prev > 0 ? Math.round((s.count / prev) * 100) : null };
  });
}

/** `1 min 05 s`-style dwell, or `—` when unknown. */
export function formatDwell(ms: number | null): string {
  if (ms == null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
