import type { Lang } from './messages.ts';

/**
 * Labels of the host's fields that take a text in both languages (the listing form, an info
 * point): which language each box is for, the Chinese one optional — readers using the
 * Chinese interface see the English text when it is empty.
 */
const en = {
  titleEn: 'Title (English)',
  titleZh: 'Title (Chinese, optional)',
  addressEn: 'Address (English)',
  addressZh: 'Address (Chinese, optional)',
  cityEn: 'City (English)',
  cityZh: 'City (Chinese, optional)',
  descriptionEn: 'Description (English)',
  descriptionZh: 'Description (Chinese, optional)',
  infoTitleEn: 'Title (English)',
  infoTitleZh: 'Title (Chinese, optional)',
  infoTextEn: 'Text (English)',
  infoTextZh: 'Text (Chinese, optional)',
  zhHint: 'Shown to visitors using the Chinese interface; left empty, they see the English.',
};
export type PlaceTextMessages = typeof en;

const zh: PlaceTextMessages = {
  titleEn: '标题（英文）',
  titleZh: '标题（中文，选填）',
  addressEn: '地址（英文）',
  addressZh: '地址（中文，选填）',
  cityEn: '城市（英文）',
  cityZh: '城市（中文，选填）',
  descriptionEn: '描述（英文）',
  descriptionZh: '描述（中文，选填）',
  infoTitleEn: '标题（英文）',
  infoTitleZh: '标题（中文，选填）',
  infoTextEn: '说明（英文）',
  infoTextZh: '说明（中文，选填）',
  zhHint: '使用中文界面的访客看到这里的内容；不填则显示英文。',
};

export function placeTextMessages(lang: Lang): PlaceTextMessages {
  return lang === 'zh-CN' ? zh : en;
}
