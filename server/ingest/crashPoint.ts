/** The steps of replacing a room's photo, in order, at which a test may stop the process. */
export type ReplaceStep = 'tiling' | 'tiled' | 'committed' | 'removed';

/**
 * Fault injection for the crash-safety test: when VANTAGE_CRASH_AT names `step`, the process
 * kills itself with SIGKILL right there, as a power cut or `kill -9` would. Unset, it does nothing.
 */
export function crashPoint(step: ReplaceStep): void {
  if (process.env.VANTAGE_CRASH_AT === step) process.kill(process.pid, 'SIGKILL');
}
