import type { Pointer, TourMode } from '@protocol';
import type { TourModes } from '../tour/TourModes.ts';
import { FollowController, type FollowCause, type FollowTarget, type FollowTour } from './FollowController.ts';
import { PoseSender } from './PoseSender.ts';
import type { SessionClient } from './SessionClient.ts';
import { ModelFollower } from './model/ModelFollower.ts';

/** One frame's camera, as the pose lane reports it. */
export interface FrameSample {
  yaw: number;
  pitch: number;
  fov: number;
  /** In a headset (yaw/pitch then come from the headset's gaze). */
  vr: boolean;
}

/**
 * Binds a session to one tour, without React: the lead's room changes become `goto`
 * requests; the lead's pose (and room changes on the state lane) drive follow mode; the
 * person's own camera goes out on the pose lane (20 Hz when leading, 10 Hz otherwise, only
 * when it changed); following on/off is reported to the server. Call `frame()` every frame.
 */
export class SessionDriver {
  readonly follow: FollowController;
  /** Following on an exhibit (the museum's 3D view), sharing `follow`'s flag. */
  readonly model: ModelFollower;
  /** The laser pointer (the lead's; others' pointers are not shown), or null. */
  pointer: Pointer | null = null;
  private readonly poses: PoseSender;
  private readonly offs: (() => void)[] = [];
  private leadId: string | null;

  constructor(
    private readonly client: SessionClient,
    private readonly tour: FollowTour,
    /** The tour's dollhouse and plan (a home's tour; none on a show or a hall-less museum). */
    private readonly modes?: TourModes,
  ) {
    const s = client.state;
    const snap = s.snapshot!;
    this.leadId = snap.leadId;
    const me = client.me;
    this.follow = new FollowController(tour, {
      // The host follows only when a viewer leads, and only on this screen (the server keeps viewers' flags).
      following: client.isHost ? true : (me?.following ?? true),
      leading: client.isLead,
      target: currentTarget(client),
    });
    this.model = new ModelFollower(this.follow, (exhibitId, infoPointId, camera) => {
      if (this.client.isLead) this.client.send({ type: 'goto', exhibit: { exhibitId, infoPointId, camera } });
    });
    this.model.reset(snap.exhibit);
    this.poses = new PoseSender((p) => client.sendPose(p), client.isLead ? client.limits.leadPoseHz : client.limits.viewerPoseHz);
    this.offs.push(
      client.onPose((p) => {
        this.follow.setTarget({ sceneId: p.sceneId, yaw: p.yaw, pitch: p.pitch, fov: p.fov, vr: p.vr, t: p.t });
        if (p.model) this.model.setPose(p.model, p.t);
        else this.model.leadPoint = null;
      }),
      client.onDelta((d) => {
        for (const c of d.changes) {
          if (c.type === 'room' && c.by !== client.state.me?.id) this.follow.setRoom(c.sceneId, c.view, d.at);
          if (c.type === 'exhibit') this.model.setShared(c.exhibit, d.at);
          if (c.type === 'lead') this.onLeadChanged();
          if (c.type === 'mode') this.followMode();
        }
      }),
      client.onWelcome(({ snapshot }) => {
        this.poses.reset();
        // A snapshot after a gap: the room it names is the news, whatever poses came before the drop.
        if (snapshot) {
          this.follow.resetTarget(currentTarget(client));
          this.model.reset(client.state.snapshot?.exhibit ?? null);
        }
        this.onLeadChanged();
        this.syncFollowing();
        this.followMode();
      }),
      this.follow.onChange((on, cause) => this.onFollowChanged(on, cause)),
      modes?.onChange((mode, cause) => this.onModeChanged(mode, cause)) ?? (() => {}),
      tour.onScene((scene) => {
        // The lead walked: the group goes too (the pose lane follows with the view).
        if (client.isLead) client.send({ type: 'goto', sceneId: scene.id, view: roundedView(tour.view.view) });
      }),
    );
    // Starting somewhere else than the group (the host started from their own spot): take the group there.
    if (client.isLead && snap.room.sceneId !== tour.scene.id) client.send({ type: 'goto', sceneId: tour.scene.id, view: roundedView(tour.view.view) });
    // A late joiner whose group is in the dollhouse opens it too.
    this.followMode();
  }

