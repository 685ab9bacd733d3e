import { z } from 'zod';
import { textSchema } from './text.ts';

/**
 * A phone number as agents write it on a card (kept as typed, unlike a booking's E.164): digits with spaces or dashes between them and
 * an optional leading + (+86 138-0013-8000); 5–15 digits, the E.164 limit.
 */
export const agentPhoneSchema = z
  .string()
  .trim()
  .max(32, 'use at most 32 characters')
  .regex(/^\+?[0-9](?:[ -]?[0-9])*$/, 'use digits, spaces and dashes, with an optional + in front')
  .refine((v) => {
    const digits = v.replace(/[^0-9]/g, '').length;
    return digits >= 5 && digits <= 15;
  }, 'use 5 to 15 digits');

/** WeChat's own rule for an ID: 6–20 letters, digits, _ or -, starting with a letter. */
export const wechatIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{5,19}$/, 'a WeChat ID has 6–20 letters, digits, _ or -, and starts with a letter');

/**
 * The agent behind a listing as visitors see it (the listing's card, the tour's "Ask" button,
 * a guided session): never their email or account id. Files are URLs made by the server.
 */
export const agentProfileSchema = z.object({
  name: z.string(),
  photoUrl: z.string().optional(),
  phone: z.string().optional(),
  wechatId: z.string().optional(),
  wechatQrUrl: z.string().optional(),
  agency: z.string().optional(),
});
export type AgentProfile = z.infer<typeof agentProfileSchema>;

/**
 * What the host saves on their profile page. An empty string clears a field; the photo and the
 * WeChat QR image are uploaded on their own (PUT /api/host/profile/photo, …/wechat-qr).
 */
export const hostProfilePatchSchema = z.object({
  name: textSchema({ max: 80 }).optional(),
  phone: z.union([z.literal(''), agentPhoneSchema]).optional(),
  wechatId: z.union([z.literal(''), wechatIdSchema]).optional(),
  agency: textSchema({ max: 80, min: 0 }).optional(),
});
export type HostProfilePatch = z.input<typeof hostProfilePatchSchema>;
