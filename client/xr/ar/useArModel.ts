import { useEffect, useState } from 'react';
import { useThree } from '@react-three/fiber';
import type * as THREE from 'three';
import { loadExhibitModel } from '../../model/loadExhibitModel.ts';

/**
 * Loads an exhibit's GLB inside the AR/VR canvas with the exhibit viewer's loader (Draco,
 * meshopt and KTX2 decoders from our own origin). Null while loading or after a failure
 * (logged: the visitor still has the reticle and the other models). Disposed on unmount.
 */
export function useArModel(url: string | undefined): THREE.Object3D | null {
  const gl = useThree((s) => s.gl);
  const [scene, setScene] = useState<THREE.Object3D | null>(null);
  useEffect(() => {
    if (!url) return;
    const ctrl = new AbortController();
    let dispose: (() => void) | undefined;
    loadExhibitModel(url, { renderer: gl, signal: ctrl.signal }).then(
      (m) => {
        dispose = m.dispose;
        setScene(m.root);
      },
      (e: unknown) => {
        if (!ctrl.signal.aborted) console.warn(`Vantage: the exhibit model ${url} could not be loaded for AR.`, e);
      },
    );
    return () => {
      ctrl.abort();
      setScene(null);
      dispose?.();
    };
  }, [url, gl]);
  return scene;
}
