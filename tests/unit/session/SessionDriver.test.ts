import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionClient } from '../../../client/session/SessionClient.ts';
import { SessionDriver } from '../../../client/session/SessionDriver.ts';
import { TourModes } from '../../../client/tour/TourModes.ts';
import { ANNA, BEN, FakeTour, HOST, person, snapshot, socketFactory, welcome } from './fakes.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const FRAME_MS = 1000 / 60;

function setup(you: { id: string; role: 'host' | 'viewer' }, over: Parameters<typeof welcome>[1] = {}, tour = new FakeTour(), modes?: TourModes) {
  const f = socketFactory();
  const client = new SessionClient({ url: 'ws://x', credentials: you.role === 'host' ? { hostKey: 'k' } : { token: 'v1.t' }, createSocket: f.create });
  client.connect();
  f.last.open();
  f.last.receive(welcome(you, over));
  const driver = new SessionDriver(client, tour, modes);
  let now = 0;
  const run = (ms: number) => {
    for (const end = now + ms; now < end; now += FRAME_MS) driver.frame(FRAME_MS / 1000, now, { ...tour.view.view, vr: false });
  };
  return { client, driver, tour, socket: f.last, run, f };
}

const leadPose = (yaw: number, sceneId = 'living', t = 1) => ({ type: 'pose', from: HOST, sceneId, yaw, pitch: 0, fov: 90, pointer: null, vr: false, t });

describe('the lead (host)', () => {
  it('sends goto when walking to another room, and poses at 20 Hz while turning', () => {
    const { socket, tour, run } = setup({ id: HOST, role: 'host' });
    tour.goTo('kitchen', { yaw: 30 });
    expect(socket.of('goto')).toMatchObject([{ type: 'goto', sceneId: 'kitchen', view: { yaw: 30, pitch: 0, fov: 90 } }]);
    const before = socket.of('pose').length;
    for (let i = 0; i < 60; i++) {
      tour.drag(1);
      run(FRAME_MS);
    }
    const poses = socket.of<{ sceneId: string }>('pose').slice(before);
    expect(poses.length).toBeGreaterThanOrEqual(19);
    expect(poses.length).toBeLessThanOrEqual(21);
    expect(poses.every((p) => p.sceneId === 'kitchen')).toBe(true);
  });

  it('sends no poses while the view is still', () => {
    const { socket, run } = setup({ id: HOST, role: 'host' });
    run(100);
    const n = socket.of('pose').length;
    run(3000);
    expect(socket.of('pose').length).toBe(n);
  });

  it('carries the laser pointer in its poses', () => {
    const { socket, driver, run } = setup({ id: HOST, role: 'host' });
    run(100);
    driver.pointer = { yaw: 12, pitch: -5 };
    run(100);
    expect(socket.of<{ pointer: unknown }>('pose').at(-1)!.pointer).toEqual({ yaw: 12, pitch: -5 });
  });

  it('takes the group to where the host stands when it starts somewhere else', () => {
    const { socket } = setup({ id: HOST, role: 'host' }, {}, new FakeTour('bedroom', { yaw: 45, pitch: 0, fov: 90 }));
    expect(socket.of('goto')).toMatchObject([{ sceneId: 'bedroom', view: { yaw: 45 } }]);
  });

  it('follows a viewer it handed the lead to, and leads again once it takes it back', () => {
    const { socket, tour, run, driver } = setup({ id: HOST, role: 'host' });
    socket.receive({ type: 'delta', seq: 6, at: 10, changes: [{ type: 'lead', id: ANNA, participant: person(ANNA, 'Anna') }] });
    expect(driver.follow.following).toBe(true);
    socket.receive({ type: 'pose', from: ANNA, sceneId: 'kitchen', yaw: 80, pitch: 0, fov: 90, pointer: null, vr: false, t: 20 });
    expect(tour.scene.id).toBe('kitchen');
    run(600);
    expect(tour.view.view.yaw).toBeCloseTo(80, 0);
    socket.receive({ type: 'delta', seq: 7, at: 30, changes: [{ type: 'lead', id: HOST, participant: person(HOST, 'Host') }] });
    tour.goTo('bedroom');
    expect(socket.of<{ sceneId: string }>('goto').at(-1)!.sceneId).toBe('bedroom');
    // the host never sends follow requests (the server refuses them)
    tour.drag(5);
    expect(socket.of('follow')).toHaveLength(0);
  });
});

