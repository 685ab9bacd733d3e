/** What this browser can do with an exhibit beyond the 3D viewer. */
export interface ArSupport {
  /** WebXR immersive-ar (Android Chrome, Quest browser): our own AR scene. */
  webxrAr: boolean;
  /** WebXR immersive-vr (a headset): the sand table on a virtual table. */
  webxrVr: boolean;
  /** iOS Safari's AR Quick Look for a USDZ link (`<a rel="ar">`). */
  quickLook: boolean;
}

/**
 * Asks the browser. With the emulator requested, asks after it has replaced navigator.xr
 * (`ready`). Never throws: anything unknown is "not supported" and the 3D viewer stays.
 */
export async function arSupport(ready?: Promise<unknown>): Promise<ArSupport> {
  await Promise.resolve(ready).catch(() => {});
  const xr = typeof navigator !== 'undefined' ? navigator.xr : undefined;
  const ask = async (mode: XRSessionMode) => {
    try {
      return !!(await xr?.isSessionSupported(mode));
    } catch {
      return false; // a Permissions-Policy or an insecure page refuses the question itself
    }
  };
  const [webxrAr, webxrVr] = await Promise.all([ask('immersive-ar'), ask('immersive-vr')]);
  let quickLook = false;
  try {
    quickLook = document.createElement('a').relList.supports('ar');
  } catch {
    quickLook = false;
  }
  return { webxrAr, webxrVr, quickLook };
}
