import { useEffect, useRef, type RefObject } from 'react';
import { pickYawPitch } from '../../host/pickYawPitch.ts';
import type { TourController } from '../../viewer/TourController.ts';
import { projectToScreen } from '../../viewer/projectToScreen.ts';
import { cameraYawPitch, directionFromCamera } from '../directionFromCamera.ts';
import type { SessionClient } from '../SessionClient.ts';
import type { SessionDriver } from '../SessionDriver.ts';
import { XrSessionMarks } from '../XrSessionMarks.ts';
import { TAG_NAMES_SHOWN, groupTags, type TagPoint } from '../groupTags.ts';
import { sessionMessages } from '../../i18n/sessionMessages.ts';
import type { Lang } from '../../i18n/messages.ts';

/** The DOM marks moved each frame: the laser dot, the guide's focus ring or the arrow towards it, and the host's gaze markers by viewer id. */
export interface SessionMarkRefs {
  laserDot: RefObject<HTMLDivElement | null>;
  focusRing: RefObject<HTMLDivElement | null>;
  focusArrow: RefObject<HTMLButtonElement | null>;
  gazeEls: RefObject<Map<string, HTMLDivElement>>;
}

/**
 * Each frame: the driver follows the lead and sends this screen's pose, and the marks move —
 * in the page over the canvas, or inside a headset as 3D marks.
 */
export function useSessionMarks(
  tour: TourController,
  driver: SessionDriver,
  client: SessionClient,
  inXr: boolean,
  pointerPx: RefObject<{ x: number; y: number } | null>,
  lang: Lang = 'en',
): SessionMarkRefs {
  const inXrRef = useRef(inXr);
  inXrRef.current = inXr;
  const laserDot = useRef<HTMLDivElement>(null);
  const focusRing = useRef<HTMLDivElement>(null);
  const focusArrow = useRef<HTMLButtonElement>(null);
  const gazeEls = useRef(new Map<string, HTMLDivElement>());
  useEffect(() => {
    let last = performance.now();
    let xrMarks: XrSessionMarks | null = null;
    const show = (el: HTMLElement | null, x: number, y: number, extra = '') => {
      if (!el) return;
      el.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px) translate(-50%, -50%)${extra}`;
      el.dataset.on = '1';
    };
    const hide = (el: HTMLElement | null) => el && (el.dataset.on = '0');
    const m = sessionMessages(lang);
    const tagLabel = (names: string[]) => m.gazeTag(names.slice(0, TAG_NAMES_SHOWN), names.length - TAG_NAMES_SHOWN);
    const off = tour.onFrame((camera, w, h) => {
      const now = performance.now();
      const dt = (now - last) / 1000;
      last = now;
      const vr = inXrRef.current;
      const v = tour.view.view;
      const px = pointerPx.current;
      driver.pointer = px && client.isLead ? pickYawPitch(camera, px.x, px.y, w, h) : null;
      driver.frame(dt, now, vr ? { ...cameraYawPitch(camera), fov: v.fov, vr: true } : { ...v, vr: false });

      const here = tour.scene.id;
      const lp = client.leadPose;
      const pointer = client.isLead ? driver.pointer : lp && lp.sceneId === here ? lp.pointer : null;
      const target = driver.follow.target;
      const focus = !client.isLead && target && target.sceneId === here && !driver.follow.steering ? target : null;
      if (vr) {
        xrMarks ??= new XrSessionMarks(tour.viewer.root);
        xrMarks.update(camera, pointer, focus);
      } else if (xrMarks) {
        xrMarks.dispose();
        xrMarks = null;
      }
      const dot = pointer ? projectToScreen(camera, pointer.yaw, pointer.pitch, w, h) : null;
      if (dot?.visible) show(laserDot.current, dot.x, dot.y);
      else hide(laserDot.current);
      const seen: TagPoint[] = [];
      for (const [id, el] of gazeEls.current) {
        const g = client.gaze.get(id);
        const p = g && g.sceneId === here ? projectToScreen(camera, g.yaw, g.pitch, w, h) : null;
        if (p?.visible) {
          show(el, p.x, p.y);
          seen.push({ id, x: p.x, y: p.y, name: el.dataset.name ?? '' });
        } else hide(el);
      }
      // Tags that would cover each other become one ("Mum, Dad +1") on the first one's dot.
      for (const group of groupTags(seen, tagLabel)) {
        group.ids.forEach((id, i) => {
          const el = gazeEls.current.get(id)!;
          el.dataset.tag = i === 0 ? '1' : '0';
          const text = i === 0 ? tagLabel(group.names) : '';
          const span = el.firstElementChild as HTMLElement | null;
          if (span && span.textContent !== text) span.textContent = text;
        });
      }
      if (!focus) {
        hide(focusRing.current);
        hide(focusArrow.current);
        return;
      }
      const f = projectToScreen(camera, focus.yaw, focus.pitch, w, h);
      const inside = f.visible && f.x > 40 && f.x < w - 40 && f.y > 90 && f.y < h - 90;
      if (inside) {
        show(focusRing.current, f.x, f.y);
        hide(focusArrow.current);
      } else {
        hide(focusRing.current);
        const { angle } = directionFromCamera(camera, focus.yaw, focus.pitch);
        const a = (angle * Math.PI) / 180;
        show(focusArrow.current, w / 2 + Math.cos(a) * (w / 2 - 48), h / 2 + Math.sin(a) * (h / 2 - 110), ` rotate(${angle.toFixed(1)}deg)`);
      }
    });
    return () => {
      off();
      xrMarks?.dispose();
    };
  }, [tour, driver, client, pointerPx, lang]);
  return { laserDot, focusRing, focusArrow, gazeEls };
}
