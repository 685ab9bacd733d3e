/** A viewer's gaze marker on screen (CSS px: the dot's centre; its name tag hangs below it). */
export interface TagPoint {
  id: string;
  x: number;
  y: number;
  name: string;
}

/** Viewers whose name tags share one label: the first carries it (drawn at its dot), the rest show their dot only. */
export interface TagGroup {
  x: number;
  y: number;
  ids: string[];
  names: string[];
}

/** A tag's height and the gap kept between tags (px; session.css: 0.8rem text, pill padding). */
const TAG_H = 22;
const GAP = 4;

/** A tag's width estimated from its text (px at 0.8rem; CJK characters are about twice as wide). */
export function estimateTagWidth(label: string): number {
  let w = 18;
  for (const ch of label) w += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/u.test(ch) ? 13 : 7.5;
  return w;
}

/**
 * Merges the marks whose name tags would cover each other into one tag ("Mum, Dad +1", as
 * presence cursors do in shared documents): two viewers looking at one spot — following the
 * guide, they all do — no longer stack their names into one unreadable word. Greedy, in the
 * given order (stable from frame to frame, so tags don't flicker between owners).
 */
export function groupTags(points: readonly TagPoint[], label: (names: string[]) => string, width: (label: string) => number = estimateTagWidth): TagGroup[] {
  const groups: (TagGroup & { w: number })[] = points.map((p) => ({ x: p.x, y: p.y, ids: [p.id], names: [p.name], w: width(p.name) }));
  const collide = (a: { x: number; y: number; w: number }, b: { x: number; y: number; w: number }) => Math.abs(a.x - b.x) < (a.w + b.w) / 2 + GAP && Math.abs(a.y - b.y) < TAG_H + GAP;
  // A merged tag is wider and may now cover another: merge until no two cover each other.
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < groups.length && !merged; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        if (!collide(groups[i], groups[j])) continue;
        const g = groups[i];
        g.ids.push(...groups[j].ids);
        g.names.push(...groups[j].names);
        g.w = width(label(g.names));
        groups.splice(j, 1);
        merged = true;
        break;
      }
    }
  }
  return groups.map(({ w: _w, ...g }) => g);
}

/** The names a merged tag shows before "+n" (a tag stays short on a phone). */
export const TAG_NAMES_SHOWN = 2;
