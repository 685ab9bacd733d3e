/** A label to place: its anchor on screen (the label sits above it, centred) and its size, in CSS px. */
export interface LabelBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a label goes: its anchor moved (kept on screen, lifted clear of others), or collapsed to a pin. */
export interface PlacedLabel {
  x: number;
  y: number;
  collapsed: boolean;
}

const EDGE = 8;
const GAP = 4;
/** How many label heights a label may be lifted to get clear of the ones placed before it. */
const LIFTS = 2;

/**
 * Room labels over the dollhouse that neither overlap nor run off the screen: each label, in
 * the order given (the caller puts the nearer rooms first), is kept inside the screen's edges,
 * then lifted up to LIFTS label heights if it would cover one already placed; one that still
 * would is collapsed to a pin (it stays a button, named, and shows its name when focused). On
 * a phone six room names had piled into one unreadable strip.
 */
export function declutterLabels(labels: readonly LabelBox[], screenWidth: number): Map<string, PlacedLabel> {
  const placed: { left: number; top: number; right: number; bottom: number }[] = [];
  const out = new Map<string, PlacedLabel>();
  for (const l of labels) {
    const half = l.width / 2;
    const x = Math.min(Math.max(l.x, EDGE + half), Math.max(EDGE + half, screenWidth - EDGE - half));
    let done = false;
    for (let lift = 0; lift <= LIFTS && !done; lift++) {
      const y = l.y - lift * (l.height + GAP);
      const box = { left: x - half - GAP / 2, right: x + half + GAP / 2, top: y - l.height - GAP / 2, bottom: y + GAP / 2 };
      if (placed.some((p) => box.left < p.right && box.right > p.left && box.top < p.bottom && box.bottom > p.top)) continue;
      placed.push(box);
      out.set(l.id, { x, y, collapsed: false });
      done = true;
    }
    if (!done) out.set(l.id, { x: l.x, y: l.y, collapsed: true });
  }
  return out;
}
