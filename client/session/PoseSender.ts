import type { ModelPose, PoseFrame } from '@protocol';

export type PoseSample = Omit<PoseFrame, 'type'>;

/** Below this (degrees) a change is not worth a frame: far under a pixel. */
const EPS = 0.05;

const round = (x: number) => Math.round(x * 100) / 100;

function same(a: PoseSample, b: PoseSample): boolean {
  if (a.sceneId !== b.sceneId || !!a.vr !== !!b.vr) return false;
  if (Math.abs(a.yaw - b.yaw) > EPS || Math.abs(a.pitch - b.pitch) > EPS || Math.abs(a.fov - b.fov) > EPS) return false;
  const pa = a.pointer ?? null, pb = b.pointer ?? null;
  if (!pa !== !pb) return false;
  if (pa && pb && (Math.abs(pa.yaw - pb.yaw) > EPS || Math.abs(pa.pitch - pb.pitch) > EPS)) return false;
  return sameModel(a.model ?? null, b.model ?? null);
}

/** Model poses are rounded by sessionCamera already: a change of 0.1 mm is a change. */
function sameModel(a: ModelPose | null, b: ModelPose | null): boolean {
  if (!a || !b) return a === b;
  return a.exhibitId === b.exhibitId && JSON.stringify(a.camera) === JSON.stringify(b.camera) && JSON.stringify(a.point) === JSON.stringify(b.point);
}

/**
 * The pose lane's sender: offered the current pose every frame, it sends at most `hz`
 * frames a second and only when the pose changed since the last one sent (a still camera
 * costs nothing). The last change is never lost: it goes out on the first frame the rate allows.
 */
export class PoseSender {
  private last: PoseSample | null = null;
  private lastAt = -Infinity;

  constructor(
    private readonly send: (pose: PoseSample) => boolean,
    public hz: number,
  ) {}

  /** Call each frame with the pose now; returns true when a frame was sent. */
  offer(pose: PoseSample, now: number): boolean {
    if (this.last && same(this.last, pose)) return false;
    if (now - this.lastAt < 1000 / this.hz - 1) return false;
    const out: PoseSample = {
      sceneId: pose.sceneId,
      yaw: round(pose.yaw),
      pitch: round(pose.pitch),
      fov: round(pose.fov),
      pointer: pose.pointer ? { yaw: round(pose.pointer.yaw), pitch: round(pose.pointer.pitch) } : null,
      vr: !!pose.vr,
      ...(pose.model && { model: pose.model }),
    };
    if (!this.send(out)) return false; // not connected: try again next frame
    this.last = out;
    this.lastAt = now;
    return true;
  }

  /** Forget what was sent (after a reconnect, send the pose again even if unchanged). */
  reset(): void {
    this.last = null;
    this.lastAt = -Infinity;
  }
}
