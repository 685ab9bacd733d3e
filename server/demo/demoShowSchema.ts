import { z } from 'zod';
import { angleFieldsSchema, angleIdSchema, placeListingInputFields, showFieldsSchema } from '../protocol/index.ts';

/**
 * Where an angle's frame stamp is: a row of `bits + 1` square blocks, fractions of the frame
 * (so a reader scales them to whatever size the video is drawn at). Block 0 is always white
 * (the reader's reference); block 1 + k is white when bit k (least significant first) of the
 * frame number within the loop is set. Frame n is loop time n / fps.
 */
export const frameStampSchema = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  /** One block's width and height, as fractions of the frame's width and height. */
  blockW: z.number().positive().max(1),
  blockH: z.number().positive().max(1),
  bits: z.number().int().min(1).max(16),
});
export type FrameStamp = z.infer<typeof frameStampSchema>;

/**
 * assets/demo/show/manifest.json: what `npm run demo:show` rendered. Every angle of every show
 * in it shares one loop (fps, segment length, segment count), so all are frame-aligned: the
 * same segment number is the same loop time everywhere. Segments: `<angle id>/seg-<n>.ts`.
 */
export const demoShowSchema = z.object({
  fps: z.number().int().positive(),
  segmentSeconds: z.number().min(0.5).max(10),
  segments: z.number().int().min(1).max(2000),
  shows: z
    .array(
      z.object({
        place: z.object({ id: z.string(), ...placeListingInputFields }),
        show: showFieldsSchema,
        angles: z
          .array(
            angleFieldsSchema.extend({
              id: angleIdSchema,
              width: z.number().int().positive(),
              height: z.number().int().positive(),
              /** The angle carries sound (a tone); the others carry silence. */
              tone: z.boolean(),
              stamp: frameStampSchema,
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});
export type DemoShow = z.infer<typeof demoShowSchema>;

/** Reads a frame number from a stamp's block brightnesses (0–255, reference block first); null when the reference is not white. */
export function readFrameStamp(luma: readonly number[]): number | null {
  if (luma.length < 2 || luma[0] < 160) return null;
  const threshold = luma[0] / 2;
  let n = 0;
  for (let k = 1; k < luma.length; k++) if (luma[k] > threshold) n |= 1 << (k - 1);
  return n;
}
