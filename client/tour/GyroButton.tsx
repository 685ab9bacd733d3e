import { useCoarsePointer } from './useCoarsePointer.ts';
import { gyroAvailable, requestGyroPermission } from '../viewer/GyroController.ts';

/**
 * "Look around by moving the phone" on touch devices that have orientation sensors: asks for
 * permission where the browser wants it (iOS) and says so when it is refused. The tour and a
 * show's 360° angle both use it; `gyro` and attaching the sensor stay with the caller.
 */
export function GyroButton({ gyro, onGyro, onRefused, labels }: { gyro: boolean; onGyro: (on: boolean) => void; onRefused: () => void; labels: { on: string; off: string } }) {
  const touch = useCoarsePointer();
  if (!touch || !gyroAvailable()) return null;
  return (
    <button
      aria-pressed={gyro}
      onClick={async () => {
        if (gyro) return onGyro(false);
        if (await requestGyroPermission()) onGyro(true);
        else onRefused();
      }}
    >
      {gyro ? labels.off : labels.on}
    </button>
  );
}
