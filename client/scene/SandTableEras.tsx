import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import type { Exhibit } from '@protocol';
import type { Lang } from '../i18n/messages.ts';
import { arMessages } from '../i18n/arMessages.ts';
import { CanvasPanel } from '../xr/ar/canvasPanel.ts';
import type { EraPlayer } from '../xr/ar/EraPlayer.ts';
import { useArTap } from './ArExhibitTapContext.ts';
import { Billboard } from './ArExhibitBillboard.tsx';

interface NodeRest {
  obj: THREE.Object3D;
  y: number;
  scaleY: number;
  /** The node's lowest point in its parent's space: it stays on the ground while the node grows. */
  bottom: number;
}

/**
 * Binds an EraPlayer to a loaded site model: the era nodes (by glTF node name) rise in order,
 * growing up from their own base; the era's caption and a play/pause button float above the
 * table; a band of light sweeps across the site while an era rises.
 */
export function SandTableEras({ root, exhibit, player, lang }: { root: THREE.Object3D; exhibit: Exhibit; player: EraPlayer; lang: Lang }) {
  const nodes = useMemo(() => {
    root.updateMatrixWorld(true);
    const rest = new Map<string, NodeRest>();
    for (const name of player.timeline.eraOfNode.keys()) {
      const obj = root.getObjectByName(name);
      if (!obj) continue;
      const box = new THREE.Box3().setFromObject(obj);
      if (obj.parent) box.applyMatrix4(obj.parent.matrixWorld.clone().invert());
      rest.set(name, { obj, y: obj.position.y, scaleY: obj.scale.y, bottom: box.isEmpty() ? obj.position.y : box.min.y });
    }
    return rest;
  }, [root, player]);
  // Restore the model as authored when the timeline goes away.
  useEffect(
    () => () => {
      for (const n of nodes.values()) {
        n.obj.visible = true;
        n.obj.position.y = n.y;
        n.obj.scale.y = n.scaleY;
      }
    },
    [nodes],
  );
  const [min, max] = [new THREE.Vector3(...exhibit.bounds.min), new THREE.Vector3(...exhibit.bounds.max)];
  const size = new THREE.Vector3().subVectors(max, min);
  const caption = useMemo(() => new CanvasPanel(1024, 256), []);
  useEffect(() => () => caption.dispose(), [caption]);
  const sweep = useRef<THREE.Mesh>(null);
  const shown = useRef<string | null>(null);
  const t = arMessages(lang);
  useFrame(() => {
    const f = player.frame(performance.now());
    for (const [name, r] of f.rise) {
      const n = nodes.get(name);
      if (!n) continue;
      n.obj.visible = r > 0.001;
      n.obj.scale.y = n.scaleY * Math.max(r, 0.001);
      n.obj.position.y = n.y + (n.bottom - n.y) * (1 - r);
    }
    const label = f.era ? `${yearText(f.era.year, lang)} · ${lang === 'zh-CN' && f.era.labelZh ? f.era.labelZh : f.era.label}` : '';
    const key = `${label}|${player.playing}`;
    if (shown.current !== key) {
      shown.current = key;
      caption.draw({ title: label || exhibit.title, foot: player.playing ? t.pauseEras : t.playEras }, { titlePx: 52, footPx: 40 });
    }
    if (sweep.current) {
      sweep.current.visible = f.sweep !== null;
      if (f.sweep !== null) sweep.current.position.x = min.x + size.x * f.sweep;
    }
  });
  const toggle = () => (player.playing ? player.pause(performance.now()) : player.play(performance.now()));
  const top = max.y + size.y * 0.15;
  return (
    <>
      <mesh ref={sweep} name="era-sweep" position={[min.x, (min.y + max.y) / 2, (min.z + max.z) / 2]} visible={false}>
        <boxGeometry args={[size.x * 0.04, size.y * 1.2, size.z * 1.02]} />
        <meshBasicMaterial color="#ffd28a" transparent opacity={0.35} blending={THREE.AdditiveBlending} depthWrite={false} toneMapped={false} />
      </mesh>
      <Billboard position={[(min.x + max.x) / 2, top, (min.z + max.z) / 2]} worldSize={0.32}>
        <EraCaption texture={caption.texture} onTap={toggle} />
      </Billboard>
    </>
  );
}

function EraCaption({ texture, onTap }: { texture: THREE.Texture; onTap: () => void }) {
  const ref = useRef<THREE.Mesh>(null);
  useArTap(ref, onTap, 3);
  return (
    <mesh ref={ref} name="era-caption" renderOrder={1002}>
      <planeGeometry args={[1, 0.25]} />
      <meshBasicMaterial map={texture} transparent depthTest={false} toneMapped={false} />
    </mesh>
  );
}

/** 1370 → "1370", −200 → "200 BCE" / "公元前200年". */
export function yearText(year: number, lang: Lang): string {
  if (lang === 'zh-CN') return year < 0 ? `公元前${-year}年` : `${year}年`;
  return year < 0 ? `${-year} BCE` : String(year);
}
