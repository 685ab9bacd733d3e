import { z } from 'zod';
import { textSchema } from './text.ts';
import { placeListingInputFields } from './placeListing.ts';
import { exhibitIdSchema } from './museum.ts';
import { floorPlanSchema, placeSchema, sceneIdSchema, viewSchema } from './tour.ts';

/** Host sign-in. The token is sent as `Authorization: Bearer <token>` on every /api/host call. */
export const loginBodySchema = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

/** In an agency the owner (its first host) sees every place and manages the team; an agent sees their own places. */
export const hostRoleSchema = z.enum(['owner', 'agent']);
export type HostRole = z.infer<typeof hostRoleSchema>;

// role is optional so a session saved before agencies existed still loads; the console asks /me.
export const hostSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role: hostRoleSchema.optional() });
export type Host = z.infer<typeof hostSchema>;

/** A new password: long enough to resist guessing, bounded so hashing it stays cheap. */
export const newPasswordSchema = z
  .string()
  .min(10, 'use at least 10 characters')
  .max(200, 'use at most 200 characters')
  .refine((p) => p.trim().length > 0, 'must not be only spaces');

/** Redeeming an invitation link: the new agent's name, sign-in email and password. */
export const invitationRedeemBodySchema = z.object({
  name: textSchema({ max: 80 }),
  email: loginBodySchema.shape.email,
  password: newPasswordSchema,
});
export type InvitationRedeemBody = z.input<typeof invitationRedeemBodySchema>;

/** What an invitation link shows before the agent fills in the form. */
export const invitationInfoSchema = z.object({ agencyName: z.string(), invitedBy: z.string(), expiresAt: z.string() });
export type InvitationInfo = z.infer<typeof invitationInfoSchema>;

/** A member of the owner's team. */
export const teamMemberSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), role: hostRoleSchema, disabled: z.boolean() });
export type TeamMember = z.infer<typeof teamMemberSchema>;

/** An invitation not yet used; its link is shown only once, when it is created. */
export const pendingInvitationSchema = z.object({ id: z.string(), createdAt: z.string(), expiresAt: z.string() });
export type PendingInvitation = z.infer<typeof pendingInvitationSchema>;

export const teamSchema = z.object({ members: z.array(teamMemberSchema), invitations: z.array(pendingInvitationSchema) });
export type Team = z.infer<typeof teamSchema>;

/** A new invitation: `path` is /host/invite/<token>, to be sent to the agent once. */
export const invitationCreatedSchema = pendingInvitationSchema.extend({ path: z.string() });
export type InvitationCreated = z.infer<typeof invitationCreatedSchema>;

/** The owner disables (their tokens stop working at once) or re-enables an agent. */
export const agentPatchSchema = z.object({ disabled: z.boolean() });
export type AgentPatch = z.infer<typeof agentPatchSchema>;

export const loginResultSchema = z.object({ token: z.string(), expiresAt: z.string(), host: hostSchema });
export type LoginResult = z.infer<typeof loginResultSchema>;

/** Ids the host's editor makes for hotspots: url-safe, short. */
const hotspotIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'use up to 64 letters, digits, dashes and underscores');
const yawPitch = { yaw: z.number().min(-360).max(360), pitch: z.number().min(-90).max(90) };

/** A hotspot as a host sends it: the stored shape (tour.ts hotspotSchema) with its text under the text rule. */
export const hotspotInputSchema = z.discriminatedUnion('kind', [
  z.object({ id: hotspotIdSchema, kind: z.literal('scene'), target: sceneIdSchema, ...yawPitch }),
  z.object({
    id: hotspotIdSchema,
    kind: z.literal('info'),
    ...yawPitch,
    title: textSchema({ max: 120, min: 0 }),
    text: textSchema({ max: 2000, min: 0, multiline: true }),
    titleZh: textSchema({ max: 120, min: 0 }).optional(),
    textZh: textSchema({ max: 2000, min: 0, multiline: true }).optional(),
  }),
  z.object({ id: hotspotIdSchema, kind: z.literal('exhibit'), exhibitId: exhibitIdSchema, ...yawPitch }),
]);

/** A listing's fields as a host types them, without defaults: a PATCH must leave out what it does not change. */
const listingFields = placeListingInputFields;

/** Creating a place: everything a listing shows; rooms are uploaded afterwards. */
export const placeCreateSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'use 3–64 lower-case letters, digits and dashes')
    .optional(),
  ...listingFields,
  city: listingFields.city.default(''),
  address: listingFields.address.default(''),
  price: listingFields.price.default(null),
  currency: listingFields.currency.default('CNY'),
  description: listingFields.description.default(''),
  lat: listingFields.lat.default(0),
  lng: listingFields.lng.default(0),
  areaM2: listingFields.areaM2.default(null),
});
export type PlaceCreate = z.infer<typeof placeCreateSchema>;

/**
 * Editing a place: any listing field, plus publishing, the start room, the cover and the
 * floor plan. Built from the default-free fields: zod applies a default inside .partial(),
 * so { published: true } would otherwise reset city, price, lat/lng … to empty.
 */
export const placePatchSchema = z
  .object(listingFields)
  .partial()
  .extend({
    published: z.boolean().optional(),
    startScene: sceneIdSchema.optional(),
    coverScene: sceneIdSchema.optional(),
    floorPlan: floorPlanSchema.nullable().optional(),
  });
export type PlacePatch = z.infer<typeof placePatchSchema>;

/** Editing a room: its name, where it starts, where north is, where it is on the plan, its hotspots. */
export const scenePatchSchema = z.object({
  name: textSchema({ max: 80 }).optional(),
  nameZh: textSchema({ max: 80, min: 0 }).optional(),
  north: z.number().min(-360).max(360).optional(),
  floor: z.object({ x: z.number().finite(), y: z.number().finite() }).optional(),
  initialView: viewSchema.optional(),
  hotspots: z.array(hotspotInputSchema).max(100).optional(),
});
export type ScenePatch = z.infer<typeof scenePatchSchema>;

/** A place as its host sees it: the public shape plus the publishing state (rooms may be empty). */
export const hostPlaceSchema = placeSchema.extend({
  published: z.boolean(),
  tour: placeSchema.shape.tour.extend({ scenes: placeSchema.shape.tour.shape.scenes.element.array() }),
});
export type HostPlace = z.infer<typeof hostPlaceSchema>;
