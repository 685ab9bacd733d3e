import type { Lang } from '../../i18n/messages.ts';

const en = {
  /** The lead's way back from an exhibit to the hall's panorama, for the whole group. */
  backToHall: 'Back to the hall',
  /** What the exhibit layer is, for a screen reader. */
  groupOnExhibit: (title: string) => `The group is looking at ${title}`,
  leadHelp: 'Drag to turn the model; everyone following sees what you see. Click the model to point at it; a numbered point opens for everyone.',
  followHelp: (name: string) => `Your view follows ${name}. Drag to look on your own; “Follow” brings you back.`,
  /** The lead's list of a hall-less museum's exhibits (the way from one to the next). */
  exhibits: 'Exhibits',
};
export type SessionExhibitMessages = typeof en;

const zh: SessionExhibitMessages = {
  backToHall: '返回展厅',
  groupOnExhibit: (title: string) => `大家正在观看${title}`,
  leadHelp: '拖动旋转模型，跟随的人会看到和你一样的画面。点击模型即可指点；打开编号讲解点时所有人一起打开。',
  followHelp: (name: string) => `你的视角正跟随${name}。拖动可自行观看；点“跟随”即可回来。`,
  exhibits: '展品',
};

/** The strings of a guided session on an exhibit, in the reader's language. */
export function sessionExhibitMessages(lang: Lang): SessionExhibitMessages {
  return lang === 'zh-CN' ? zh : en;
}
