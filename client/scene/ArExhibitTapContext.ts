import { createContext, useContext, useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type * as THREE from 'three';
import type { ArTapTargets } from '../xr/ar/ArTapTargets.ts';

/** The AR scene's tap targets (client/xr/ar/ArTapTargets.ts); null outside an AR or VR scene. */
export const ArTapContext = createContext<ArTapTargets | null>(null);

/** Makes `ref`'s object tappable in the AR scene; higher priority wins over nearer objects. */
export function useArTap(ref: RefObject<THREE.Object3D | null>, onTap: () => void, priority = 0): void {
  const taps = useContext(ArTapContext);
  const latest = useRef(onTap);
  useLayoutEffect(() => {
    latest.current = onTap;
  });
  useEffect(() => {
    const obj = ref.current;
    if (!taps || !obj) return;
    obj.userData.tapPriority = priority;
    return taps.add(obj, () => latest.current());
  }, [taps, ref, priority]);
}
