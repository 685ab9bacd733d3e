/**
 * What the live benchmark runs inside the page (Vantage's show page and the baseline alike):
 * both put each angle's <video data-angle> in a `.show-tile` whose `data-role` is 'main' or
 * 'thumb', so one probe reads both. Timestamps are the page's own (performance.now() origin).
 */

/** Where an angle's burned-in frame stamp is (fractions of the frame), from assets/demo/show/manifest.json. */
export interface ProbeStamp {
  x: number;
  y: number;
  blockW: number;
  blockH: number;
  bits: number;
}

/** One presented frame of one angle: its stamp's block brightnesses (decoded in Node by readFrameStamp). */
export interface StampSample {
  angle: string;
  main: boolean;
  /** expectedDisplayTime of the frame, ms (page clock). */
  t: number;
  luma: number[];
}

export interface SwitchSample {
  target: string;
  /** Click (its event timeStamp) → expected display time of the new main's first frame presented big, ms; null: none within the window. */
  latencyMs: number | null;
  /** Samples of the new main's picture (each rAF and rVFC for SAMPLE_MS after the click) and how many were black. */
  samples: number;
  black: number;
}

export interface LiveProbe {
  startDrift(): void;
  stopDrift(): StampSample[];
  armSwitch(target: string): void;
  switches(): SwitchSample[];
}

declare global {
  interface Window {
    __liveBench?: LiveProbe;
  }
}

/**
 * Installed with addInitScript as `(${installLiveProbe})(stamps)`: it must not close over anything
 * (it is sent as source). `stamps` maps every angle id on the page to its stamp.
 */
export function installLiveProbe(stamps: Record<string, ProbeStamp>): void {
  const SAMPLE_MS = 1000;
  /** Mean luminance (0–255) under this is a black picture (the demo's darkest frames are far above it). */
  const BLACK = 16;
  const CELL = 6;
  const videoOf = (angle: string) => document.querySelector<HTMLVideoElement>(`.show-tile video[data-angle="${angle}"]`);
  const isMain = (v: HTMLVideoElement) => (v.closest('.show-tile') as HTMLElement | null)?.dataset.role === 'main';

  let drifting = false;
  let stampSamples: StampSample[] = [];
  const stampCanvas = document.createElement('canvas');
  const readStamp = (v: HTMLVideoElement, s: ProbeStamp): number[] | null => {
    const n = s.bits + 1;
    if (!v.videoWidth) return null;
    stampCanvas.width = n * CELL;
    stampCanvas.height = CELL;
    const g = stampCanvas.getContext('2d', { willReadFrequently: true })!;
    g.drawImage(v, s.x * v.videoWidth, s.y * v.videoHeight, n * s.blockW * v.videoWidth, s.blockH * v.videoHeight, 0, 0, n * CELL, CELL);
    const px = g.getImageData(0, 0, n * CELL, CELL).data;
    const luma: number[] = [];
    // The middle of each block only: its edges are blurred by the encoder and the scaling.
    for (let k = 0; k < n; k++) {
      let sum = 0, count = 0;
      for (let y = 2; y < CELL - 2; y++)
        for (let x = k * CELL + 2; x < (k + 1) * CELL - 2; x++) {
          const i = (y * n * CELL + x) * 4;
          sum += 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
          count++;
        }
      luma.push(Math.round(sum / count));
    }
    return luma;
  };
  const watch = (angle: string) => {
    const v = videoOf(angle);
    if (!v) return;
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      if (!drifting) return;
      const luma = readStamp(v, stamps[angle]);
      if (luma) stampSamples.push({ angle, main: isMain(v), t: meta.expectedDisplayTime, luma });
      v.requestVideoFrameCallback(onFrame);
    };
    v.requestVideoFrameCallback(onFrame);
  };

  const lumaCanvas = document.createElement('canvas');
  lumaCanvas.width = 32;
  lumaCanvas.height = 18;
  const meanLuma = (v: HTMLVideoElement): number => {
    const g = lumaCanvas.getContext('2d', { willReadFrequently: true })!;
    // Black underneath: a video with no picture draws nothing, which must count as black.
    g.fillStyle = '#000';
    g.fillRect(0, 0, 32, 18);
    if (v.readyState >= 2) g.drawImage(v, 0, 0, 32, 18);
    const px = g.getImageData(0, 0, 32, 18).data;
    let sum = 0;
    for (let i = 0; i < px.length; i += 4) sum += 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
    return sum / (px.length / 4);
  };
  let pending: string | null = null;
  const switchSamples: SwitchSample[] = [];
  // Capture phase on window: runs before the page's own click handler switches the angle.
  window.addEventListener(
    'click',
    (e) => {
      const target = pending;
      if (!target) return;
      pending = null;
      const v = videoOf(target);
      const t0 = e.timeStamp;
      const rec: SwitchSample = { target, latencyMs: null, samples: 0, black: 0 };
      switchSamples.push(rec);
      if (!v) return;
      const sample = () => {
        rec.samples++;
        if (meanLuma(v) < BLACK) rec.black++;
      };
      const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
        if (performance.now() - t0 > SAMPLE_MS) return;
        sample();
        // The first frame that goes on screen with this angle big (the page's switch ran in this click's task).
        if (rec.latencyMs == null && isMain(v) && meta.expectedDisplayTime > t0) rec.latencyMs = meta.expectedDisplayTime - t0;
        v.requestVideoFrameCallback(onFrame);
      };
      v.requestVideoFrameCallback(onFrame);
      const onRaf = () => {
        if (performance.now() - t0 > SAMPLE_MS) return;
        sample();
        requestAnimationFrame(onRaf);
      };
      requestAnimationFrame(onRaf);
    },
    true,
  );

  window.__liveBench = {
    startDrift() {
      stampSamples = [];
      drifting = true;
      for (const angle of Object.keys(stamps)) watch(angle);
    },
    stopDrift() {
      drifting = false;
      const out = stampSamples;
      stampSamples = [];
      return out;
    },
    armSwitch(target: string) {
      pending = target;
    },
    switches() {
      return switchSamples;
    },
  };
}
