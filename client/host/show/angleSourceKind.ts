import type { Angle } from '@protocol';

/**
 * Where an angle's stream comes from, read back from its playlist URL: the API sends the URL,
 * not the stored source, and server/places/toPublicPlace.ts makes it in one of three shapes
 * (a loop: /live/<place>/<angle>/…; published: [asset base]/tiles/<place>/[~grant/]_show/<angle>/index.m3u8,
 * archive.m3u8 on replay;
 * otherwise the venue's own address).
 */
export function angleSourceKind(placeId: string, angle: Pick<Angle, 'id' | 'playlistUrl'>): 'loop' | 'published' | 'url' {
  const u = angle.playlistUrl;
  if (u.startsWith(`/live/${placeId}/${angle.id}/`)) return 'loop';
  if (new RegExp(`/tiles/${placeId}(?:/~[^/]+)?/_show/${angle.id}/(?:index|archive)\\.m3u8$`).test(u)) return 'published';
  return 'url';
}
