import { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import type { InfoPoint } from '@protocol';
import type { Lang } from '../i18n/messages.ts';
import { arMessages } from '../i18n/arMessages.ts';
import { CanvasPanel, numberDiscTexture } from '../xr/ar/canvasPanel.ts';
import { Billboard } from './ArExhibitBillboard.tsx';
import { useArTap } from './ArExhibitTapContext.ts';

/** Disc diameter in metres: a fingertip on a phone screen at arm's length. */
const DISC = 0.035;
/** Caption width in metres. */
const CAPTION = 0.34;

/**
 * An exhibit's info points inside the AR (or VR) scene: numbered discs facing the viewer at
 * their spot on the model; a tap opens the caption (title and text, the reader's language)
 * beside the disc, a tap on the caption or the disc closes it. Not a DOM overlay, which many
 * AR browsers lack.
 */
export function ArExhibitInfoPoints({
  points,
  open,
  onToggle,
  lang,
}: {
  points: InfoPoint[];
  open: string | null;
  onToggle: (id: string) => void;
  lang: Lang;
}) {
  return (
    <group name="ar-info-points">
      {points.map((p, i) => (
        <InfoPointDisc key={p.id} point={p} n={i + 1} open={open === p.id} onToggle={onToggle} lang={lang} />
      ))}
    </group>
  );
}

function InfoPointDisc({ point, n, open, onToggle, lang }: { point: InfoPoint; n: number; open: boolean; onToggle: (id: string) => void; lang: Lang }) {
  const disc = useMemo(() => numberDiscTexture(n, open), [n, open]);
  useEffect(() => () => disc.dispose(), [disc]);
  const ref = useRef<THREE.Mesh>(null);
  useArTap(ref, () => onToggle(point.id), 2);
  return (
    <Billboard position={point.position} worldSize={DISC}>
      <mesh ref={ref} name={`ar-info-point:${point.id}`} renderOrder={1001}>
        <circleGeometry args={[0.5, 40]} />
        <meshBasicMaterial map={disc} transparent depthTest={false} toneMapped={false} />
      </mesh>
      {open && <Caption point={point} lang={lang} onClose={() => onToggle(point.id)} />}
    </Billboard>
  );
}

function Caption({ point, lang, onClose }: { point: InfoPoint; lang: Lang; onClose: () => void }) {
  const panel = useMemo(() => {
    const p = new CanvasPanel(1024, 640);
    const zh = lang === 'zh-CN';
    p.draw({ title: zh && point.titleZh ? point.titleZh : point.title, body: zh && point.textZh ? point.textZh : point.text, foot: arMessages(lang).tapToClose });
    return p;
  }, [point, lang]);
  useEffect(() => () => panel.dispose(), [panel]);
  const ref = useRef<THREE.Mesh>(null);
  useArTap(ref, onClose, 3);
  const w = CAPTION / DISC;
  // Beside and above the disc, so the point itself stays visible.
  return (
    <mesh ref={ref} name={`ar-caption:${point.id}`} position={[0, 0.6 + (w * 0.625) / 2, 0]} renderOrder={1002}>
      <planeGeometry args={[w, w * 0.625]} />
      <meshBasicMaterial map={panel.texture} transparent depthTest={false} toneMapped={false} />
    </mesh>
  );
}
