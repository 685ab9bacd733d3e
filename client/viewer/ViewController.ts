import { normaliseYaw, type View } from '@protocol';
import { clampView, FOV_MAX, FOV_MIN, verticalFov, yawDelta } from './viewMath.ts';

const KEY_SPEED = 70; // degrees per second at fov 90 while an arrow key is held
const FRICTION = 4; // inertia decay per second (exp)

interface Glide {
  from: View;
  to: View;
  start: number;
  ms: number;
}

/**
 * The person's view, moved by drag, wheel, pinch, keys and inertia. Plain DOM + math: the
 * R3F layer only reads `view` each frame. `attach` returns its own disposal.
 */
export class ViewController {
  view: View;
  private vel = { yaw: 0, pitch: 0 };
  private readonly keys = new Set<string>();
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private pinch: { dist: number; fov: number } | null = null;
  private lastMove = 0;
  private glide: Glide | null = null;
  private readonly listeners = new Set<(v: View, byUser: boolean) => void>();
  private heightCss = 600;
  private aspect = 16 / 9;
  fovMin = FOV_MIN;
  fovMax = FOV_MAX;
  /** While false (e.g. in VR or following someone who leads), input is ignored. */
  enabled = true;

  constructor(initial: View) {
    this.view = clampView(initial);
  }

  setViewport(heightCss: number, aspect: number) {
    this.heightCss = heightCss;
    this.aspect = aspect;
  }

  private degPerPixel() {
    return verticalFov(this.view.fov, this.aspect) / this.heightCss;
  }

  /** Jumps (or glides over `ms`) to a view, e.g. a deep link, a new room or the guide's view. */
  setView(v: View, ms = 0) {
    const to = clampView(v, this.fovMin, this.fovMax);
    this.vel = { yaw: 0, pitch: 0 };
    if (ms > 0) this.glide = { from: { ...this.view }, to, start: performance.now(), ms };
    else {
      this.glide = null;
      this.apply(to, false);
    }
  }

