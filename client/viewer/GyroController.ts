import { normaliseYaw, type View } from '@protocol';

const DEG = Math.PI / 180;

/**
 * Compass heading (deg, clockwise from north) and pitch (deg) of the phone's back-camera
 * direction for a deviceorientation reading (alpha, beta, gamma in deg). W3C Z-X'-Y''
 * order: R = Rz(alpha) Rx(beta) Ry(gamma), device → earth (x east, y north, z up). The
 * screen's rotation changes only the roll, which a panorama view ignores.
 */
export function orientationToHeadingPitch(alpha: number, beta: number, gamma: number): { heading: number; pitch: number } {
  const a = alpha * DEG, b = beta * DEG, g = gamma * DEG;
  const ca = Math.cos(a), sa = Math.sin(a), cb = Math.cos(b), sb = Math.sin(b), cg = Math.cos(g), sg = Math.sin(g);
  // The back camera looks along device -z: minus R's third column.
  const east = -(ca * sg + sa * sb * cg);
  const north = -(sa * sg - ca * sb * cg);
  const up = -(cb * cg);
  return {
    heading: normaliseYaw(Math.atan2(east, north) / DEG),
    pitch: Math.asin(Math.max(-1, Math.min(1, up))) / DEG,
  };
}

type PermissionApi = { requestPermission?: () => Promise<'granted' | 'denied'> };

/** Whether this browser needs a tap before sending orientation (iOS 13+). */
export function gyroNeedsPermission(): boolean {
  return typeof DeviceOrientationEvent !== 'undefined' && typeof (DeviceOrientationEvent as unknown as PermissionApi).requestPermission === 'function';
}

export function gyroAvailable(): boolean {
  return typeof window !== 'undefined' && 'DeviceOrientationEvent' in window;
}

/** Asks for motion access (must run inside a tap on iOS). */
export async function requestGyroPermission(): Promise<boolean> {
  const api = DeviceOrientationEvent as unknown as PermissionApi;
  if (typeof api.requestPermission !== 'function') return true;
  try {
    return (await api.requestPermission()) === 'granted';
  } catch {
    return false;
  }
}

/**
 * Turns the view with the phone. Relative: the first reading anchors to the current view,
 * so switching the gyroscope on never jumps the picture. Returns its disposal.
 */
export function attachGyro(getView: () => View, setView: (v: View) => void): () => void {
  let offset: number | null = null;
  let lastHeading = 0;
  const onOrientation = (e: DeviceOrientationEvent) => {
    if (e.alpha == null || e.beta == null || e.gamma == null) return;
    const { heading, pitch } = orientationToHeadingPitch(e.alpha, e.beta, e.gamma);
    // Straight up or down the heading is undefined and jittery: hold the last one.
    if (Math.abs(pitch) < 85) lastHeading = heading;
    const v = getView();
    if (offset === null) offset = v.yaw - lastHeading;
    setView({ yaw: normaliseYaw(lastHeading + offset), pitch, fov: v.fov });
  };
  window.addEventListener('deviceorientation', onOrientation);
  return () => window.removeEventListener('deviceorientation', onOrientation);
}
