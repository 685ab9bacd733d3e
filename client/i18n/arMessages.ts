import type { Lang } from './messages.ts';
import type { ArCoaching } from '../xr/ar/arCoaching.ts';

const en = {
  viewInAr: 'View in AR',
  viewInArHint: 'Place the model on a table or the floor around you with your phone’s camera',
  viewInVr: 'View in VR',
  viewInVrHint: 'The sand table on a virtual table in your headset',
  quickLook: 'View in AR (Quick Look)',
  exitAr: 'Leave AR',
  arFailed: 'AR could not start on this device; the 3D viewer is still here.',
  coaching: {
    findSurface: 'Move your phone slowly to find a surface',
    tapToPlace: 'Tap to place the model',
    gestures: 'Pinch to resize, twist with two fingers to turn',
    trackingLost: 'Tracking lost — point at the table again',
    trackingBack: 'Tracking is back',
  } satisfies Record<Exclude<ArCoaching, null>, string>,
  placeNext: 'Next tap places',
  playEras: '▶ Eras',
  pauseEras: '❚❚ Eras',
  tapToClose: 'Tap to close',
  remove: 'Remove',
};
export type ArMessages = typeof en;

const zh: ArMessages = {
  viewInAr: '在 AR 中查看',
  viewInArHint: '用手机摄像头把模型放在身边的桌面或地面上',
  viewInVr: '在 VR 中查看',
  viewInVrHint: '在头显里把沙盘放在一张虚拟桌子上',
  quickLook: '在 AR 中查看（快速查看）',
  exitAr: '退出 AR',
  arFailed: '此设备无法启动 AR，仍可使用 3D 查看器。',
  coaching: {
    findSurface: '请缓慢移动手机，寻找一个平面',
    tapToPlace: '轻点即可放置模型',
    gestures: '双指捏合缩放，双指旋转转动',
    trackingLost: '跟踪丢失——请重新对准桌面',
    trackingBack: '已恢复跟踪',
  },
  placeNext: '下一次轻点放置',
  playEras: '▶ 年代',
  pauseEras: '❚❚ 年代',
  tapToClose: '轻点关闭',
  remove: '移除',
};

export function arMessages(lang: Lang): ArMessages {
  return lang === 'zh-CN' ? zh : en;
}
