import { XRDevice, metaQuest3 } from 'iwer';
import { SyntheticEnvironmentModule } from '@iwer/sem';
import { syntheticRoom } from './syntheticRoom.ts';

declare global {
  interface Window {
    /** A room (the @iwer/sem scene JSON) for the AR emulator; tests set it before the page loads. */
    __vantageArRoom?: unknown;
  }
}

/**
 * An emulated headset (IWER, Quest 3: immersive-ar with hit-test and anchors) with a synthetic
 * room around it, so AR placement can be tried and tested in a desktop browser. The room is
 * `window.__vantageArRoom` when set, else a floor with a table.
 */
export async function installArEmulator(): Promise<XRDevice> {
  const device = new XRDevice(metaQuest3, { stereoEnabled: false, visibilityMask: null });
  device.installRuntime({ forceInstall: true });
  device.installSEM(SyntheticEnvironmentModule as never);
  device.sem!.loadEnvironment(window.__vantageArRoom ?? syntheticRoom());
  return device;
}
