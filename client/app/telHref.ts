/** A tel: link for a number as the agent typed it (+86 138-0013-8000 → tel:+8613800138000). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}