describe('a viewer', () => {
  it('follows the lead’s room and view, and sends its own gaze at 10 Hz', () => {
    const { socket, tour, run } = setup({ id: ANNA, role: 'viewer' });
    socket.receive(leadPose(20));
    run(500);
    expect(tour.view.view.yaw).toBeCloseTo(20, 0);
    socket.receive({ type: 'delta', seq: 6, at: 10, changes: [{ type: 'room', sceneId: 'kitchen', view: { yaw: 100, pitch: 0, fov: 90 }, by: HOST }] });
    expect(tour.scene.id).toBe('kitchen');
    expect(tour.view.view.yaw).toBe(100);
    const before = socket.of('pose').length;
    for (let i = 0; i < 60; i++) {
      socket.receive(leadPose(100 + i, 'kitchen', 20 + i));
      run(FRAME_MS);
    }
    const sent = socket.of('pose').length - before;
    expect(sent).toBeGreaterThanOrEqual(9);
    expect(sent).toBeLessThanOrEqual(11);
    expect(socket.of('goto')).toHaveLength(0);
  });

  it('tells the server when a drag stops following, and when Follow starts it again', () => {
    const { socket, tour, driver, run, client } = setup({ id: ANNA, role: 'viewer' });
    socket.receive(leadPose(20));
    run(300);
    tour.drag(-50);
    expect(socket.of('follow')).toMatchObject([{ on: false }]);
    socket.receive({ type: 'delta', seq: 6, at: 10, changes: [{ type: 'follow', id: ANNA, following: false }] });
    expect(client.me?.following).toBe(false);
    driver.follow.follow();
    expect(socket.of('follow')).toMatchObject([{ on: false }, { on: true }]);
    run(600);
    expect(tour.view.view.yaw).toBeCloseTo(20, 0);
  });

  it('taps Follow before the server confirmed the drag: still tells the server it follows again (the host must not list her as looking on her own)', () => {
    const { socket, tour, driver, run } = setup({ id: ANNA, role: 'viewer' });
    socket.receive(leadPose(20));
    run(300);
    tour.drag(-50);
    // A slow phone network: the echo of "not following" is still on its way when she taps Follow.
    driver.follow.follow();
    socket.receive({ type: 'delta', seq: 6, at: 10, changes: [{ type: 'follow', id: ANNA, following: false }] });
    expect(socket.of('follow')).toMatchObject([{ on: false }, { on: true }]);
  });

  it('after a resume, tells the server what this screen does when the two disagree (a change sent while offline was lost)', () => {
    const { socket, driver, f } = setup({ id: ANNA, role: 'viewer' });
    expect(driver.follow.following).toBe(true);
    socket.drop(1012);
    vi.advanceTimersByTime(30_000);
    f.last.open();
    f.last.receive(welcome({ id: ANNA, role: 'viewer' }, { seq: 40, sync: { kind: 'snapshot', state: snapshot({ participants: [person(HOST, 'Host'), person(ANNA, 'Anna', { following: false })] }) } }));
    expect(f.last.of('follow')).toMatchObject([{ on: true }]);
  });

  it('starts as the server says: a viewer who was not following stays so after a reload', () => {
    const { driver } = setup({ id: ANNA, role: 'viewer' }, { sync: { kind: 'snapshot', state: snapshot({ participants: [person(HOST, 'Host'), person(ANNA, 'Anna', { following: false })] }) } });
    expect(driver.follow.following).toBe(false);
  });

  it('drives when handed the lead: takes the group to its room, sends goto and 20 Hz poses; follows again after giving it back', () => {
    const { socket, tour, driver, run } = setup({ id: ANNA, role: 'viewer' });
    tour.goTo('bedroom'); // looked around on her own
    socket.receive({ type: 'delta', seq: 6, at: 10, changes: [{ type: 'lead', id: ANNA, participant: person(ANNA, 'Anna') }] });
    expect(socket.of('goto')).toMatchObject([{ sceneId: 'bedroom' }]);
    tour.goTo('kitchen');
    expect(socket.of('goto')).toMatchObject([{ sceneId: 'bedroom' }, { sceneId: 'kitchen' }]);
    const before = socket.of('pose').length;
    for (let i = 0; i < 60; i++) {
      tour.drag(1);
      run(FRAME_MS);
    }
    expect(socket.of('pose').length - before).toBeGreaterThanOrEqual(19);
    socket.receive({ type: 'delta', seq: 7, at: 20, changes: [{ type: 'lead', id: HOST, participant: person(HOST, 'Host') }] });
    expect(driver.follow.following).toBe(true);
    expect(driver.follow.leading).toBe(false);
  });

  it('giving the lead back, stays with the host (who followed her) instead of going back to where the host was before', () => {
    const { socket, tour, driver, run } = setup({ id: ANNA, role: 'viewer' });
    socket.receive(leadPose(20, 'living', 1)); // the host, before handing over
    socket.receive({ type: 'delta', seq: 6, at: 10, changes: [{ type: 'lead', id: ANNA, participant: person(ANNA, 'Anna') }] });
    tour.goTo('bedroom', { yaw: 50 });
    socket.receive({ type: 'delta', seq: 7, at: 20, changes: [{ type: 'room', sceneId: 'bedroom', view: { yaw: 50, pitch: 0, fov: 90 }, by: ANNA }] });
    socket.receive({ type: 'delta', seq: 8, at: 40, changes: [{ type: 'lead', id: HOST, participant: person(HOST, 'Host') }] });
    expect(driver.follow.following).toBe(true);
    run(300);
    expect(tour.scene.id).toBe('bedroom');
    expect(tour.view.view.yaw).toBeCloseTo(50, 3); // nothing newer known: stays put
    socket.receive(leadPose(65, 'bedroom', 50)); // the host announces its pose
    run(600);
    expect(tour.view.view.yaw).toBeCloseTo(65, 0);
  });

  it('a new lead announces its pose at once, even with a still view', () => {
    const { socket, run } = setup({ id: ANNA, role: 'viewer' });
    run(200);
    const n = socket.of('pose').length;
    socket.receive({ type: 'delta', seq: 6, at: 10, changes: [{ type: 'lead', id: ANNA, participant: person(ANNA, 'Anna') }] });
    run(100);
    expect(socket.of('pose').length).toBe(n + 1);
  });

  it('after a resume with a fresh snapshot, goes where the group is now', () => {
    const { socket, tour, f } = setup({ id: ANNA, role: 'viewer' });
    socket.receive(leadPose(10, 'living', 500));
    socket.drop(1012);
    vi.advanceTimersByTime(30_000);
    f.last.open();
    expect(f.last.sent[0]).toMatchObject({ type: 'hello', lastSeq: 5 });
    f.last.receive(welcome({ id: ANNA, role: 'viewer' }, { seq: 40, sync: { kind: 'snapshot', state: snapshot({ room: { sceneId: 'bedroom', view: { yaw: 70, pitch: 0, fov: 90 } } }) } }));
    expect(tour.scene.id).toBe('bedroom');
    expect(tour.view.view.yaw).toBe(70);
  });

  it('dispose stops following and sending', () => {
    const { socket, tour, driver, run } = setup({ id: ANNA, role: 'viewer' });
    driver.dispose();
    socket.receive(leadPose(60));
    run(500);
    expect(tour.view.view.yaw).toBe(0);
  });
});