  /** Each frame: moves a following camera, then sends this camera's pose if due. */
  frame(dtSeconds: number, now: number, sample: FrameSample): void {
    this.follow.inVr = sample.vr;
    this.follow.tick(dtSeconds);
    this.model.tick(dtSeconds);
    this.poses.hz = this.client.isLead ? this.client.limits.leadPoseHz : this.client.limits.viewerPoseHz;
    const model = this.model.pose();
    this.poses.offer(
      { sceneId: this.tour.scene.id, yaw: sample.yaw, pitch: sample.pitch, fov: sample.fov, vr: sample.vr, pointer: this.client.isLead ? this.pointer : null, ...(model && { model }) },
      now,
    );
  }

  dispose(): void {
    for (const off of this.offs.splice(0)) off();
    this.model.dispose();
    this.follow.dispose();
  }

  private onLeadChanged() {
    const lead = this.client.isLead;
    const wasLeading = this.follow.leading;
    const leadId = this.client.state.snapshot?.leadId ?? null;
    if (leadId !== this.leadId) {
      this.leadId = leadId;
      // Someone else drives now: follow them from where they are, not from where the last lead was
      // (until their first pose, from here if the group's room is this one: no lurch back to stale news).
      if (!lead) {
        this.follow.resetTarget(currentTarget(this.client, { sceneId: this.tour.scene.id, ...this.tour.view.view }));
        this.model.reset(this.client.state.snapshot?.exhibit ?? null);
      }
    }
    this.follow.setLeading(lead);
    if (lead && !wasLeading) {
      this.pointer = null;
      this.model.laser = null;
      // Announce where the new lead looks at once, even if the view does not move.
      this.poses.reset();
      // The new lead takes the group to where they are now.
      const room = this.client.state.snapshot?.room;
      if (room && room.sceneId !== this.tour.scene.id) this.client.send({ type: 'goto', sceneId: this.tour.scene.id, view: roundedView(this.tour.view.view) });
      if (this.modes) this.sendMode(this.modes.get());
    }
  }

  /** A follower's tour opens and closes what the lead's has open (the dollhouse, the plan); one looking on their own is left alone. */
  private followMode() {
    const mode = this.client.state.snapshot?.mode;
    if (!this.modes || !mode || this.client.isLead || !this.follow.following) return;
    this.modes.follow(mode);
  }

  private onModeChanged(mode: TourMode, cause: 'user' | 'follow') {
    if (this.client.isLead) return this.sendMode(mode);
    // A follower who opens or closes the dollhouse themselves looks on their own from then on (the plan is only a glance).
    const lead = this.client.state.snapshot?.mode;
    if (cause === 'user' && lead && mode.view !== lead.view) this.follow.stop('drag');
  }

  private sendMode(mode: TourMode) {
    const shared = this.client.state.snapshot?.mode;
    if (shared && shared.view === mode.view && shared.plan === mode.plan) return;
    this.client.send({ type: 'mode', view: mode.view, plan: mode.plan });
  }

  private onFollowChanged(on: boolean, _cause: FollowCause) {
    // Snapping back (Follow) brings them into the lead's mode too.
    if (on) this.followMode();
    // Viewers tell the server (the host sees who follows); the host's following is local.
    // Always, not only when the server's copy differs: that copy lags a round trip (a tap on
    // Follow before the echo of the drag came back was never sent, and the host listed a
    // following viewer as looking around on her own). The server ignores a repeat.
    if (this.client.isHost) return;
    this.client.send({ type: 'follow', on });
  }

  /** After a (re)connect: this screen is the truth about following (a change queued while offline may be lost); tell the server if it says otherwise. */
  private syncFollowing() {
    const me = this.client.me;
    if (this.client.isHost || !me || this.follow.leading) return;
    if (me.following !== this.follow.following) this.client.send({ type: 'follow', on: this.follow.following });
  }
}

function roundedView(v: { yaw: number; pitch: number; fov: number }) {
  const r = (x: number) => Math.round(x * 100) / 100;
  return { yaw: r(v.yaw), pitch: r(v.pitch), fov: r(v.fov) };
}

/**
 * Where the lead is now: their last pose; without one, the group's room as the state lane
 * says — looking where `here` looks when `here` is already in that room (nothing better known).
 */
export function currentTarget(client: SessionClient, here?: { sceneId: string; yaw: number; pitch: number; fov: number }): FollowTarget | null {
  const snap = client.state.snapshot;
  if (!snap) return null;
  const p = client.leadPose;
  if (p && p.from === snap.leadId) return { sceneId: p.sceneId, yaw: p.yaw, pitch: p.pitch, fov: p.fov, vr: p.vr, t: p.t };
  if (here && here.sceneId === snap.room.sceneId) return { sceneId: here.sceneId, yaw: here.yaw, pitch: here.pitch, fov: here.fov, vr: false, t: 0 };
  return { sceneId: snap.room.sceneId, ...snap.room.view, vr: false, t: 0 };
}
