import { describe, expect, it } from 'vitest';
import type { Bounds, InfoPoint, ModelCamera } from '@protocol';
import { ExhibitController, type ExhibitChange } from '../../../client/model/ExhibitController.ts';
import { homeCamera, interpolateCamera, pointCamera, toOrbit } from '../../../client/model/orbitCamera.ts';

const bounds: Bounds = { min: [-1, 0, -0.5], max: [1, 2, 0.5] };
const point = (id: string, over: Partial<InfoPoint> = {}): InfoPoint => ({ id, position: [0, 1, 0.5], normal: [0, 0, 1], title: `Point ${id}`, text: 'Text', ...over });
/** The box's corners in normalised device coordinates (−1…1) for `cam` at `aspect`. */
function* project(cam: ModelCamera, aspect: number): Generator<[number, number]> {
  const f = norm(sub(cam.target, cam.position));
  const r = norm([-f[2], 0, f[0]]);
  const u: V = [r[1] * f[2] - r[2] * f[1], r[2] * f[0] - r[0] * f[2], r[0] * f[1] - r[1] * f[0]];
  const tanV = Math.tan(((cam.fov ?? 40) * Math.PI) / 360);
  for (const x of [bounds.min[0], bounds.max[0]]) for (const y of [bounds.min[1], bounds.max[1]]) for (const z of [bounds.min[2], bounds.max[2]]) {
    const p = sub([x, y, z], cam.position);
    const depth = dot(p, f);
    yield [dot(p, r) / depth / (tanV * aspect), dot(p, u) / depth / tanV];
  }
}
type V = [number, number, number];
const sub = (a: V, b: V): V => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: V, b: V) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const norm = (a: V): V => { const l = Math.hypot(...a); return [a[0] / l, a[1] / l, a[2] / l]; };
const dist = (c: ModelCamera) => Math.hypot(c.position[0] - c.target[0], c.position[1] - c.target[1], c.position[2] - c.target[2]);

function setup(opts: { aspect?: number; flightMs?: number; points?: InfoPoint[] } = {}) {
  let now = 0;
  const c = new ExhibitController({ bounds, infoPoints: opts.points ?? [point('a'), point('b', { position: [1, 1, 0], normal: [1, 0, 0] })], aspect: opts.aspect ?? 16 / 9, flightMs: opts.flightMs, now: () => now });
  const changes: ExhibitChange[] = [];
  c.onChange((e) => changes.push(e));
  return { c, changes, advance: (ms: number) => ((now += ms), c.tick(now)) };
}

