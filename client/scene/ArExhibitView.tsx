import { useEffect, useMemo, useRef } from 'react';
import { Canvas } from '@react-three/fiber';
import { XR } from '@react-three/xr';
import * as THREE from 'three';
import type { Exhibit } from '@protocol';
import type { Lang } from '../i18n/messages.ts';
import { arMessages } from '../i18n/arMessages.ts';
import { arCoaching } from '../xr/ar/arCoaching.ts';
import { ArStage } from '../xr/ar/ArStage.ts';
import { createArXrStore, type ArXrStore } from '../xr/ar/createArXrStore.ts';
import { ArExhibitScene, type ArSceneRegistry } from './ArExhibitScene.tsx';
import { SandTableVr } from './SandTableVr.tsx';

/** What tests (and curious developers) can read of a running AR or VR view. */
export interface VantageArProbe {
  mode: 'ar' | 'vr';
  store: ArXrStore;
  stage: ArStage;
  registry: ArSceneRegistry;
  /** A plain snapshot: phase, coaching, reticle, models (world matrices), caption, eras, info points (world). */
  state(): ReturnType<typeof probeState>;
}

declare global {
  interface Window {
    __vantageAr?: VantageArProbe;
  }
}

/**
 * The AR (or VR) session's canvas: mounted when the visitor asks, enters the session at once
 * (still inside the tap's user activation), and unmounts when the session ends. It covers
 * the page meanwhile, with a way out for browsers that show the page during the session.
 */
export function ArExhibitView({
  mode,
  exhibit,
  exhibits,
  lang,
  onClose,
}: {
  mode: 'ar' | 'vr';
  exhibit: Exhibit;
  exhibits: Exhibit[];
  lang: Lang;
  onClose: (error?: string) => void;
}) {
  const t = arMessages(lang);
  const store = useMemo(() => createArXrStore(), []);
  useEffect(() => () => store.destroy(), [store]);
  const stage = useMemo(() => new ArStage({ id: exhibit.id, arScale: exhibit.arScale }), [exhibit]);
  const registry = useMemo<ArSceneRegistry>(() => ({ roots: new Map(), players: new Map(), anchors: new Map() }), []);
  const closed = useRef(onClose);
  useEffect(() => {
    closed.current = onClose;
  });
  useEffect(() => {
    window.__vantageAr = { mode, store, stage, registry, state: () => probeState(mode, stage, registry, exhibits, lang) };
    return () => void delete window.__vantageAr;
  }, [mode, store, stage, registry, exhibits, lang]);
  // The session ending (the system's back gesture, "Leave") closes the view.
  useEffect(() => store.subscribe((s, prev) => prev.session && !s.session && closed.current()), [store]);
  const placeable = useMemo(() => [exhibit, ...exhibits.filter((e) => e.id !== exhibit.id)], [exhibit, exhibits]);
  // Keyboard and screen readers land on the way out while the session covers the page.
  const leaveButton = useRef<HTMLButtonElement>(null);
  useEffect(() => leaveButton.current?.focus(), []);
  const leave = () => {
    const s = store.getState().session;
    if (s) void s.end();
    else closed.current();
  };
  return (
    <div
      className="ar-view"
      role="dialog"
      aria-label={mode === 'ar' ? t.viewInAr : t.viewInVr}
      aria-modal="true"
      onKeyDown={(e) => e.key === 'Escape' && leave()}
      style={{ position: 'fixed', inset: 0, zIndex: 50, background: 'rgba(10,16,22,0.92)' }}
    >
      <Canvas gl={{ alpha: true, antialias: true }} camera={{ position: [0, 1.6, 0], near: 0.01, far: 100 }} style={{ position: 'absolute', inset: 0 }}>
        <XR store={store}>
          <EnterSession store={store} mode={mode} onFail={() => closed.current(t.arFailed)} />
          {mode === 'ar' ? <ArExhibitScene stage={stage} exhibits={placeable} lang={lang} registry={registry} /> : <SandTableVr exhibit={exhibit} lang={lang} registry={registry} />}
        </XR>
      </Canvas>
      <button ref={leaveButton} className="primary" style={{ position: 'absolute', top: 12, right: 12 }} onClick={leave}>
        {t.exitAr}
      </button>
    </div>
  );
}

