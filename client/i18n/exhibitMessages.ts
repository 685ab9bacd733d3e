import type { Lang } from './messages.ts';

/** Why a model did not load, as the page tells it. */
export type ModelFailure = { kind: 'http'; status: number } | { kind: 'network' } | { kind: 'decode' };

const en = {
  viewer: (title: string) => `3D view of ${title}`,
  viewerHelp: 'Drag to turn the model, scroll or pinch to zoom. Keys: arrows turn, + and − zoom, 0 resets the view, 1 to 9 open a numbered point.',
  loadingModel: 'Loading the 3D model',
  preparingModel: 'Preparing the model…',
  reset: 'Reset view',
  infoPoints: 'Points of interest',
  noInfoPoints: 'This exhibit has no numbered points.',
  openPoint: (n: number, title: string) => `Point ${n}: ${title}`,
  close: 'Close',
  audio: 'Audio guide',
  backTo: (museum: string) => `Back to ${museum}`,
  modelFailed: (why: ModelFailure) =>
    `This model could not be loaded — ${why.kind === 'http' ? `the server answered ${why.status}; try again later.` : why.kind === 'network' ? 'the connection failed; check it and try again.' : 'the file is damaged or in a form this browser cannot show.'}`,
  notFoundExhibit: 'This museum has no such exhibit, or it was removed.',
  lighterModel: 'Showing the lighter model for phones.',
  eras: 'Eras',
  allEras: 'All eras',
  eraYear: (year: number) => (year < 0 ? `${-year} BCE` : `${year} CE`),
  eraShowing: (label: string, year: string) => `Showing the site as it stood in ${label} (${year}): later buildings are hidden.`,
  allErasShowing: 'Showing every era’s buildings.',
};
export type ExhibitMessages = typeof en;

const zh: ExhibitMessages = {
  viewer: (title: string) => `${title}的 3D 视图`,
  viewerHelp: '拖动旋转模型，滚轮或双指缩放。键盘：方向键旋转，+ 和 − 缩放，0 复位视角，1 到 9 打开对应编号的讲解点。',
  loadingModel: '正在加载 3D 模型',
  preparingModel: '正在准备模型…',
  reset: '复位视角',
  infoPoints: '讲解点',
  noInfoPoints: '这件展品没有编号讲解点。',
  openPoint: (n: number, title: string) => `讲解点 ${n}：${title}`,
  close: '关闭',
  audio: '语音导览',
  backTo: (museum: string) => `返回${museum}`,
  modelFailed: (why: ModelFailure) =>
    `这个模型无法加载——${why.kind === 'http' ? `服务器返回 ${why.status}，请稍后再试。` : why.kind === 'network' ? '网络连接失败，请检查后重试。' : '文件已损坏，或这个浏览器无法显示它的格式。'}`,
  notFoundExhibit: '这家博物馆没有这件展品，或它已被移除。',
  lighterModel: '正在显示适合手机的轻量模型。',
  eras: '年代',
  allEras: '全部年代',
  eraYear: (year: number) => (year < 0 ? `公元前 ${-year} 年` : `公元 ${year} 年`),
  eraShowing: (label: string, year: string) => `正在显示${label}（${year}）时的遗址：之后的建筑已隐藏。`,
  allErasShowing: '正在显示所有年代的建筑。',
};

/** The exhibit viewer's strings in the reader's language (pass useI18n().lang). */
export function exhibitMessages(lang: Lang): ExhibitMessages {
  return lang === 'zh-CN' ? zh : en;
}

/** An exhibit's or info point's field in the reader's language when the museum gave one. */
export function localised(lang: Lang, en: string, zh: string | undefined): string {
  return lang === 'zh-CN' && zh ? zh : en;
}
