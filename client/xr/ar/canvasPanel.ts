import * as THREE from 'three';

/** Font sizes in canvas pixels; by default they follow the canvas height. */
export interface PanelSizes {
  titlePx?: number;
  bodyPx?: number;
  footPx?: number;
}

export interface PanelText {
  title?: string;
  body?: string;
  /** A small line under the body ("Tap to close"). */
  foot?: string;
}

/**
 * Text drawn on a canvas, as a texture for a plane in the 3D scene: captions and coaching in
 * AR, where a DOM overlay is not available everywhere. System fonts only (nothing fetched).
 * The canvas keeps its size; `draw` repaints it.
 */
export class CanvasPanel {
  readonly canvas = document.createElement('canvas');
  readonly texture: THREE.CanvasTexture;

  constructor(
    readonly width = 1024,
    readonly height = 512,
  ) {
    this.canvas.width = width;
    this.canvas.height = height;
    this.texture = new THREE.CanvasTexture(this.canvas);
    this.texture.colorSpace = THREE.SRGBColorSpace;
  }

  draw({ title, body, foot }: PanelText, sizes: PanelSizes = {}): void {
    const ctx = this.canvas.getContext('2d')!;
    const { width: w, height: h } = this;
    ctx.clearRect(0, 0, w, h);
    ctx.fillStyle = 'rgba(20,32,43,0.9)';
    ctx.beginPath();
    ctx.roundRect(0, 0, w, h, 40);
    ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.textBaseline = 'top';
    let y = 36;
    const pad = 36;
    const titlePx = Math.round(sizes.titlePx ?? h / 8);
    const bodyPx = Math.round(sizes.bodyPx ?? h / 12);
    const footPx = Math.round(sizes.footPx ?? h / 14);
    if (title) {
      ctx.font = `700 ${titlePx}px system-ui, sans-serif`;
      y = wrap(ctx, title, pad, y, w - 2 * pad, Math.round(titlePx * 1.15), 2);
      y += 12;
    }
    if (body) {
      ctx.font = `400 ${bodyPx}px system-ui, sans-serif`;
      const lines = Math.max(1, Math.floor((h - y - pad - (foot ? footPx * 1.5 : 0)) / (bodyPx * 1.25)));
      y = wrap(ctx, body, pad, y, w - 2 * pad, Math.round(bodyPx * 1.25), lines);
    }
    if (foot) {
      ctx.fillStyle = '#e0a24a';
      ctx.font = `600 ${footPx}px system-ui, sans-serif`;
      ctx.fillText(foot, pad, h - pad - footPx, w - 2 * pad);
    }
    this.texture.needsUpdate = true;
  }

  dispose(): void {
    this.texture.dispose();
  }
}

/** Word wrap (by character for scripts without spaces, such as Chinese); returns the next y. */
function wrap(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, maxW: number, lineH: number, maxLines: number): number {
  const tokens = /\s/.test(text) ? text.split(/(\s+)/) : [...text];
  let line = '';
  let lines = 0;
  for (const tok of tokens) {
    const next = line + tok;
    if (ctx.measureText(next).width > maxW && line.trim()) {
      if (++lines >= maxLines) {
        ctx.fillText(line.trimEnd() + '…', x, y, maxW);
        return y + lineH;
      }
      ctx.fillText(line.trimEnd(), x, y, maxW);
      y += lineH;
      line = tok.trimStart();
    } else line = next;
  }
  if (line.trim()) {
    ctx.fillText(line.trim(), x, y, maxW);
    y += lineH;
  }
  return y;
}

/** A numbered disc (an info point's button) as a texture. */
export function numberDiscTexture(n: number, active: boolean): THREE.CanvasTexture {
  const c = document.createElement('canvas');
  c.width = c.height = 128;
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = active ? '#e0a24a' : '#14202b';
  ctx.beginPath();
  ctx.arc(64, 64, 60, 0, Math.PI * 2);
  ctx.fill();
  ctx.lineWidth = 8;
  ctx.strokeStyle = '#fff';
  ctx.stroke();
  ctx.fillStyle = '#fff';
  ctx.font = '700 64px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(String(n), 64, 68);
  const t = new THREE.CanvasTexture(c);
  t.colorSpace = THREE.SRGBColorSpace;
  return t;
}
