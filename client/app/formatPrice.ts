import type { Lang } from '../i18n/messages.ts';

/** Prices in the listing's currency; Chinese readers see 万 for large CNY amounts, as listings there do. */
export function formatPrice(lang: Lang, price: number | null, currency: string, onRequest: string): string {
  if (price == null) return onRequest;
  if (lang === 'zh-CN' && currency === 'CNY' && price >= 10000) return `¥${(price / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 1 })} 万`;
  return new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 0 }).format(price);
}
