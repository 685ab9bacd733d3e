import { XRDevice, metaQuest3 } from 'iwer';

/**
 * Installs an emulated Quest 3 (IWER) in place of the browser's WebXR. Chromium always has
 * a native navigator.xr, even with no headset, so the install must be forced.
 */
export async function installXrEmulator(): Promise<XRDevice> {
  const device = new XRDevice(metaQuest3, {
    stereoEnabled: false, // one full-window view: simple screenshots and pixel checks
    visibilityMask: null,
  });
  device.installRuntime({ forceInstall: true });
  return device;
}
