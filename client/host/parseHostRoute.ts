/** The console's pages; every one has its own address so it can be bookmarked and shared. */
export type HostRoute =
  | { page: 'places' }
  | { page: 'new-place' }
  | { page: 'place'; placeId: string }
  | { page: 'room'; placeId: string; sceneId: string }
  | { page: 'floorplan'; placeId: string }
  | { page: 'booking'; placeId: string; tab: BookingTab }
  /** A museum's exhibit: its fields, info points, hall and map placement. */
  | { page: 'exhibit'; placeId: string; exhibitId: string }
  /** A museum's printable sheet of QR codes, one per exhibit. */
  | { page: 'qr'; placeId: string }
  | { page: 'team' }
  /** The host's own public profile: name, photo, phone, WeChat, agency. */
  | { page: 'profile' }
  /** An invitation link: shown signed out, where a new agent sets up their account. */
  | { page: 'invite'; token: string }
  | { page: 'not-found' };

/** The visit pages of a place: /host/places/:id/{checkin,bookings,slots,feedback,funnel}. */
export const BOOKING_TABS = ['checkin', 'bookings', 'slots', 'feedback', 'funnel'] as const;
export type BookingTab = (typeof BOOKING_TABS)[number];

const seg = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** /host, /host/places, /host/places/new, /host/places/:id, /host/places/:id/rooms/:sceneId, /host/places/:id/floorplan, …/exhibits/:exhibitId, …/qr. */
export function parseHostRoute(path: string): HostRoute {
  const parts = path.replace(/\/+$/, '').split('/').filter(Boolean);
  if (parts[0] !== 'host') return { page: 'not-found' };
  const rest = parts.slice(1);
  if (rest.length === 0 || (rest.length === 1 && rest[0] === 'places')) return { page: 'places' };
  if (rest.length === 1 && rest[0] === 'team') return { page: 'team' };
  if (rest.length === 1 && rest[0] === 'profile') return { page: 'profile' };
  if (rest.length === 2 && rest[0] === 'invite') return { page: 'invite', token: seg(rest[1]) };
  if (rest[0] !== 'places') return { page: 'not-found' };
  if (rest.length === 2 && rest[1] === 'new') return { page: 'new-place' };
  const placeId = seg(rest[1]);
  if (rest.length === 2) return { page: 'place', placeId };
  if (rest.length === 3 && rest[2] === 'floorplan') return { page: 'floorplan', placeId };
  if (rest.length === 3 && rest[2] === 'qr') return { page: 'qr', placeId };
  if (rest.length === 4 && rest[2] === 'exhibits') return { page: 'exhibit', placeId, exhibitId: seg(rest[3]) };
  if (rest.length === 3 && (BOOKING_TABS as readonly string[]).includes(rest[2])) return { page: 'booking', placeId, tab: rest[2] as BookingTab };
  if (rest.length === 4 && rest[2] === 'rooms') return { page: 'room', placeId, sceneId: seg(rest[3]) };
  return { page: 'not-found' };
}

/** The address of a console page (the inverse of parseHostRoute). */
export function hostHref(route: Exclude<HostRoute, { page: 'not-found' }>): string {
  const e = encodeURIComponent;
  switch (route.page) {
    case 'places':
      return '/host/places';
    case 'new-place':
      return '/host/places/new';
    case 'place':
      return `/host/places/${e(route.placeId)}`;
    case 'room':
      return `/host/places/${e(route.placeId)}/rooms/${e(route.sceneId)}`;
    case 'floorplan':
      return `/host/places/${e(route.placeId)}/floorplan`;
    case 'booking':
      return `/host/places/${e(route.placeId)}/${route.tab}`;
    case 'exhibit':
      return `/host/places/${e(route.placeId)}/exhibits/${e(route.exhibitId)}`;
    case 'qr':
      return `/host/places/${e(route.placeId)}/qr`;
    case 'team':
      return '/host/team';
    case 'profile':
      return '/host/profile';
    case 'invite':
      return `/host/invite/${e(route.token)}`;
  }
}
