import type { Lang } from './messages.ts';

const en = {
  dollhouse: 'Dollhouse',
  dollhouseRegion: 'Dollhouse view',
  openDollhouse: 'Show the dollhouse: a 3D overview of the whole place',
  backToPanorama: 'Back to panorama',
  loadingModel: 'Loading the 3D model…',
  modelFailed: 'The 3D model could not be loaded.',
  dollhouseHelp: 'Drag or use the arrow keys to turn the model, scroll, pinch or + and − to zoom, right-drag to move it. Pick a room to step inside.',
  rooms: 'Rooms',
  flyingInto: (room: string) => `Going into ${room}…`,
  measure: 'Measure',
  measureHint3d: 'Click two points on the model to measure between them.',
  measureHintNext: 'Now click the second point.',
  clear: 'Clear',
  distance: 'Distance',
  measurePlan: 'Measure on the floor plan',
  measurePlanTitle: 'Measure on the floor plan',
  measurePlanHint: 'Click two points on the plan. Clicks near a corner or a wall snap to it. With the keyboard: arrow keys move the cross 5 cm (with Shift 50 cm), Enter sets a point.',
  measurePlanSurface: 'Floor plan measuring area',
  close: 'Close',
  measureHint3dTouch: 'Tap two points on the model to measure between them.',
  measureHintNextTouch: 'Now tap the second point.',
  measurePlanHintTouch: 'Tap two points on the plan. Taps near a corner or a wall snap to it.',
};
export type DollhouseMessages = typeof en;

const zh: DollhouseMessages = {
  dollhouse: '3D 模型',
  dollhouseRegion: '3D 模型视图',
  openDollhouse: '查看 3D 模型：整套房子的立体全貌',
  backToPanorama: '返回全景',
  loadingModel: '正在加载 3D 模型…',
  modelFailed: '3D 模型加载失败。',
  dollhouseHelp: '拖动或用方向键旋转模型，滚轮、双指或 + 和 − 缩放，右键拖动平移。选择一个房间即可进入。',
  rooms: '房间',
  flyingInto: (room: string) => `正在进入${room}…`,
  measure: '测量',
  measureHint3d: '在模型上点击两个点，测量两点之间的距离。',
  measureHintNext: '请点击第二个点。',
  clear: '清除',
  distance: '距离',
  measurePlan: '在户型图上测量',
  measurePlanTitle: '在户型图上测量',
  measurePlanHint: '在户型图上点击两个点。靠近墙角或墙线的点会自动吸附。键盘：方向键每次移动十字光标 5 厘米（按住 Shift 为 50 厘米），回车确定一个点。',
  measurePlanSurface: '户型图测量区域',
  close: '关闭',
  measureHint3dTouch: '在模型上轻点两个点，测量两点之间的距离。',
  measureHintNextTouch: '请轻点第二个点。',
  measurePlanHintTouch: '在户型图上轻点两个点。靠近墙角或墙线的点会自动吸附。',
};

/** The dollhouse and measuring strings in the reader's language (pass useI18n().lang). */
export function dollhouseMessages(lang: Lang): DollhouseMessages {
  return lang === 'zh-CN' ? zh : en;
}
