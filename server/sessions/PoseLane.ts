import type { ModelPose, Pose, PoseFrame } from '../protocol/session.ts';
import { normaliseYaw } from '../protocol/normaliseYaw.ts';
import type { SessionBus } from './bus/SessionBus.ts';
import type { Member } from './Member.ts';
import { roundAngle } from './roundAngle.ts';
import type { SessionLimits } from './SessionLimits.ts';
import { textFrame } from './textFrame.ts';

export interface SessionStats {
  posesIn: number;
  /** Lead poses superseded by a newer one before they were sent (the server fell behind). */
  posesCoalesced: number;
  /** Lead-pose fan-outs and the time they took (first to last socket write). */
  fanOuts: number;
  fanOutMs: number;
  posesRateDropped: number;
  posesOut: number;
  posesBackpressureDropped: number;
  deltasOut: number;
}

export const emptySessionStats = (): SessionStats => ({
  posesIn: 0,
  posesCoalesced: 0,
  fanOuts: 0,
  fanOutMs: 0,
  posesRateDropped: 0,
  posesOut: 0,
  posesBackpressureDropped: 0,
  deltasOut: 0,
});

/** A millimetre on a model in metres: finer than a pixel at any sensible distance, and short on the wire. */
const mm = (x: number) => Math.round(x * 1000) / 1000;
const roundVec = (v: readonly number[]): [number, number, number] => [mm(v[0]), mm(v[1]), mm(v[2])];

function roundModelPose(m: ModelPose): ModelPose {
  return {
    exhibitId: m.exhibitId,
    camera: { position: roundVec(m.camera.position), target: roundVec(m.camera.target), fov: roundAngle(m.camera.fov) },
    point: m.point && roundVec(m.point),
  };
}

export interface PoseLaneOptions {
  sessionId: string;
  members: ReadonlyMap<string, Member>;
  /** Who leads and who hosts now, and whether the session is over. */
  roles: () => { leadId: string; hostId: string; ended: boolean };
  limits: SessionLimits;
  bus: SessionBus;
  now: () => number;
  stats: SessionStats;
}

/**
 * One session's pose lane on this instance (latest wins, never replayed): the lead's pose goes
 * to every socket at once, everyone else's gaze is batched to the host; a socket that is
 * behind loses poses, never state. Poses from other instances arrive through `onPoses`.
 */
export class PoseLane {
  /** The newest lead pose not yet sent: poses read in one go are sent once (latest wins here too). */
  private leadPose: Pose | null = null;
  private readonly gaze = new Map<string, Pose>();
  private gazeTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly o: PoseLaneOptions) {}

  /** A lead pose read but not yet sent: newer than what the bus remembers. */
  get pendingLead(): Pose | null {
    return this.leadPose;
  }

  /** A pose from a member: the lead's goes to everyone now; everyone else's is batched to the host. */
  pose(m: Member, f: PoseFrame): void {
    const roles = this.o.roles();
    if (m.gone || roles.ended || this.stopped) return;
    const { limits, stats } = this.o;
    const now = this.o.now();
    const isLead = roles.leadId === m.pid;
    stats.posesIn++;
    if (!m.poses.take(now, (isLead ? limits.leadPoseHz : limits.viewerPoseHz) * 1.5, isLead ? 10 : 5)) {
      stats.posesRateDropped++;
      return;
    }
    const pose: Pose = {
      from: m.pid,
      sceneId: f.sceneId,
      yaw: roundAngle(normaliseYaw(f.yaw)),
      pitch: roundAngle(f.pitch),
      fov: roundAngle(f.fov),
      pointer: f.pointer ? { yaw: roundAngle(normaliseYaw(f.pointer.yaw)), pitch: roundAngle(f.pointer.pitch) } : null,
      vr: f.vr ?? false,
      ...(f.model && { model: roundModelPose(f.model) }),
      t: now,
    };
    if (isLead) {
      if (this.leadPose) stats.posesCoalesced++;
      else setImmediate(() => this.flushLead());
      this.leadPose = pose;
    } else {
      this.gaze.set(m.pid, pose);
      this.gazeTimer ??= setTimeout(() => this.flushGaze(), limits.gazeFlushMs);
    }
  }

  /** Poses relayed by the bus from other instances. */
  onPoses(poses: Pose[]): void {
    if (this.stopped) return;
    const { leadId } = this.o.roles();
    const gaze: Pose[] = [];
    for (const p of poses) {
      if (p.from === leadId) this.fanOutLead(p);
      else gaze.push(p);
    }
    if (gaze.length) this.deliverGaze(gaze);
  }

  /** `pid` left: its gaze is not sent any more. */
  forget(pid: string): void {
    this.gaze.delete(pid);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.gazeTimer);
    this.gazeTimer = undefined;
  }

  private flushLead() {
    const pose = this.leadPose;
    this.leadPose = null;
    if (!pose || this.stopped) return;
    this.fanOutLead(pose);
    this.o.bus.publishPoses(this.o.sessionId, [pose]);
  }

  private fanOutLead(pose: Pose) {
    const { stats } = this.o;
    const t0 = performance.now();
    const bytes = Buffer.from(JSON.stringify({ type: 'pose', ...pose }));
    const frame = textFrame(bytes);
    const drop = this.o.limits.poseDropBytes;
    for (const m of this.o.members.values()) {
      if (!m.active || m.pid === pose.from) continue;
      if (m.peer.bufferedAmount() > drop) {
        stats.posesBackpressureDropped++;
        continue;
      }
      stats.posesOut++;
      try {
        if (m.peer.writeFrame) m.peer.writeFrame(frame, bytes);
        else m.peer.send(bytes);
      } catch {
        // closing; its close handler settles the seat
      }
    }
    stats.fanOuts++;
    stats.fanOutMs += performance.now() - t0;
  }

  private flushGaze() {
    this.gazeTimer = undefined;
    if (this.gaze.size === 0 || this.stopped) return;
    const list = [...this.gaze.values()];
    this.gaze.clear();
    this.deliverGaze(list);
    this.o.bus.publishPoses(this.o.sessionId, list);
  }

  /** Gaze goes to the host only: a thousand viewers' cones are for the agent, not for each other. */
  private deliverGaze(list: Pose[]) {
    const m = this.o.members.get(this.o.roles().hostId);
    if (!m?.active) return;
    const theirs = list.filter((p) => p.from !== m.pid);
    if (!theirs.length) return;
    if (m.peer.bufferedAmount() > this.o.limits.poseDropBytes) {
      this.o.stats.posesBackpressureDropped++;
      return;
    }
    this.o.stats.posesOut++;
    try {
      m.peer.send(JSON.stringify({ type: 'poses', list: theirs }));
    } catch {
      // closing
    }
  }
}
