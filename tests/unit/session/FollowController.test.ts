import { describe, expect, it } from 'vitest';
import { FollowController, type FollowTarget } from '../../../client/session/FollowController.ts';
import { smoothDamp } from '../../../client/session/smoothDamp.ts';
import { FakeTour } from './fakes.ts';

const FRAME = 1 / 60;
const target = (yaw: number, over: Partial<FollowTarget> = {}): FollowTarget => ({ sceneId: 'living', yaw, pitch: 0, fov: 90, vr: false, t: 0, ...over });

function frames(f: FollowController, tour: FakeTour, n: number): number[] {
  const yaws: number[] = [];
  for (let i = 0; i < n; i++) {
    f.tick(FRAME);
    yaws.push(tour.view.view.yaw);
  }
  return yaws;
}

describe('following the lead', () => {
  it('glides to the lead’s view: every frame closer, never past it, there within half a second', () => {
    const tour = new FakeTour();
    const f = new FollowController(tour, { following: true, target: target(60, { pitch: -10, fov: 70 }) });
    const yaws = frames(f, tour, 60);
    for (let i = 1; i < yaws.length; i++) expect(yaws[i]).toBeGreaterThanOrEqual(yaws[i - 1]);
    expect(Math.max(...yaws)).toBeLessThanOrEqual(60);
    expect(yaws[29]).toBeGreaterThan(59.5); // 0.5 s
    expect(tour.view.view.pitch).toBeCloseTo(-10, 1);
    expect(tour.view.view.fov).toBeCloseTo(70, 1);
  });

  it('follows a lead turning steadily (20 Hz poses, uneven arrival) without jitter: no backwards step, no jumps', () => {
    const tour = new FakeTour();
    const f = new FollowController(tour, { following: true, target: target(0) });
    // The lead turns at 45°/s; a pose leaves every 50 ms and arrives 20–80 ms later.
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const arrivals: { at: number; yaw: number }[] = [];
    for (let sent = 0; sent <= 3000; sent += 50) arrivals.push({ at: sent + 20 + rand() * 60, yaw: (sent / 1000) * 45 });
    arrivals.sort((a, b) => a.at - b.at);
    const steps: number[] = [];
    const snapSteps: number[] = [];
    let latest = 0;
    let prev = 0;
    let prevSnap = 0;
    for (let now = 0; now < 3000; now += 1000 * FRAME) {
      while (arrivals.length && arrivals[0].at <= now) {
        const a = arrivals.shift()!;
        if (a.yaw >= latest) latest = a.yaw;
        f.setTarget(target(latest, { t: a.at }));
      }
      f.tick(FRAME);
      const y = tour.view.view.yaw;
      if (now > 500) {
        steps.push(y - prev);
        snapSteps.push(latest - prevSnap);
      }
      prev = y;
      prevSnap = latest;
    }
    const mean = steps.reduce((s, x) => s + x, 0) / steps.length;
    expect(mean).toBeCloseTo(45 / 60, 1);
    expect(Math.min(...steps)).toBeGreaterThanOrEqual(0);
    // Snapping to each pose jumps by 2.25° and then stands still; the spring's steps stay close to the mean.
    expect(Math.max(...snapSteps)).toBeGreaterThan(2);
    expect(Math.max(...steps)).toBeLessThan(mean * 2);
    const jerk = Math.max(...steps.slice(1).map((s, i) => Math.abs(s - steps[i])));
    expect(jerk).toBeLessThan(0.4);
  });

  it('takes the short way round across ±180°', () => {
    const tour = new FakeTour('living', { yaw: 170, pitch: 0, fov: 90 });
    const f = new FollowController(tour, { following: true, target: target(-170) });
    const yaws = frames(f, tour, 3);
    expect(yaws.every((y) => y > 170 || y < -170)).toBe(true);
    frames(f, tour, 60);
    expect(tour.view.view.yaw).toBeCloseTo(-170, 1);
  });

  it('stops following when the person drags, and the Follow button brings them back', () => {
    const tour = new FakeTour();
    const f = new FollowController(tour, { following: true, target: target(40) });
    const changes: string[] = [];
    f.onChange((on, cause) => changes.push(`${on}:${cause}`));
    frames(f, tour, 60);
    tour.drag(-100);
    expect(f.following).toBe(false);
    expect(changes).toEqual(['false:drag']);
    f.setTarget(target(50, { t: 1 }));
    frames(f, tour, 60);
    expect(tour.view.view.yaw).toBeCloseTo(-60, 1); // left alone
    f.follow();
    expect(changes).toEqual(['false:drag', 'true:button']);
    frames(f, tour, 60);
    expect(tour.view.view.yaw).toBeCloseTo(50, 1);
  });

  it('changes room at once when the lead does, landing on the lead’s view', () => {
    const tour = new FakeTour();
    const f = new FollowController(tour, { following: true, target: target(0) });
    f.setTarget(target(120, { sceneId: 'kitchen', t: 1 }));
    expect(tour.scene.id).toBe('kitchen');
    expect(tour.view.view.yaw).toBe(120);
    expect(f.following).toBe(true);
  });

  it('brings a viewer who is looking around along to the new room too (but leaves their follow off)', () => {
    const tour = new FakeTour();
    const f = new FollowController(tour, { following: false, target: target(0) });
    f.setRoom('bedroom', { yaw: 10, pitch: 0, fov: 90 }, 5);
    expect(tour.scene.id).toBe('bedroom');
    expect(f.following).toBe(false);
  });

  it('walking on one’s own stops following; Follow walks back to the lead', () => {
    const tour = new FakeTour();
    const f = new FollowController(tour, { following: true, target: target(0) });
    const changes: string[] = [];
    f.onChange((on, cause) => changes.push(`${on}:${cause}`));
    tour.goTo('bedroom');
    expect(f.following).toBe(false);
    f.follow();
    expect(tour.scene.id).toBe('living');
    expect(f.following).toBe(true);
  });

  it('never turns a headset wearer’s view, but still takes them to the lead’s room', () => {
    const tour = new FakeTour();
    const f = new FollowController(tour, { following: true, target: target(0) });
    f.inVr = true;
    f.setTarget(target(90, { t: 1 }));
    frames(f, tour, 30);
    expect(tour.view.view.yaw).toBe(0);
    expect(f.steering).toBe(false);
    f.setTarget(target(90, { sceneId: 'kitchen', t: 2 }));
    expect(tour.scene.id).toBe('kitchen');
  });

  it('does not turn followers after a lead in a headset (they get an arrow instead)', () => {
    const tour = new FakeTour();
    const f = new FollowController(tour, { following: true, target: target(80, { vr: true }) });
    frames(f, tour, 30);
    expect(tour.view.view.yaw).toBe(0);
  });

  it('ignores older news: a room change older than the pose already seen', () => {
    const tour = new FakeTour();
    const f = new FollowController(tour, { following: true, target: target(0) });
    f.setTarget(target(0, { sceneId: 'kitchen', t: 100 }));
    expect(tour.scene.id).toBe('kitchen');
    f.setRoom('bedroom', { yaw: 0, pitch: 0, fov: 90 }, 90);
    expect(tour.scene.id).toBe('kitchen');
    f.setTarget(target(0, { sceneId: 'bedroom', t: 50 }));
    expect(tour.scene.id).toBe('kitchen');
  });

  it('does nothing while leading; losing the lead means following again', () => {
    const tour = new FakeTour();
    const f = new FollowController(tour, { following: false, leading: true, target: target(90) });
    frames(f, tour, 30);
    tour.drag(10);
    expect(tour.view.view.yaw).toBe(10);
    const changes: string[] = [];
    f.onChange((on, cause) => changes.push(`${on}:${cause}`));
    f.setLeading(false);
    expect(changes).toEqual(['true:lead']);
    frames(f, tour, 60);
    expect(tour.view.view.yaw).toBeCloseTo(90, 1);
  });

  it('dispose stops listening', () => {
    const tour = new FakeTour();
    const f = new FollowController(tour, { following: true, target: target(0) });
    f.dispose();
    tour.drag(10);
    expect(f.following).toBe(true);
  });
});

describe('smoothDamp', () => {
  it('reaches the target without overshoot from either side', () => {
    for (const [from, to] of [
      [0, 10],
      [10, 0],
    ]) {
      let x = from;
      let v = 0;
      for (let i = 0; i < 120; i++) {
        [x, v] = smoothDamp(x, to, v, 0.1, FRAME);
        expect(to > from ? x <= to : x >= to).toBe(true);
      }
      expect(x).toBeCloseTo(to, 3);
    }
  });
});
