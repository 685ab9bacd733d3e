/**
 * "Tang (8th century): rammed-earth walls…" → { name: "Tang", qualifier: " (8th century)" } (also
 * with full-width "：" and "（…）"): the era control's segment shows the name, and the qualifier
 * where there is room; its caption and accessible name keep the whole label.
 */
export function eraShortName(label: string): { name: string; qualifier: string } {
  const cut = label.search(/[:：]/);
  const head = cut > 0 ? label.slice(0, cut).trimEnd() : label;
  const paren = head.search(/\s*[(（][^()（）]*[)）]$/);
  return paren > 0 ? { name: head.slice(0, paren), qualifier: head.slice(paren) } : { name: head, qualifier: '' };
}
