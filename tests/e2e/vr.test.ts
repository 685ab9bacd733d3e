import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Place } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';
import { pixelStats } from '../support/pixels.ts';
import { waitSharp } from '../support/tourPage.ts';

const base = inject('baseUrl');
let browser: Browser;
let demo: Place;

beforeAll(async () => {
  browser = await launchChromium();
  demo = (await (await fetch(`${base}/api/places/demo-flat`)).json()) as Place;
});
afterAll(() => browser?.close());

describe('VR (emulated Quest 3)', () => {
  it('enters VR, walks to another room with a controller trigger on a hotspot, and keeps the room after leaving', async () => {
    const ctx = await browser.newContext({ viewport: { width: 960, height: 540 } });
    const page = await ctx.newPage();
    const external: string[] = [];
    const profiles: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/xr-profiles/')) profiles.push(u.pathname);
      if (u.hostname !== '127.0.0.1' && u.protocol.startsWith('http')) external.push(r.url());
    });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    const start = demo.tour.scenes.find((s) => s.id === demo.tour.startScene)!;
    const hotspot = start.hotspots.find((h) => h.kind === 'scene')!;
    if (hotspot.kind !== 'scene') throw new Error('demo start room has no door');
    const target = demo.tour.scenes.find((s) => s.id === hotspot.target)!;
    await page.goto(`${base}/places/demo-flat/tour?xr=emulate`);
    await waitSharp(page);

    await page.getByRole('button', { name: 'Enter VR' }).click();
    await page.waitForFunction(() => window.__vantage?.xr.getState().session != null, null, { timeout: 30_000 });
    // Controllers connected and their models loaded from our origin.
    await page.waitForFunction(() => (window.__vantage?.xr.getState().inputSourceStates.length ?? 0) >= 2, null, { timeout: 30_000 });
    await page.waitForFunction(() => window.__vantage?.status().sharp === true, null, { timeout: 30_000 });
    const inVr = await pixelStats(await page.screenshot());
    expect(inVr.stdev, 'the panorama surrounds the viewer in the headset').toBeGreaterThan(10);

    // Aim the right controller at the door's hotspot and pull the trigger.
    const moved = await page.evaluate(
      async ({ yaw, pitch, target }) => {
        const device = await window.__vantageXrEmulator!;
        const xr = window.__vantage!.xr;
        const eye = window.__vantage!.tour.viewer.root.position;
        const y = (yaw * Math.PI) / 180, p = (pitch * Math.PI) / 180;
        const spot = { x: eye.x + 6 * Math.sin(y) * Math.cos(p), y: eye.y + 6 * Math.sin(p), z: eye.z - 6 * Math.cos(y) * Math.cos(p) };
        const c = device.controllers.right!;
        for (let attempt = 0; attempt < 5 && window.__vantage!.status().sceneId !== target; attempt++) {
          const dx = spot.x - c.position.x, dy = spot.y - c.position.y, dz = spot.z - c.position.z;
          const len = Math.hypot(dx, dy, dz);
          const d = { x: dx / len, y: dy / len, z: dz / len };
          // Shortest rotation taking the controller's −Z onto d.
          let q = [d.y, -d.x, 0, 1 - d.z];
          if (1 - d.z < 1e-6 && Math.hypot(d.x, d.y) < 1e-6) q = [0, 1, 0, 0];
          const n = Math.hypot(...q);
          c.quaternion.set(q[0] / n, q[1] / n, q[2] / n, q[3] / n);
          await xr.requestFrame();
          await xr.requestFrame();
          c.updateButtonValue('trigger', 1);
          await xr.requestFrame();
          c.updateButtonValue('trigger', 0);
          await xr.requestFrame();
          await xr.requestFrame();
        }
        return window.__vantage!.status().sceneId;
      },
      { yaw: hotspot.yaw, pitch: hotspot.pitch, target: target.id },
    );
    expect(moved).toBe(target.id);

    // Leaving VR keeps the room.
    await page.evaluate(() => window.__vantage!.xr.getState().session!.end());
    await page.waitForFunction(() => window.__vantage?.xr.getState().session == null);
    expect(await page.getByTestId('room-name').textContent()).toBe(target.name);
    await page.getByRole('button', { name: 'Enter VR' }).waitFor();
    expect(profiles.some((p) => p.endsWith('.glb')), 'controller models come from /xr-profiles/').toBe(true);
    expect(external, 'nothing may load from the internet (controller models included)').toEqual([]);
    await ctx.close();
  });
});