describe('the tour mode (dollhouse, floor plan)', () => {
  /** A tour whose dollhouse opens at once when asked (TourView loads it first). */
  const tourModes = () => {
    const modes = new TourModes();
    modes.opener = (cause) => modes.opened(cause);
    return modes;
  };
  const modeDelta = (seq: number, view: 'panorama' | 'dollhouse', plan = false) => ({ type: 'delta', seq, at: seq * 10, changes: [{ type: 'mode', mode: { view, plan }, by: HOST }] });

  it('the lead opening the dollhouse or the plan tells the server; a repeat of the shared mode does not', () => {
    const modes = tourModes();
    const { socket } = setup({ id: HOST, role: 'host' }, {}, new FakeTour(), modes);
    modes.request('dollhouse');
    expect(socket.of('mode')).toMatchObject([{ view: 'dollhouse', plan: false }]);
    socket.receive(modeDelta(6, 'dollhouse'));
    modes.setPlan(true);
    expect(socket.of('mode')).toMatchObject([{ view: 'dollhouse' }, { view: 'dollhouse', plan: true }]);
  });

  it('a following viewer’s tour opens and closes as the lead’s; one looking on her own is not forced; Follow brings her in', () => {
    const modes = tourModes();
    const { socket, tour, driver } = setup({ id: ANNA, role: 'viewer' }, {}, new FakeTour(), modes);
    socket.receive(modeDelta(6, 'dollhouse', true));
    expect(modes.get()).toEqual({ view: 'dollhouse', plan: true });
    socket.receive(modeDelta(7, 'panorama'));
    expect(modes.get()).toEqual({ view: 'panorama', plan: false });
    tour.drag(-40); // looks on her own
    socket.receive(modeDelta(8, 'dollhouse'));
    expect(modes.get().view).toBe('panorama');
    driver.follow.follow();
    expect(modes.get().view).toBe('dollhouse');
    expect(socket.of('mode')).toHaveLength(0); // a viewer never asks to change the group's mode
  });

  it('a follower who closes the dollhouse herself looks on her own; a late joiner starts in the lead’s mode', () => {
    const modes = tourModes();
    const { socket, driver } = setup({ id: ANNA, role: 'viewer' }, {}, new FakeTour(), modes);
    socket.receive(modeDelta(6, 'dollhouse'));
    modes.request('panorama');
    expect(driver.follow.following).toBe(false);
    const late = tourModes();
    setup({ id: BEN, role: 'viewer' }, { sync: { kind: 'snapshot', state: snapshot({ mode: { view: 'dollhouse', plan: false }, participants: [person(HOST, 'Host'), person(BEN, 'Ben')] }) } }, new FakeTour(), late);
    expect(late.get().view).toBe('dollhouse');
  });
});
