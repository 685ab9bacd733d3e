/** The contract shared by server and client. Imports nothing but zod. */
// First: it must run before any schema below is built.
import './jitlessInBrowser.ts';

export const PROTOCOL_VERSION = 1;
export * from './cubeFaces.ts';
export * from './placeListing.ts';
export * from './agentProfile.ts';
export * from './tour.ts';
export * from './museum.ts';
export * from './show.ts';
export * from './host.ts';
export * from './booking.ts';
export * from './session.ts';
export * from './crockfordCode.ts';
export * from './joinCode.ts';
export * from './normaliseYaw.ts';
export * from './tourParams.ts';
export * from './tourBoot.ts';
export * from './text.ts';
export * from './idSchema.ts';
export * from './pageRoutes.ts';
export * from './unreachableRooms.ts';
