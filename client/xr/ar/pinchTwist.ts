/** A touch point on the screen; y grows downwards (DOM and WebXR screen-input axes alike). */
export interface ScreenPoint {
  x: number;
  y: number;
}

export interface PinchTwistResult {
  /** Scale relative to real size (1 = the exhibit's real size), clamped. */
  scale: number;
  /** Rotation about the surface normal (radians, counter-clockwise seen from above). */
  yaw: number;
}

/**
 * Two-finger pinch to scale and twist to rotate, from two pointer positions: spreading the
 * fingers to twice their distance doubles the size; turning them clockwise on screen turns
 * the model clockwise as seen from above (the phone usually looks down at the table).
 */
export class PinchTwist {
  private start: { d: number; angle: number; scale: number; yaw: number } | null = null;

  /** Real-size multiples the model may take: 0.05× to 3× unless told otherwise. */
  constructor(
    readonly minScale = 0.05,
    readonly maxScale = 3,
  ) {}

  get active(): boolean {
    return this.start !== null;
  }

  /** Two fingers down. Returns false (and stays idle) when they are on the same spot. */
  begin(a: ScreenPoint, b: ScreenPoint, scale: number, yaw: number): boolean {
    const d = Math.hypot(b.x - a.x, b.y - a.y);
    if (d < 1e-6) return false;
    this.start = { d, angle: Math.atan2(b.y - a.y, b.x - a.x), scale: this.clamp(scale), yaw };
    return true;
  }

  /** The fingers moved: the model's new scale and yaw. */
  move(a: ScreenPoint, b: ScreenPoint): PinchTwistResult | null {
    if (!this.start) return null;
    const d = Math.hypot(b.x - a.x, b.y - a.y);
    const angle = Math.atan2(b.y - a.y, b.x - a.x);
    // Shortest signed turn, so crossing ±π does not spin the model a full turn.
    let turn = angle - this.start.angle;
    turn = Math.atan2(Math.sin(turn), Math.cos(turn));
    // With y down, a clockwise turn on screen has a positive angle; clockwise from above is −yaw.
    return { scale: this.clamp((this.start.scale * d) / this.start.d), yaw: this.start.yaw - turn };
  }

  end(): void {
    this.start = null;
  }

  private clamp(s: number): number {
    return Math.min(this.maxScale, Math.max(this.minScale, s));
  }
}
