/**
 * Demo flat layout: the single source of truth for both the three.js model (rendered in
 * the browser) and tour.json (written by Node).
 *
 * Plan coordinates: metres, x to the east, y to the south (down the page).
 * World (three.js): X = plan x, Z = plan y, Y up. So -Z is north and every panorama's
 * yaw 0 looks north (scene.north = 0).
 */

export const CEILING = 2.7;
export const EYE = 1.6;
export const EXT_WALL = 0.22;
/** Half the thickness of an interior partition (each room draws its own half). */
export const INT_HALF = 0.06;

export const FOOTPRINT = { width: 11, height: 8.2 } as const;

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type FloorFinish = 'oak' | 'stone' | 'bathTile';
export type WallFinish = 'paintWarm' | 'paintSage' | 'paintBlue' | 'paintWhite' | 'bathTile' | 'paintGrey';

export interface RoomDef {
  id: string;
  name: string;
  nameZh: string;
  rect: Rect;
  /** Camera position on the plan (eye height EYE). */
  eye: { x: number; y: number };
  floor: FloorFinish;
  wall: WallFinish;
  /** Initial view yaw in degrees. */
  initialYaw: number;
}

export type Facing = 'N' | 'S' | 'E' | 'W';

export interface OpeningDef {
  id: string;
  kind: 'door' | 'opening' | 'window' | 'entrance';
  /** 'h': on a horizontal plan line y = line; 'v': on a vertical plan line x = line. */
  orient: 'h' | 'v';
  line: number;
  /** Centre along the line (x for 'h', y for 'v'). */
  center: number;
  width: number;
  bottom: number;
  top: number;
  /** Rooms on either side (windows: one room). */
  rooms: [string] | [string, string];
  /** Doors: which room the leaf swings into and on which end of the opening it is hinged (-1 low, +1 high coordinate). */
  swing?: { into: string; hinge: -1 | 1; angle?: number };
  /** Windows: compass direction the window faces (looking out). */
  facing?: Facing;
  title?: string;
  text?: string;
  /** The same in Chinese (the orientation 朝南… belongs here, not in the English title). */
  titleZh?: string;
  textZh?: string;
}

export const ROOMS: RoomDef[] = [
  {
    id: 'living',
    name: 'Living & dining room',
    nameZh: '客厅',
    rect: { x0: 0, y0: 3.4, x1: 5.6, y1: 8.2 },
    eye: { x: 3.05, y: 5.25 },
    floor: 'oak',
    wall: 'paintWarm',
    initialYaw: -150,
  },
  {
    id: 'kitchen',
    name: 'Kitchen',
    nameZh: '厨房',
    rect: { x0: 0, y0: 0, x1: 3.2, y1: 3.4 },
    eye: { x: 1.6, y: 2.15 },
    floor: 'stone',
    wall: 'paintWhite',
    initialYaw: -30,
  },
  {
    id: 'bathroom',
    name: 'Bathroom',
    nameZh: '卫生间',
    rect: { x0: 3.2, y0: 0, x1: 5.6, y1: 3.4 },
    eye: { x: 4.5, y: 1.75 },
    floor: 'bathTile',
    wall: 'bathTile',
    initialYaw: -20,
  },
  {
    id: 'hallway',
    name: 'Entrance hall',
    nameZh: '玄关走廊',
    rect: { x0: 5.6, y0: 0, x1: 7.0, y1: 8.2 },
    eye: { x: 6.3, y: 3.45 },
    floor: 'oak',
    wall: 'paintGrey',
    initialYaw: 180,
  },
  {
    id: 'study',
    name: 'Study / second bedroom',
    nameZh: '书房 / 次卧',
    rect: { x0: 7.0, y0: 0, x1: 11.0, y1: 3.6 },
    eye: { x: 8.75, y: 2.2 },
    floor: 'oak',
    wall: 'paintSage',
    initialYaw: 30,
  },
  {
    id: 'bedroom',
    name: 'Master bedroom',
    nameZh: '主卧',
    rect: { x0: 7.0, y0: 3.6, x1: 11.0, y1: 8.2 },
    eye: { x: 8.75, y: 6.7 },
    floor: 'oak',
    wall: 'paintBlue',
    initialYaw: 20,
  },
];

export const DOOR_TOP = 2.1;