describe('ExhibitController', () => {
  it('starts at the framed home view, looking at the model’s centre, the whole model inside the view', () => {
    const { c } = setup();
    const cam = c.camera();
    expect(cam.target).toEqual([0, 1, 0]);
    // Every corner of the box is in view, and the nearest edge is close: the model fills the view.
    const corners = [...project(cam, 16 / 9)];
    const reach = Math.max(...corners.map(([x, y]) => Math.max(Math.abs(x), Math.abs(y))));
    expect(reach).toBeLessThanOrEqual(0.9 + 1e-9);
    expect(reach).toBeGreaterThan(0.85);
  });

  it('frames farther on a portrait phone than on a wide screen (the narrower side must fit), still every corner in view', () => {
    const phone = homeCamera(bounds, 390 / 844);
    expect(dist(phone)).toBeGreaterThan(dist(homeCamera(bounds, 16 / 9)) * 1.3);
    for (const [x, y] of project(phone, 390 / 844)) expect(Math.max(Math.abs(x), Math.abs(y))).toBeLessThanOrEqual(0.9 + 1e-9);
  });

  it('flies eased: slow at the start, arrives exactly, then stops reporting', () => {
    const { c, changes, advance } = setup({ flightMs: 1000 });
    const from = c.camera();
    const to: ModelCamera = { position: [0, 1, -5], target: [0, 1, 0], fov: 40 };
    c.flyTo(to);
    expect(c.flying).toBe(true);
    advance(100);
    const early = toOrbit(c.camera());
    // A linear flight would have turned 10 % of the way by now; eased in, far less.
    const total = Math.abs(toOrbit(to).azimuth - toOrbit(from).azimuth) % 360;
    expect(Math.abs(early.azimuth - toOrbit(from).azimuth)).toBeLessThan(total * 0.05);
    expect(advance(950)).toBe(false);
    expect(c.flying).toBe(false);
    expect(c.camera()).toEqual(to);
    const n = changes.length;
    expect(advance(16)).toBe(false);
    expect(changes.length).toBe(n);
  });

  it('arcs round the model on the way instead of cutting through it', () => {
    const a: ModelCamera = { position: [0, 1, 5], target: [0, 1, 0] };
    const b: ModelCamera = { position: [0, 1, -5], target: [0, 1, 0] };
    const mid = interpolateCamera(a, b, 0.5);
    expect(dist(mid)).toBeCloseTo(5, 6);
  });

  it('a user’s drag interrupts a flight where it is', () => {
    const { c, changes, advance } = setup({ flightMs: 1000 });
    c.flyTo({ position: [5, 1, 0], target: [0, 1, 0] });
    advance(500);
    const mid = c.camera();
    c.interrupt();
    expect(c.flying).toBe(false);
    expect(changes.at(-1)?.source).toBe('user');
    advance(600);
    expect(c.camera()).toEqual(mid);
  });

  it('setCamera jumps and reports its source; camera() hands out copies', () => {
    const { c, changes } = setup();
    const cam: ModelCamera = { position: [1, 2, 3], target: [0, 1, 0], fov: 50 };
    c.setCamera(cam, 'user');
    expect(c.camera()).toEqual(cam);
    expect(changes.at(-1)).toMatchObject({ source: 'user', camera: cam, flying: false });
    c.camera().position[0] = 99;
    expect(c.camera().position[0]).toBe(1);
  });

  it('reset flies back to the home view', () => {
    const { c, advance } = setup({ flightMs: 300 });
    c.setCamera({ position: [9, 9, 9], target: [1, 1, 1] });
    c.reset();
    advance(400);
    expect(c.camera()).toEqual(c.home());
  });

  it('frames an info point along its normal, or uses the camera it names', () => {
    const { c } = setup();
    const cam = c.frameInfoPoint(point('a'));
    expect(cam.target).toEqual([0, 1, 0.5]);
    expect(cam.position[0]).toBeCloseTo(0, 9);
    expect(cam.position[1]).toBeCloseTo(1, 9);
    expect(cam.position[2]).toBeGreaterThan(0.5);
    // Closer than the home view, but not inside the model.
    expect(dist(cam)).toBeLessThan(dist(c.home()));
    const own: ModelCamera = { position: [3, 3, 3], target: [0, 1, 0], fov: 30 };
    expect(c.frameInfoPoint(point('x', { camera: own }))).toEqual(own);
  });

  it('without a normal, a point is seen from outside the model, away from its centre', () => {
    const cam = pointCamera(bounds, [1, 1, 0], undefined, 1);
    expect(cam.position[0]).toBeGreaterThan(1);
  });

  it('opening an info point flies to it and reports it; an unknown id changes nothing', () => {
    const { c, changes, advance } = setup({ flightMs: 500 });
    expect(c.setActiveInfoPoint('b')).toBe(true);
    expect(c.activeInfoPoint).toBe('b');
    expect(changes.at(-1)).toMatchObject({ source: 'point', activeInfoPoint: 'b', flying: true });
    advance(600);
    expect(c.camera().target).toEqual([1, 1, 0]);
    expect(c.setActiveInfoPoint('nope')).toBe(false);
    expect(c.activeInfoPoint).toBe('b');
    c.setActiveInfoPoint(null);
    expect(c.activeInfoPoint).toBe(null);
    // Closing does not move the camera.
    expect(c.camera().target).toEqual([1, 1, 0]);
  });

  it('with flights off (reduced motion) a point jumps at once', () => {
    const { c } = setup({ flightMs: 0 });
    c.setActiveInfoPoint('a');
    expect(c.flying).toBe(false);
    expect(c.camera()).toEqual(c.frameInfoPoint(point('a')));
  });

  it('keys: arrows orbit, + and − zoom within limits, digits open points, Home resets', () => {
    const { c, advance } = setup({ flightMs: 100 });
    const o0 = toOrbit(c.camera());
    expect(c.handleKey('ArrowRight')).toBe(true);
    expect(toOrbit(c.camera()).azimuth).toBeCloseTo(o0.azimuth + 10, 6);
    expect(c.handleKey('ArrowUp')).toBe(true);
    expect(toOrbit(c.camera()).elevation).toBeCloseTo(o0.elevation + 6, 6);
    const d = dist(c.camera());
    c.handleKey('+');
    expect(dist(c.camera())).toBeCloseTo(d * 0.85, 6);
    for (let i = 0; i < 60; i++) c.handleKey('+');
    expect(dist(c.camera())).toBeCloseTo(c.minDistance, 6);
    for (let i = 0; i < 60; i++) c.handleKey('-');
    expect(dist(c.camera())).toBeCloseTo(c.maxDistance, 6);
    for (let i = 0; i < 40; i++) c.handleKey('ArrowUp');
    expect(toOrbit(c.camera()).elevation).toBeLessThanOrEqual(85 + 1e-9);
    expect(c.handleKey('2')).toBe(true);
    expect(c.activeInfoPoint).toBe('b');
    expect(c.handleKey('7')).toBe(false);
    expect(c.handleKey('Home')).toBe(true);
    advance(200);
    expect(c.camera()).toEqual(c.home());
    expect(c.handleKey('x')).toBe(false);
  });

  it('a new aspect re-frames the home view, but never a camera someone has moved', () => {
    const { c } = setup({ aspect: 16 / 9 });
    c.setAspect(390 / 844);
    expect(c.camera()).toEqual(homeCamera(bounds, 390 / 844));
    c.setActiveInfoPoint('a');
    const there = c.camera();
    c.setAspect(1);
    expect(c.camera()).toEqual(there);
  });

  it('unsubscribe and dispose stop the reports', () => {
    const { c } = setup();
    let n = 0;
    const off = c.onChange(() => n++);
    c.orbit(5, 0);
    off();
    c.orbit(5, 0);
    expect(n).toBe(1);
    c.onChange(() => n++);
    c.dispose();
    c.orbit(5, 0);
    expect(n).toBe(1);
  });
});
