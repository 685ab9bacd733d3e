/**
 * Live shows in the one place model: a show is a place (kind 'show') whose `show` holds its
 * camera angles — each an HLS stream, flat or 360° — its schedule and status. A slow-live
 * show runs around the clock (a scenic spot's camera). The tour (a venue's halls, if any),
 * the listing, bookings (tickets for the real venue) and sessions (the director's cut) are
 * the same as for homes and museums. Imports nothing but zod.
 *
 * Time: every angle's playlist carries EXT-X-PROGRAM-DATE-TIME from one clock (the
 * publisher's, or the demo loop's server clock), so "stream time" is wall-clock ms since the
 * epoch of the picture on screen. Angles are held together on it (client/show), a session's
 * director shares it, and chat is stamped with it so a replay shows each message at its moment.
 */
import { z } from 'zod';
import { textSchema } from './text.ts';

/** An angle's id within its show: url-safe, lower case (it names the angle's folder). */
export const angleIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'not an angle id');

/**
 * How an angle's picture is drawn: a flat video; an equirectangular 360° video (mono); or a
 * stereo 360° video with the left eye on top and the right eye below (top-bottom).
 */
export const angleProjectionSchema = z.enum(['flat', '360-mono', '360-stereo-tb']);
export type AngleProjection = z.infer<typeof angleProjectionSchema>;

/**
 * Where an angle's stream comes from, as stored:
 * - `loop`: a short loop of segments in the asset store (`_show/<angle>/loop/`, written by the
 *   demo or by `npm run live --loop`), served by the server as a live sliding window whose
 *   program-date-time is now — a show that is live whenever the server runs (slow live, demo).
 * - `published`: a live HLS playlist that `npm run live` writes into the asset store
 *   (`_show/<angle>/index.m3u8`), served as files (a CDN may serve them: ASSET_BASE_URL).
 * - `url`: a playlist the venue's own packager or CDN serves (https only).
 */
export const angleSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('loop'),
    /** Segment length, seconds (every segment of the loop has it: one EXT-X-TARGETDURATION). */
    segmentSeconds: z.number().min(0.5).max(10),
    /** How many segments the loop has (`seg-0.ts` … in `_show/<angle>/loop/`). */
    segments: z.number().int().min(1).max(2000),
  }),
  z.object({ kind: z.literal('published') }),
  z.object({
    kind: z.literal('url'),
    url: z
      .string()
      .max(2000)
      .url()
      .refine((u) => u.startsWith('https://'), 'an angle URL must be https'),
  }),
]);
export type AngleSource = z.infer<typeof angleSourceSchema>;

/** Largest offset a host may set for an angle whose encoder lags or leads, ms. */
export const ANGLE_OFFSET_MAX_MS = 10_000;
/** At most this many angles per show (six play at once within a phone's memory; a few more as thumbnails). */
export const SHOW_ANGLES_MAX = 9;

/** What every angle has however it is stored. */
export const angleFieldsSchema = z.object({
  id: angleIdSchema,
  label: textSchema({ max: 60 }),
  labelZh: textSchema({ max: 60 }).optional(),
  projection: angleProjectionSchema,
  /**
   * This camera's pictures reach the playlist `offsetMs` late (positive) or early (negative)
   * against the others: players show its frame stamped `t + offsetMs` beside the others' `t`.
   */
  offsetMs: z.number().int().min(-ANGLE_OFFSET_MAX_MS).max(ANGLE_OFFSET_MAX_MS),
  /** A 360° angle's opening view direction, degrees (0 = the video's centre). */
  yaw: z.number().min(-180).max(180).optional(),
});

export const showStatusSchema = z.enum(['upcoming', 'live', 'ended', 'replay']);
export type ShowStatus = z.infer<typeof showStatusSchema>;

/**
 * Where a host may take a show's status (the server refuses anything else with 409; the console
 * offers only these): a show goes live or is called off, ends, and an ended show is replayed.
 */
export const SHOW_STATUS_NEXT: Readonly<Record<ShowStatus, readonly ShowStatus[]>> = {
  upcoming: ['live', 'ended'],
  live: ['ended'],
  ended: ['replay'],
  replay: ['ended'],
};

/** The show's fields however it is stored: status and schedule. */
export const showFieldsSchema = z.object({
  status: showStatusSchema,
  /** When the show starts / ended (ISO 8601); null when not scheduled. */
  startsAt: z.iso.datetime({ offset: true }).nullable(),
  endsAt: z.iso.datetime({ offset: true }).nullable(),
  /** Runs around the clock (a scenic spot's camera): always live, no schedule. */
  slowLive: z.boolean(),
  /** The angle that opens big (the first when absent). */
  mainAngle: angleIdSchema.optional(),
});

/** An angle as the API sends it: where its playlist is. */
export const angleSchema = angleFieldsSchema.extend({
  /** The HLS playlist (a media or a multivariant playlist). */
  playlistUrl: z.string(),
  /** A still to show before the video plays (optional). */
  posterUrl: z.string().optional(),
});
export type Angle = z.infer<typeof angleSchema>;

/** A show as the API sends it (`Place.show`). */
export const showSchema = showFieldsSchema.extend({
  angles: z.array(angleSchema).max(SHOW_ANGLES_MAX),
});
export type Show = z.infer<typeof showSchema>;

/** An angle as the host console sends it (create or replace). */
export const angleInputSchema = angleFieldsSchema.extend({
  offsetMs: angleFieldsSchema.shape.offsetMs.default(0),
  source: angleSourceSchema,
});
export type AngleInput = z.infer<typeof angleInputSchema>;

/** A change to the show's status or schedule (PATCH; what is absent stays). */
export const showPatchSchema = showFieldsSchema.partial().strict();
export type ShowPatch = z.infer<typeof showPatchSchema>;

/** A change to one angle (PATCH): label, offset, opening yaw. */
export const anglePatchSchema = angleFieldsSchema.pick({ label: true, labelZh: true, offsetMs: true, yaw: true }).partial().strict();
export type AnglePatch = z.infer<typeof anglePatchSchema>;
