import type { Lang } from './messages.ts';

/** Why an angle is not playing, as the tile says it. */
export type AngleFailure = { kind: 'network' | 'http' | 'invalid' | 'media'; status?: number };

const en = {
  angles: 'Camera angles',
  angleButton: (n: number, label: string, main: boolean) => `${label}, angle ${n}${main ? ' (showing big)' : ''}`,
  mainAngle: (label: string) => `Now showing: ${label}`,
  mosaic: 'Mosaic',
  spotlight: 'One big',
  soundOn: 'Turn sound on',
  soundOff: 'Mute',
  live: 'Live',
  slowLive: 'Live · around the clock',
  upcoming: (when: string) => `Starts ${when}`,
  upcomingUnscheduled: 'Starting soon',
  ended: 'Ended',
  replay: 'Replay',
  offline: 'Offline',
  offlineRetrying: 'Offline — trying again',
  loading: 'Connecting…',
  angleFailed: (label: string, why: AngleFailure) =>
    why.kind === 'invalid'
      ? `${label}: its playlist is not a valid HLS stream — the host should check the angle's URL.`
      : why.kind === 'media'
        ? `${label}: this browser cannot play the stream.`
        : why.kind === 'http'
          ? `${label}: the stream answered ${why.status}; trying again.`
          : `${label}: the stream cannot be reached; trying again.`,
  help: 'Keys: 1 to 9 pick an angle, M switches the mosaic, arrows look around a 360° angle.',
  view360: (label: string) => `360° view of ${label}. Drag, or use the arrow keys, to look around.`,
  gyroOn: 'Move with phone',
  gyroOff: 'Stop moving with phone',
  gyroDenied: 'Motion access was refused.',
  enterVr: 'Enter VR',
  exitVr: 'Exit VR',
  noAngles: 'This show has no angles yet.',
  noVideo: 'This browser cannot play live video.',
  badge360: '360°',
  play: 'Play',
  pause: 'Pause',
  replayPosition: 'Position in the replay',
  replayTime: (clock: string, elapsed: string, total: string) => `${clock} · ${elapsed} of ${total}`,
  replayHelp: 'Space pauses and plays; the arrow keys on the position move 5 seconds.',
  party: 'Watch party',
  partyEmpty: 'Nothing said yet at this point of the show.',
  partyReactionsOnly: 'Reactions from the watch parties appear at their moment. Open your party’s link to see its chat.',
  partyBadCode: 'That watch-party code is not valid, so only reactions are shown.',
  partyFailed: 'The watch parties’ messages could not be loaded; the replay plays without them.',
  chatLine: (name: string, at: string) => `${name}, ${at}`,
};
export type ShowMessages = typeof en;

const zh: ShowMessages = {
  angles: '机位',
  angleButton: (n: number, label: string, main: boolean) => `${label}，机位 ${n}${main ? '（大画面）' : ''}`,
  mainAngle: (label: string) => `正在显示：${label}`,
  mosaic: '宫格',
  spotlight: '大画面',
  soundOn: '打开声音',
  soundOff: '静音',
  live: '直播中',
  slowLive: '直播中 · 全天候',
  upcoming: (when: string) => `${when} 开始`,
  upcomingUnscheduled: '即将开始',
  ended: '已结束',
  replay: '回放',
  offline: '离线',
  offlineRetrying: '离线——正在重试',
  loading: '正在连接…',
  angleFailed: (label: string, why: AngleFailure) =>
    why.kind === 'invalid'
      ? `${label}：播放列表不是有效的 HLS 流——请主办方检查这个机位的地址。`
      : why.kind === 'media'
        ? `${label}：这个浏览器无法播放该视频流。`
        : why.kind === 'http'
          ? `${label}：视频流返回 ${why.status}，正在重试。`
          : `${label}：无法连接视频流，正在重试。`,
  help: '键盘：1 到 9 选择机位，M 切换宫格，方向键环视 360° 机位。',
  view360: (label: string) => `${label} 的 360° 画面。拖动或使用方向键环视。`,
  gyroOn: '跟随手机转动',
  gyroOff: '停止跟随手机',
  gyroDenied: '未获得运动传感器权限。',
  enterVr: '进入 VR',
  exitVr: '退出 VR',
  noAngles: '这场直播还没有机位。',
  noVideo: '这个浏览器无法播放直播视频。',
  badge360: '360°',
  play: '播放',
  pause: '暂停',
  replayPosition: '回放进度',
  replayTime: (clock: string, elapsed: string, total: string) => `${clock} · ${elapsed} / ${total}`,
  replayHelp: '空格键暂停或播放；在进度条上用方向键前后移动 5 秒。',
  party: '观看派对',
  partyEmpty: '演出到这里还没有人发言。',
  partyReactionsOnly: '各观看派对的互动表情会在当时的时刻出现。打开你所在派对的链接可以看到聊天。',
  partyBadCode: '观看派对代码无效，只显示互动表情。',
  partyFailed: '无法加载观看派对的消息；回放照常播放。',
  chatLine: (name: string, at: string) => `${name}，${at}`,
};

/** The show player's strings in the reader's language (pass useI18n().lang). */
export function showMessages(lang: Lang): ShowMessages {
  return lang === 'zh-CN' ? zh : en;
}
