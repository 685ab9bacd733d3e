import roomEnvironmentUrl from './room-environment.venv?url';

let early: Promise<ArrayBuffer> | undefined;
let arrived: ArrayBuffer | undefined;

/**
 * Starts downloading the prefiltered light (client/model/roomEnvironment.ts), once. Apart from
 * the decoder so that main.tsx can ask for it on an exhibit link without pulling three.js into
 * the first bundle.
 */
export function prefetchRoomEnvironment(): void {
  if (early) return;
  early = fetch(roomEnvironmentUrl).then((res) => {
    if (!res.ok) throw new Error(`room environment: HTTP ${res.status}`);
    return res.arrayBuffer();
  });
  void early.then((b) => (arrived = b), () => {});
  // A failure is handled where the file is used (the light is then made there instead).
  early.catch(() => {});
}

/** The file's bytes (started now if nobody asked yet); after a failure the next call asks again. */
export function roomEnvironmentBytes(): Promise<ArrayBuffer> {
  prefetchRoomEnvironment();
  const p = early!;
  p.catch(() => {
    if (early === p) early = undefined;
  });
  return p;
}

/** The file's bytes if they have arrived (for a scene that sets its light up synchronously). */
export function roomEnvironmentBytesNow(): ArrayBuffer | undefined {
  return arrived;
}