/** Inside <XR>, so the store is connected to the renderer before the session is asked for. */
function EnterSession({ store, mode, onFail }: { store: ArXrStore; mode: 'ar' | 'vr'; onFail: () => void }) {
  useEffect(() => {
    (mode === 'ar' ? store.enterAR() : store.enterVR()).catch((e: unknown) => {
      console.warn(`Vantage: the ${mode.toUpperCase()} session could not start.`, e);
      onFail();
    });
    // Once per view: entering twice would ask for a second session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return null;
}

function probeState(mode: 'ar' | 'vr', stage: ArStage, registry: ArSceneRegistry, exhibits: Exhibit[], lang: Lang) {
  const now = performance.now();
  const snap = stage.placement.snapshot;
  const scene = registry.scene;
  const coachingMesh = scene?.getObjectByName('ar-coaching');
  const worldOf = (o: THREE.Object3D | undefined) => (o ? o.getWorldPosition(new THREE.Vector3()).toArray() : null);
  const visibleInScene = (o: THREE.Object3D | undefined) => {
    for (let x: THREE.Object3D | null | undefined = o; x; x = x.parent) if (!x.visible) return false;
    return !!o;
  };
  const keys = mode === 'vr' ? ['vr'] : stage.models.map((m) => m.key);
  const exhibitOf = (key: string) => exhibits.find((e) => e.id === (mode === 'vr' ? exhibits[0]?.id : stage.model(key)?.exhibitId));
  const holder = (key: string) => scene?.getObjectByName(mode === 'vr' ? 'vr-sand-table' : `ar-model:${key}`);
  return {
    phase: snap.phase,
    coaching: arCoaching(snap, now),
    /** What the coaching panel in the scene shows (null: hidden). */
    coachingShown: visibleInScene(coachingMesh) ? ((coachingMesh!.userData.coaching as string | undefined) ?? null) : null,
    coachingText: (() => {
      const k = arCoaching(snap, now);
      return k ? arMessages(lang).coaching[k] : null;
    })(),
    reticle: snap.reticle?.position ?? null,
    /** VR: the sand table's turn on its table (radians) and where it stands (world). */
    turntable: (() => {
      const o = scene?.getObjectByName('vr-sand-table');
      return o ? { yaw: o.rotation.y, at: worldOf(o) } : null;
    })(),
    reticleShown: visibleInScene(scene?.getObjectByName('ar-reticle')),
    next: stage.next.id,
    models: stage.models.map((m) => ({ key: m.key, exhibitId: m.exhibitId, scale: m.pose.scale, yaw: m.pose.yaw, anchored: registry.anchors.has(m.key), matrix: holder(m.key)?.matrixWorld.toArray() ?? null, loaded: registry.roots.has(m.key) })),
    caption: stage.caption && { ...stage.caption, shown: visibleInScene(holder(stage.caption.key)?.getObjectByName(`ar-caption:${stage.caption.infoPointId}`)) },
    infoPoints: keys.flatMap((key) =>
      (exhibitOf(key)?.infoPoints ?? []).map((p) => ({ key, id: p.id, world: worldOf(holder(key)?.getObjectByName(`ar-info-point:${p.id}`)) })),
    ),
    eras: keys.flatMap((key) => {
      const player = registry.players.get(key);
      const root = registry.roots.get(key);
      if (!player || !root) return [];
      const f = player.frame(now);
      // Real heights of the era nodes as drawn (world metres), not the timeline's numbers.
      const heights = Object.fromEntries(
        [...f.rise.keys()].map((name) => {
          const o = root.getObjectByName(name);
          if (!o || !visibleInScene(o)) return [name, 0];
          return [name, new THREE.Box3().setFromObject(o).getSize(new THREE.Vector3()).y];
        }),
      );
      return [{ key, index: f.eraIndex, id: f.era?.id ?? null, playing: player.playing, done: f.done, heights, captionAt: worldOf(holder(key)?.getObjectByName('era-caption')) }];
    }),
  };
}
