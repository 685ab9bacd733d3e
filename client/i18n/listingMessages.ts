import type { Orientation } from '@protocol';
import type { Lang } from './messages.ts';

const DIR_EN: Record<Orientation, string> = { n: 'north', ne: 'north-east', e: 'east', se: 'south-east', s: 'south', sw: 'south-west', w: 'west', nw: 'north-west' };
const DIR_ZH: Record<Orientation, string> = { n: '北', ne: '东北', e: '东', se: '东南', s: '南', sw: '西南', w: '西', nw: '西北' };
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const andList = (xs: string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const through = (o: readonly Orientation[]) => o.length === 2 && o.includes('s') && o.includes('n');

const en = {
  keyFacts: 'Key facts',
  layoutLabel: 'Layout',
  areaLabel: 'Floor area',
  pricePerM2Label: 'Price per m²',
  floorLabel: 'Floor',
  orientationLabel: 'Facing',
  yearLabel: 'Built',
  /** 2 bed · 1 living · 1 bath (2室1厅1卫); only the parts the agent gave. */
  layout: (bed?: number, living?: number, bath?: number) =>
    [bed !== undefined && `${bed} bed`, living !== undefined && `${living} living`, bath !== undefined && `${bath} bath`].filter(Boolean).join(' · '),
  floor: (floor?: number, total?: number) =>
    floor !== undefined && total !== undefined ? `${floor} of ${total}` : floor !== undefined ? `Floor ${floor}` : `${total}-storey building`,
  orientation: (o: readonly Orientation[]) => (through(o) ? 'South & north' : o.length === 1 ? `${cap(DIR_EN[o[0]])}-facing` : `Faces ${andList(o.map((d) => DIR_EN[d]))}`),
  /** The floor on a catalogue card, where no label says what the numbers are. */
  floorCard: (floor?: number, total?: number) => (floor !== undefined && total !== undefined ? `Floor ${floor}/${total}` : floor !== undefined ? `Floor ${floor}` : `${total} floors`),
  year: (y: number) => `${y}`,
  perM2: (amount: string) => `${amount}/m²`,
  area: (m2: string) => `${m2} m²`,
  mapLabel: (where: string) => `Map: ${where}`,
  mapDrawn: 'Drawn map — the pin marks the building; streets are not to scale.',
  agentHeading: 'Your agent',
  call: (name: string) => `Call ${name}`,
  callShort: 'Call',
  wechat: 'WeChat',
  wechatTitle: (name: string) => `Add ${name} on WeChat`,
  wechatId: 'WeChat ID',
  wechatQr: (name: string) => `${name}’s WeChat QR code: scan it in WeChat to add them`,
  copyId: 'Copy ID',
  copied: 'Copied — paste it in WeChat’s search.',
  copyFailed: 'Could not copy; select the ID and copy it.',
  close: 'Close',
  ask: (name: string) => `Ask ${name}`,
  noContact: (name: string) => `${name} has not added a phone or WeChat yet.`,
  agentPhoto: (name: string) => `Photo of ${name}`,
};
export type ListingMessages = typeof en;

const zh: ListingMessages = {
  keyFacts: '房源概况',
  layoutLabel: '户型',
  areaLabel: '建筑面积',
  pricePerM2Label: '单价',
  floorLabel: '楼层',
  orientationLabel: '朝向',
  yearLabel: '年代',
  layout: (bed, living, bath) => [bed !== undefined && `${bed}室`, living !== undefined && `${living}厅`, bath !== undefined && `${bath}卫`].filter(Boolean).join(''),
  floor: (floor, total) => (floor !== undefined && total !== undefined ? `${floor}/${total}层` : floor !== undefined ? `${floor}层` : `共${total}层`),
  orientation: (o) => (through(o) ? '南北通透' : `朝${o.map((d) => DIR_ZH[d]).join('、')}`),
  floorCard: (floor, total) => (floor !== undefined && total !== undefined ? `${floor}/${total}层` : floor !== undefined ? `${floor}层` : `共${total}层`),
  year: (y) => `${y}年建`,
  perM2: (amount) => `${amount}/m²`,
  area: (m2) => `${m2} m²`,
  mapLabel: (where) => `地图：${where}`,
  mapDrawn: '示意图：图钉标出楼栋位置，街道不按比例。',
  agentHeading: '您的经纪人',
  call: (name) => `致电 ${name}`,
  callShort: '打电话',
  wechat: '微信',
  wechatTitle: (name) => `加 ${name} 的微信`,
  wechatId: '微信号',
  wechatQr: (name) => `${name} 的微信二维码：用微信扫一扫添加`,
  copyId: '复制微信号',
  copied: '已复制，请在微信中搜索添加。',
  copyFailed: '无法复制，请选中微信号手动复制。',
  close: '关闭',
  ask: (name) => `咨询${name}`,
  noContact: (name) => `${name} 还没有留下电话或微信。`,
  agentPhoto: (name) => `${name} 的照片`,
};

/** The listing's facts, map and agent strings in the reader's language (pass useI18n().lang). */
export function listingMessages(lang: Lang): ListingMessages {
  return lang === 'zh-CN' ? zh : en;
}
