import type { Angle, AngleProjection } from '@protocol';

/** How server/show/publishLive.ts reads a camera's kind: a prefix before the label. */
const PREFIX: Record<AngleProjection, string> = { flat: '', '360-mono': '360:', '360-stereo-tb': '360tb:' };

/** Safe inside a POSIX shell's double quotes. */
const quoted = (s: string) => `"${s.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;

/**
 * The command a venue runs to publish one angle into the asset store (server/cli/live.ts):
 * `--show` names the place, `--angle "<[360:]label>=<input>"` the camera. The CLI makes the
 * angle's id from the label and saves label and picture kind as given, so the command names the
 * angle exactly as the host did. The input shown is RTMP listening on this angle's own path,
 * the commonest encoder setting; the console says what else may stand after the `=`.
 */
export function liveCommand(placeId: string, angle: Pick<Angle, 'id' | 'label' | 'projection'>): string {
  return `npm run live -- --show ${placeId} --angle ${quoted(`${PREFIX[angle.projection]}${angle.label}=rtmp://0.0.0.0:1935/live/${angle.id}`)}`;
}
