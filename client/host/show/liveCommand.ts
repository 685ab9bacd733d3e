/**
 * The command a venue runs to publish one angle into the asset store (server/cli/live.ts):
 * `--show` names the place, each `--angle "<angle id>=<input>"` one camera. The input shown
 * is RTMP listening on this angle's own path, the commonest encoder setting; the console says
 * what else may stand after the `=`.
 */
export function liveCommand(placeId: string, angleId: string): string {
  return `npm run live -- --show ${placeId} --angle "${angleId}=rtmp://0.0.0.0:1935/live/${angleId}"`;
}