  onChange(listener: (v: View, byUser: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private apply(v: View, byUser: boolean) {
    const next = clampView(v, this.fovMin, this.fovMax);
    if (next.yaw === this.view.yaw && next.pitch === this.view.pitch && next.fov === this.view.fov) return;
    this.view = next;
    for (const l of this.listeners) l(next, byUser);
  }

  private userMove(dYaw: number, dPitch: number, dFov = 0) {
    this.glide = null;
    this.apply({ yaw: this.view.yaw + dYaw, pitch: this.view.pitch + dPitch, fov: this.view.fov + dFov }, true);
  }

  zoomBy(factor: number) {
    this.glide = null;
    this.apply({ ...this.view, fov: this.view.fov * factor }, true);
  }

  /** Advances inertia, held keys and glides; call every frame. */
  tick(dtSeconds: number, now = performance.now()) {
    const dt = Math.min(dtSeconds, 0.1);
    if (this.glide) {
      const t = Math.min(1, (now - this.glide.start) / this.glide.ms);
      const e = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2; // ease in-out
      const { from, to } = this.glide;
      this.apply(
        {
          yaw: normaliseYaw(from.yaw + yawDelta(from.yaw, to.yaw) * e),
          pitch: from.pitch + (to.pitch - from.pitch) * e,
          fov: from.fov + (to.fov - from.fov) * e,
        },
        false,
      );
      if (t >= 1) this.glide = null;
      return;
    }
    if (!this.enabled) return;
    const speed = KEY_SPEED * (this.view.fov / 90) * dt;
    let dy = 0, dp = 0, zoom = 1;
    if (this.keys.has('ArrowLeft')) dy -= speed;
    if (this.keys.has('ArrowRight')) dy += speed;
    if (this.keys.has('ArrowUp')) dp += speed;
    if (this.keys.has('ArrowDown')) dp -= speed;
    if (this.keys.has('+')) zoom *= Math.exp(-1.2 * dt);
    if (this.keys.has('-')) zoom *= Math.exp(1.2 * dt);
    if (dy || dp || zoom !== 1) {
      this.userMove(dy, dp, this.view.fov * (zoom - 1));
      return;
    }
    if (this.pointers.size === 0 && (Math.abs(this.vel.yaw) > 0.5 || Math.abs(this.vel.pitch) > 0.5)) {
      this.userMove(this.vel.yaw * dt, this.vel.pitch * dt);
      const k = Math.exp(-FRICTION * dt);
      this.vel.yaw *= k;
      this.vel.pitch *= k;
    }
  }

  /** Wires pointer, wheel and keyboard input; keys are read on `keyTarget` (the window by default). */
  attach(el: HTMLElement, keyTarget: Window | HTMLElement = window): () => void {
    const down = (e: PointerEvent) => {
      if (!this.enabled || e.button > 0) return;
      el.setPointerCapture?.(e.pointerId);
      this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      this.vel = { yaw: 0, pitch: 0 };
      this.glide = null;
      if (this.pointers.size === 2) {
        const [a, b] = [...this.pointers.values()];
        this.pinch = { dist: Math.hypot(a.x - b.x, a.y - b.y), fov: this.view.fov };
      }
    };
    const move = (e: PointerEvent) => {
      const p = this.pointers.get(e.pointerId);
      if (!p || !this.enabled) return;
      const dx = e.clientX - p.x, dy = e.clientY - p.y;
      p.x = e.clientX;
      p.y = e.clientY;
      if (this.pinch && this.pointers.size >= 2) {
        const [a, b] = [...this.pointers.values()];
        const dist = Math.hypot(a.x - b.x, a.y - b.y);
        if (dist > 0) this.apply({ ...this.view, fov: (this.pinch.fov * this.pinch.dist) / dist }, true);
        return;
      }
      const k = this.degPerPixel();
      // Dragging moves the picture with the finger: drag right, look left.
      this.userMove(-dx * k, dy * k);
      const now = performance.now();
      const dt = Math.max(1, now - this.lastMove) / 1000;
      this.lastMove = now;
      this.vel = { yaw: (-dx * k) / dt, pitch: (dy * k) / dt };
    };
    const up = (e: PointerEvent) => {
      this.pointers.delete(e.pointerId);
      if (this.pointers.size < 2) this.pinch = null;
      // A pause before letting go means no fling.
      if (performance.now() - this.lastMove > 80) this.vel = { yaw: 0, pitch: 0 };
    };
    const wheel = (e: WheelEvent) => {
      if (!this.enabled) return;
      e.preventDefault();
      const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      this.zoomBy(Math.exp(delta * 0.0015));
    };
    const typing = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
    };
    const keyName = (e: KeyboardEvent) => (e.key === '=' ? '+' : e.key === '_' ? '-' : e.key);
    const keydown = (e: KeyboardEvent) => {
      const k = keyName(e as KeyboardEvent);
      if (!this.enabled || typing(e as KeyboardEvent) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', '+', '-'].includes(k)) return;
      e.preventDefault();
      this.glide = null;
      // A single tap turns a fixed step; holding keeps turning smoothly in tick().
      if (!e.repeat && !this.keys.has(k)) {
        const step = 5 * (this.view.fov / 90);
        if (k === 'ArrowLeft') this.userMove(-step, 0);
        else if (k === 'ArrowRight') this.userMove(step, 0);
        else if (k === 'ArrowUp') this.userMove(0, step);
        else if (k === 'ArrowDown') this.userMove(0, -step);
        else this.zoomBy(k === '+' ? 0.9 : 1 / 0.9);
      }
      this.keys.add(k);
    };
    const keyup = (e: KeyboardEvent) => void this.keys.delete(keyName(e));
    const blur = () => this.keys.clear();
    el.style.touchAction = 'none';
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    el.addEventListener('wheel', wheel, { passive: false });
    keyTarget.addEventListener('keydown', keydown as EventListener);
    keyTarget.addEventListener('keyup', keyup as EventListener);
    window.addEventListener('blur', blur);
    return () => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      el.removeEventListener('wheel', wheel);
      keyTarget.removeEventListener('keydown', keydown as EventListener);
      keyTarget.removeEventListener('keyup', keyup as EventListener);
      window.removeEventListener('blur', blur);
      this.keys.clear();
      this.pointers.clear();
    };
  }

  dispose() {
    this.listeners.clear();
  }
}

export { FOV_MAX, FOV_MIN };
