import type { ViewerId } from './BenchTarget.ts';

export interface Row {
  source: string;
  network: string;
  dpr: number;
  viewer: ViewerId;
  kib: number;
  requests: number;
  firstImageS: number;
  sharpS: number;
  psnr: number;
  longFrames?: number;
  panFrames?: number;
  panMedianMs?: number;
  /** Frames of three display refreshes or more (≥ 45 ms at 60 Hz), whatever the viewer's median. */
  slowFrames?: number;
  panMeanMs?: number;
  switchS?: number;
}

const NAMES: Record<ViewerId, string> = { vantage: 'Vantage', psv: 'PSV 5.15 + cubemap tiles', marzipano: 'Marzipano 0.10', pannellum: 'Pannellum 2.5' };

/** "value (×ratio)" against the best (lowest) peer value of the same group; the best peer itself reads ×1.00. */
function withRatio(v: number | undefined, best: number | undefined, digits: number): string {
  if (v === undefined) return '—';
  const s = v.toFixed(digits);
  if (best === undefined || !(best > 0)) return s;
  return `${s} (×${(v / best).toFixed(2)})`;
}

/**
 * The results as one Markdown table: a row per source × network × DPR × viewer, each
 * figure a median, with its ratio to the best peer (lowest of PSV, Marzipano, Pannellum)
 * measured in the same group of the same run.
 */
export function formatTable(rows: Row[]): string {
  const head =
    '| source | network | DPR | viewer | KiB to sharp | requests to sharp | first image s | sharp s | final PSNR dB | long frames in pan (of frames; median frame; frames ≥ 45 ms; mean frame) | room switch → visible s |\n' +
    '|---|---|---|---|---|---|---|---|---|---|---|';
  const lines = rows.map((r) => {
    const peers = rows.filter((p) => p.viewer !== 'vantage' && p.source === r.source && p.network === r.network && p.dpr === r.dpr);
    const best = (k: 'kib' | 'requests' | 'firstImageS' | 'sharpS' | 'longFrames' | 'switchS') => {
      const vs = peers.map((p) => p[k]).filter((v): v is number => v !== undefined);
      return vs.length ? Math.min(...vs) : undefined;
    };
    const pan = r.longFrames === undefined ? '—' : `${withRatio(r.longFrames, best('longFrames'), 0)} of ${r.panFrames}, median ${r.panMedianMs?.toFixed(0)} ms; ${r.slowFrames ?? '—'} ≥ 45 ms; mean ${r.panMeanMs?.toFixed(1) ?? '—'} ms`;
    return `| ${r.source} | ${r.network} | ${r.dpr} | ${NAMES[r.viewer]} | ${withRatio(r.kib, best('kib'), 0)} | ${withRatio(r.requests, best('requests'), 0)} | ${withRatio(r.firstImageS, best('firstImageS'), 2)} | ${withRatio(r.sharpS, best('sharpS'), 2)} | ${r.psnr.toFixed(1)} | ${pan} | ${withRatio(r.switchS, best('switchS'), 2)} |`;
  });
  return [head, ...lines].join('\n');
}
