import { AnchoredModel, uprightFacing } from './AnchoredModel.ts';
import { ArPlacement, type ArPlacementOptions } from './arPlacement.ts';
import { PinchTwist, type ScreenPoint } from './pinchTwist.ts';

/** What the stage needs to know of an exhibit to place it. */
export interface ArStageExhibit {
  id: string;
  /** Metres per model unit. */
  arScale: number;
}

export interface ArStageModel {
  /** Unique per placement (the same exhibit may stand twice). */
  key: string;
  exhibitId: string;
  pose: AnchoredModel;
}

/**
 * Everything one AR session holds, without WebXR or React: the placement machine, the models
 * placed (several, each in its own anchor's space), which one gestures act on, which info
 * point's caption is open. The binding turns XR frames and taps into calls here.
 */
export class ArStage {
  readonly placement: ArPlacement;
  readonly models: ArStageModel[] = [];
  /** The exhibit the next tap on a surface places. */
  next: ArStageExhibit;
  /** The model pinch and twist act on: the last placed, or the last tapped. */
  selected: string | null = null;
  caption: { key: string; infoPointId: string } | null = null;
  /** Grows on every change: a cheap snapshot for React's useSyncExternalStore. */
  version = 0;
  private readonly gesture = new PinchTwist();
  private count = 0;
  private readonly listeners = new Set<() => void>();

  constructor(first: ArStageExhibit, now = performance.now(), opts?: ArPlacementOptions) {
    this.next = first;
    this.placement = new ArPlacement(now, opts);
    this.placement.onChange(() => this.emit());
  }

  /** Called when models, selection, caption or phase change (not every frame). */
  onChange(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /**
   * A tap that hit no model: places `next` at the reticle, upright and facing the viewer.
   * Returns the new model, or null when there is no surface under the reticle.
   */
  placeAtReticle(now: number, viewer: [number, number, number]): ArStageModel | null {
    const hit = this.placement.select(now);
    if (!hit) return null;
    const m: ArStageModel = {
      key: `${this.next.id}#${++this.count}`,
      exhibitId: this.next.id,
      pose: new AnchoredModel(uprightFacing(hit, viewer), this.next.arScale),
    };
    this.models.push(m);
    this.selected = m.key;
    this.emit();
    return m;
  }

  /** Chooses what the next tap on a surface places. */
  setNext(exhibit: ArStageExhibit): void {
    if (this.next.id === exhibit.id) return;
    this.next = exhibit;
    this.emit();
  }

  remove(key: string, now: number): void {
    const i = this.models.findIndex((m) => m.key === key);
    if (i < 0) return;
    this.models.splice(i, 1);
    if (this.selected === key) this.selected = this.models.at(-1)?.key ?? null;
    if (this.caption?.key === key) this.caption = null;
    this.placement.removed(now);
    this.emit();
  }

  select(key: string): void {
    if (this.selected === key || !this.models.some((m) => m.key === key)) return;
    this.selected = key;
    this.emit();
  }

  /** Opens an info point's caption (a second tap on the same point closes it). */
  toggleInfoPoint(key: string, infoPointId: string): void {
    const same = this.caption?.key === key && this.caption.infoPointId === infoPointId;
    this.caption = same ? null : { key, infoPointId };
    this.selected = key;
    this.emit();
  }

  closeCaption(): void {
    if (!this.caption) return;
    this.caption = null;
    this.emit();
  }

  /** Two fingers went down: gestures act on the selected model. */
  gestureStart(a: ScreenPoint, b: ScreenPoint): void {
    const m = this.model(this.selected);
    if (m) this.gesture.begin(a, b, m.pose.scale, m.pose.yaw);
  }

  gestureMove(a: ScreenPoint, b: ScreenPoint): void {
    const m = this.model(this.selected);
    const r = this.gesture.move(a, b);
    if (!m || !r) return;
    m.pose.scale = r.scale;
    m.pose.yaw = r.yaw;
  }

  gestureEnd(): void {
    this.gesture.end();
  }

  get gesturing(): boolean {
    return this.gesture.active;
  }

  model(key: string | null): ArStageModel | undefined {
    return key === null ? undefined : this.models.find((m) => m.key === key);
  }

  private emit() {
    this.version++;
    for (const l of this.listeners) l();
  }
}
