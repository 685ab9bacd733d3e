import { useThree } from '@react-three/fiber';
import { useEffect, useRef, useState } from 'react';
import type * as THREE from 'three';
import { loadExhibitModel, type ExhibitModelData } from '../model/loadExhibitModel.ts';

export interface ExhibitModelProps {
  /** The GLB (the exhibit's modelUrl, or phoneModelUrl on a phone). */
  url: string;
  /** The file's size from the API, for progress when the response names none. */
  expectedBytes?: number;
  /** 0–1 while the bytes arrive. */
  onProgress?: (fraction: number) => void;
  /** The model is parsed and in the scene (its root, in model space). */
  onLoad?: (root: THREE.Object3D) => void;
  /** The model could not be fetched or decoded (one sentence in `error.message`). */
  onError?: (error: Error) => void;
}

/**
 * One exhibit's model in an R3F scene, in model space: fetched with progress and decoded
 * with Draco / meshopt / KTX2 from our own origin (client/model/loadExhibitModel.ts).
 * Unmounting (or a new url) aborts the load and frees the GPU memory. Used by the exhibit
 * viewer and by AR; one instance per url at a time (a three object has one parent).
 */
export function ExhibitModel({ url, expectedBytes, onProgress, onLoad, onError }: ExhibitModelProps) {
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  const [model, setModel] = useState<ExhibitModelData | null>(null);
  // The callbacks change every render; the load must not restart for that.
  const cb = useRef({ onProgress, onLoad, onError });
  cb.current = { onProgress, onLoad, onError };

  useEffect(() => {
    const ctrl = new AbortController();
    let loaded: ExhibitModelData | null = null;
    loadExhibitModel(url, { renderer: gl, expectedBytes, signal: ctrl.signal, onProgress: (f) => cb.current.onProgress?.(f) }).then(
      (m) => {
        if (ctrl.signal.aborted) return m.dispose();
        loaded = m;
        setModel(m);
      },
      (e: unknown) => {
        if (!ctrl.signal.aborted) cb.current.onError?.(e instanceof Error ? e : new Error(String(e)));
      },
    );
    return () => {
      ctrl.abort();
      loaded?.dispose();
      setModel(null);
    };
  }, [url, gl, expectedBytes]);

  useEffect(() => {
    if (!model) return;
    cb.current.onLoad?.(model.root);
    invalidate();
  }, [model, invalidate]);

  return model ? <primitive object={model.root} /> : null;
}
