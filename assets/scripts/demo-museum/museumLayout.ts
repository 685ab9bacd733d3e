/**
 * Demo museum layout: the single source of truth for the halls rendered in the browser and for
 * museum.json (written by Node). Plan coordinates are metres, x east, y south; the world is
 * X = plan x, Z = plan y, Y up, so every panorama's yaw 0 looks north (as in the demo flat).
 */

export const CEILING = 4.2;
export const EYE = 1.6;
export const PLAN = { width: 24, height: 20 } as const;

export interface HallDef {
  id: string;
  name: string;
  nameZh: string;
  rect: { x0: number; y0: number; x1: number; y1: number };
  eye: { x: number; y: number };
  initialYaw: number;
  /** Wall and floor finish, read by the renderer. */
  style: 'entrance' | 'bronze' | 'town';
  /** Sign over the far wall (Latin letters only: the render machine has no CJK font). */
  sign: string;
}

export const HALLS: HallDef[] = [
  {
    id: 'entrance',
    name: 'Entrance Hall',
    nameZh: '序厅',
    rect: { x0: 0, y0: 10, x1: 12, y1: 20 },
    eye: { x: 6, y: 16.2 },
    initialYaw: 0,
    style: 'entrance',
    sign: 'QINGSHUI OLD TOWN MUSEUM',
  },
  {
    id: 'bronze',
    name: 'Bronze Gallery',
    nameZh: '青铜器厅',
    rect: { x0: 12, y0: 10, x1: 24, y1: 20 },
    eye: { x: 16.2, y: 18.2 },
    initialYaw: 20,
    style: 'bronze',
    sign: 'RITUAL BRONZES',
  },
  {
    id: 'town',
    name: 'Town History Hall',
    nameZh: '古城历史厅',
    rect: { x0: 0, y0: 0, x1: 14, y1: 10 },
    eye: { x: 7, y: 8.2 },
    initialYaw: 0,
    style: 'town',
    sign: 'A RIVER TOWN THROUGH THE AGES',
  },
];

/** Doorways between halls: on a horizontal wall (y = line) or vertical (x = line), 2.4 m wide, 3 m high. */
export interface DoorDef {
  orient: 'h' | 'v';
  line: number;
  center: number;
  width: number;
  top: number;
  halls: [string, string];
}

export const DOORS: DoorDef[] = [
  { orient: 'h', line: 10, center: 6, width: 2.6, top: 3.1, halls: ['entrance', 'town'] },
  { orient: 'v', line: 12, center: 15.5, width: 2.6, top: 3.1, halls: ['entrance', 'bronze'] },
];

/** The museum's street door (closed glass), on the entrance hall's south wall. */
export const STREET_DOOR = { x: 6, y: 20, width: 3.2, top: 3.2 };

/** Where each exhibit stands: plan position, the height of its middle (for the hotspot) and its display. */
export interface ExhibitPlacement {
  exhibitId: string;
  hall: string;
  x: number;
  y: number;
  /** Height of the top of the plinth or table the model stands on. */
  standTop: number;
  /** Centre height to aim the hotspot at. */
  aim: number;
  /** Scale of the model in the hall (the sand table is shown larger than its AR size). */
  scale: number;
  rotY: number;
  display: 'case' | 'plinth' | 'table';
}

export const PLACEMENTS: ExhibitPlacement[] = [
  { exhibitId: 'meiping-vase', hall: 'entrance', x: 8.4, y: 13.2, standTop: 1.0, aim: 1.2, scale: 1, rotY: 0, display: 'case' },
  { exhibitId: 'bronze-ding', hall: 'bronze', x: 17.6, y: 15.4, standTop: 0.75, aim: 0.95, scale: 1.4, rotY: 0, display: 'plinth' },
  { exhibitId: 'sand-table', hall: 'town', x: 7, y: 4.6, standTop: 0.75, aim: 0.85, scale: 2.6, rotY: 0, display: 'table' },
];

export function hallById(id: string): HallDef {
  const h = HALLS.find((x) => x.id === id);
  if (!h) throw new Error(`unknown hall ${id}`);
  return h;
}

export function doorCentre(d: DoorDef): { x: number; y: number } {
  return d.orient === 'h' ? { x: d.center, y: d.line } : { x: d.line, y: d.center };
}

/** Yaw/pitch (degrees) from a hall's eye to a plan point at a height (cubeFaces.ts convention). */
export function viewAngles(eye: { x: number; y: number }, p: { x: number; y: number }, height: number): { yaw: number; pitch: number } {
  const dx = p.x - eye.x;
  const dz = p.y - eye.y;
  return {
    yaw: (Math.atan2(dx, -dz) * 180) / Math.PI,
    pitch: (Math.atan2(height - EYE, Math.hypot(dx, dz)) * 180) / Math.PI,
  };
}