export const OPENINGS: OpeningDef[] = [
  // Connections between rooms.
  { id: 'kitchen-living', kind: 'opening', orient: 'h', line: 3.4, center: 2.25, width: 1.3, bottom: 0, top: DOOR_TOP + 0.1, rooms: ['kitchen', 'living'] },
  { id: 'living-hallway', kind: 'opening', orient: 'v', line: 5.6, center: 4.35, width: 1.3, bottom: 0, top: DOOR_TOP + 0.1, rooms: ['living', 'hallway'] },
  { id: 'hallway-bathroom', kind: 'door', orient: 'v', line: 5.6, center: 2.45, width: 0.8, bottom: 0, top: DOOR_TOP, rooms: ['hallway', 'bathroom'], swing: { into: 'bathroom', hinge: 1 } },
  { id: 'hallway-study', kind: 'door', orient: 'v', line: 7.0, center: 2.55, width: 0.9, bottom: 0, top: DOOR_TOP, rooms: ['hallway', 'study'], swing: { into: 'study', hinge: 1 } },
  { id: 'hallway-bedroom', kind: 'door', orient: 'v', line: 7.0, center: 4.57, width: 0.9, bottom: 0, top: DOOR_TOP, rooms: ['hallway', 'bedroom'], swing: { into: 'bedroom', hinge: -1, angle: 84 } },
  // Front door (closed).
  { id: 'front-door', kind: 'entrance', orient: 'h', line: 0, center: 6.3, width: 0.98, bottom: 0, top: DOOR_TOP + 0.05, rooms: ['hallway'], title: 'Front door', text: 'Steel security front door with a smart lock; lift lobby and stairwell outside.', titleZh: '入户门', textZh: '钢制防盗入户门，配智能门锁；门外是电梯厅和楼梯间。' },
  // Windows.
  {
    id: 'window-living-south', kind: 'window', orient: 'h', line: 8.2, center: 2.7, width: 3.8, bottom: 0.12, top: 2.45, rooms: ['living'], facing: 'S',
    title: 'South-facing window', text: 'Floor-to-ceiling glazing facing south over the riverside park and the Qiantang River; sun most of the day.', titleZh: '朝南落地窗', textZh: '朝南的落地玻璃窗，俯瞰江边公园和钱塘江；大半天都有阳光。',
  },
  {
    id: 'window-living-west', kind: 'window', orient: 'v', line: 0, center: 4.55, width: 1.5, bottom: 0.9, top: 2.25, rooms: ['living'], facing: 'W',
    title: 'West-facing window', text: 'Looks west towards the wooded hills around West Lake; warm evening light over the dining table.', titleZh: '朝西窗户', textZh: '向西望向西湖周边的青山；傍晚的暖光洒在餐桌上。',
  },
  {
    id: 'window-kitchen-north', kind: 'window', orient: 'h', line: 0, center: 1.35, width: 1.5, bottom: 1.05, top: 2.2, rooms: ['kitchen'], facing: 'N',
    title: 'North-facing window', text: 'Faces north over the city centre towers; soft even light over the sink.', titleZh: '朝北窗户', textZh: '朝北望向市中心的高楼；水槽上方光线柔和均匀。',
  },
  {
    id: 'window-bathroom-north', kind: 'window', orient: 'h', line: 0, center: 4.25, width: 0.9, bottom: 1.45, top: 2.2, rooms: ['bathroom'], facing: 'N',
    title: 'North-facing window', text: 'High window above the bath facing north: daylight and ventilation with privacy.', titleZh: '朝北窗户', textZh: '浴缸上方朝北的高窗：既采光通风，又不失私密。',
  },
  {
    id: 'window-hallway-south', kind: 'window', orient: 'h', line: 8.2, center: 6.3, width: 0.8, bottom: 0.9, top: 2.2, rooms: ['hallway'], facing: 'S',
    title: 'South-facing window', text: 'End-of-hall window facing south towards the river, so the corridor gets daylight.', titleZh: '朝南窗户', textZh: '走廊尽头朝南的窗户，望向江边，让走廊也有自然光。',
  },
  {
    id: 'window-study-north', kind: 'window', orient: 'h', line: 0, center: 9.0, width: 1.7, bottom: 0.9, top: 2.25, rooms: ['study'], facing: 'N',
    title: 'North-facing window', text: 'North light over the desk, ideal for screen work; view of the Qianjiang New Town skyline.', titleZh: '朝北窗户', textZh: '北向光线照在书桌上，适合用电脑工作；可望见钱江新城的天际线。',
  },
  {
    id: 'window-study-east', kind: 'window', orient: 'v', line: 11.0, center: 1.8, width: 1.2, bottom: 0.9, top: 2.25, rooms: ['study'], facing: 'E',
    title: 'East-facing window', text: 'Faces east over the neighbouring residential towers; morning sun.', titleZh: '朝东窗户', textZh: '朝东望向相邻的住宅楼；上午有阳光。',
  },
  {
    id: 'window-bedroom-south', kind: 'window', orient: 'h', line: 8.2, center: 9.1, width: 2.2, bottom: 0.5, top: 2.35, rooms: ['bedroom'], facing: 'S',
    title: 'South-facing window', text: 'Large south-facing window with a view over the park and river; bright and warm in winter.', titleZh: '朝南窗户', textZh: '朝南的大窗，可俯瞰公园和江景；冬天明亮温暖。',
  },
  {
    id: 'window-bedroom-east', kind: 'window', orient: 'v', line: 11.0, center: 5.95, width: 1.2, bottom: 0.9, top: 2.25, rooms: ['bedroom'], facing: 'E',
    title: 'East-facing window', text: 'East window for the morning sun, looking over the tree-lined avenue and neighbouring towers.', titleZh: '朝东窗户', textZh: '东窗迎来上午的阳光，望向林荫大道和相邻的住宅楼。',
  },
];

export function roomById(id: string): RoomDef {
  const r = ROOMS.find((room) => room.id === id);
  if (!r) throw new Error(`unknown room ${id}`);
  return r;
}

/** Plan point of an opening's centre. */
export function openingCentre(o: OpeningDef): { x: number; y: number } {
  return o.orient === 'h' ? { x: o.center, y: o.line } : { x: o.line, y: o.center };
}

export function isExteriorEdge(orient: 'h' | 'v', line: number): boolean {
  return orient === 'h' ? line === 0 || line === FOOTPRINT.height : line === 0 || line === FOOTPRINT.width;
}

/** Yaw/pitch (degrees) from a room's eye to a plan point at a height, with the cubeFaces.ts convention. */
export function viewAngles(eye: { x: number; y: number }, p: { x: number; y: number }, height: number): { yaw: number; pitch: number } {
  const dx = p.x - eye.x; // world X
  const dz = p.y - eye.y; // world Z
  const dy = height - EYE;
  const yaw = (Math.atan2(dx, -dz) * 180) / Math.PI;
  const pitch = (Math.atan2(dy, Math.hypot(dx, dz)) * 180) / Math.PI;
  return { yaw, pitch };
}
