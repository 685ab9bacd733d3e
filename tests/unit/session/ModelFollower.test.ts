import { describe, expect, it } from 'vitest';
import type { InfoPoint, SessionModelCamera } from '@protocol';
import { ExhibitController } from '../../../client/model/ExhibitController.ts';
import { FollowController } from '../../../client/session/FollowController.ts';
import { ModelFollower } from '../../../client/session/model/ModelFollower.ts';
import { FakeTour } from './fakes.ts';

const FRAME = 1 / 60;
const points: InfoPoint[] = [
  { id: 'rim', position: [0, 1, 0.5], title: 'Rim', text: '', camera: { position: [0, 2, 2], target: [0, 1, 0.5], fov: 30 } },
  { id: 'foot', position: [0, 0, 0.5], title: 'Foot', text: '' },
];
const lead: SessionModelCamera = { position: [3, 1, 0], target: [0, 0.5, 0], fov: 40 };
const dist = (a: SessionModelCamera | { position: number[]; target: number[] }, b: SessionModelCamera) =>
  Math.max(...a.position.map((x, i) => Math.abs(x - b.position[i])), ...a.target.map((x, i) => Math.abs(x - b.target[i])));

function setup(opts: { leading?: boolean } = {}) {
  const follow = new FollowController(new FakeTour(), { following: true, leading: opts.leading });
  const sent: { exhibitId: string; infoPointId: string | null; camera: SessionModelCamera }[] = [];
  const model = new ModelFollower(follow, (exhibitId, infoPointId, camera) => sent.push({ exhibitId, infoPointId, camera }));
  const view = new ExhibitController({ bounds: { min: [-0.5, 0, -0.5], max: [0.5, 1, 0.5] }, infoPoints: points, flightMs: 0 });
  return { follow, model, view, sent };
}

describe('following on an exhibit', () => {
  it('a follower arrives at the lead’s camera with the group’s point open, then glides after the lead’s poses without overshoot', () => {
    const { model, view } = setup();
    model.reset({ exhibitId: 'vase', camera: lead, infoPointId: 'rim' });
    model.attach('vase', view);
    expect(dist(view.camera(), lead)).toBe(0);
    expect(view.activeInfoPoint).toBe('rim');
    const next: SessionModelCamera = { position: [0, 1, 3], target: [0, 0.5, 0], fov: 40 };
    model.setPose({ exhibitId: 'vase', camera: next, point: [0, 0.5, 0.5] }, 10);
    expect(model.leadPoint).toEqual({ exhibitId: 'vase', point: [0, 0.5, 0.5] });
    const ds: number[] = [];
    for (let i = 0; i < 60; i++) {
      model.tick(FRAME);
      ds.push(dist(view.camera(), next));
    }
    expect(ds[0]).toBeGreaterThan(0.5); // a glide, not a jump
    for (let i = 1; i < ds.length; i++) expect(ds[i]).toBeLessThanOrEqual(ds[i - 1] + 1e-9);
    expect(ds[59]).toBeLessThan(0.01);
    // An older pose (it crossed a newer one on the way) changes nothing.
    model.setPose({ exhibitId: 'vase', camera: lead, point: null }, 5);
    expect(model.target!.camera).toEqual(next);
  });

  it('a drag is looking freely (following stops, the lead no longer pulls); Follow snaps back to the lead', () => {
    const { follow, model, view } = setup();
    const changes: boolean[] = [];
    follow.onChange((on) => changes.push(on));
    model.reset({ exhibitId: 'vase', camera: lead, infoPointId: null });
    model.attach('vase', view);
    view.orbit(60, 10); // what a drag reports ('user')
    expect(follow.following).toBe(false);
    expect(changes).toEqual([false]);
    const mine = view.camera();
    for (let i = 0; i < 30; i++) model.tick(FRAME);
    expect(view.camera()).toEqual(mine);
    follow.follow();
    for (let i = 0; i < 60; i++) model.tick(FRAME);
    expect(dist(view.camera(), lead)).toBeLessThan(0.01);
    expect(changes).toEqual([false, true]);
  });

  it('the group’s info point opens for a follower; one they open themselves is looking freely', () => {
    const { follow, model, view } = setup();
    model.reset({ exhibitId: 'vase', camera: lead, infoPointId: null });
    model.attach('vase', view);
    model.setShared({ exhibitId: 'vase', camera: points[0].camera! as SessionModelCamera, infoPointId: 'rim' }, 20);
    model.tick(FRAME);
    expect(view.activeInfoPoint).toBe('rim');
    expect(follow.following).toBe(true);
    view.setActiveInfoPoint('foot');
    expect(follow.following).toBe(false);
  });

  it('the lead’s info point goes to the group with the camera it is seen from; the lead’s pose carries camera and laser', () => {
    const { model, view, sent } = setup({ leading: true });
    model.reset({ exhibitId: 'vase', camera: lead, infoPointId: null });
    model.attach('vase', view);
    view.setActiveInfoPoint('rim');
    expect(sent).toEqual([{ exhibitId: 'vase', infoPointId: 'rim', camera: points[0].camera }]);
    view.setActiveInfoPoint('foot');
    expect(sent[1]).toMatchObject({ infoPointId: 'foot' });
    expect(sent[1].camera.fov).toBeGreaterThan(0);
    // The lead is never steered, and its pose says where it looks and points.
    const here = view.camera();
    model.setPose({ exhibitId: 'vase', camera: lead, point: null }, 99);
    model.tick(FRAME);
    expect(view.camera()).toEqual(here);
    model.laser = [0.1, 0.5, 0.5];
    expect(model.pose()).toMatchObject({ exhibitId: 'vase', point: [0.1, 0.5, 0.5] });
    // Another exhibit than the group's: nothing to report.
    model.setShared({ exhibitId: 'ding', camera: lead, infoPointId: null }, 100);
    expect(model.pose()).toBeNull();
  });
});
