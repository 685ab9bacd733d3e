const SVG = 'http://www.w3.org/2000/svg';

/** One viewer's gaze on the floor plan. */
export interface GazeMark {
  id: string;
  name: string;
  /** Plan coordinates of their room (metres, north up). */
  x: number;
  y: number;
  /** Compass heading of their view (degrees clockwise from north). */
  heading: number;
  following: boolean;
}

/**
 * Several viewers in one room: spread around the room's point so each cone reads. `reserved`
 * points (where the map already draws someone, e.g. the host) keep the first place free.
 */
export function spreadMarks(marks: GazeMark[], radius = 0.35, reserved: { x: number; y: number }[] = []): GazeMark[] {
  const byRoom = new Map<string, GazeMark[]>();
  const key = (x: number, y: number) => `${x},${y}`;
  for (const m of marks) {
    const k = key(m.x, m.y);
    byRoom.set(k, [...(byRoom.get(k) ?? []), m]);
  }
  const taken = new Set(reserved.map((r) => key(r.x, r.y)));
  return [...byRoom.entries()].flatMap(([k, group]) => {
    const offset = taken.has(k) ? 1 : 0;
    const n = group.length + offset;
    if (n === 1) return group;
    return group.map((m, i) => {
      const a = (2 * Math.PI * (i + offset)) / n + Math.PI / 4;
      return { ...m, x: m.x + radius * Math.sin(a), y: m.y - radius * Math.cos(a) };
    });
  });
}

/**
 * Viewers' gaze cones drawn into the tour's floor-plan minimap (the host's view of where
 * everyone looks). Plain DOM: a <g> kept as the last child of the minimap's <svg>, put back
 * if the map re-renders without it; names go in as text nodes, never markup.
 */
export class GazeMinimap {
  private readonly g = document.createElementNS(SVG, 'g');

  constructor(private readonly findSvg: () => SVGSVGElement | null) {
    this.g.setAttribute('class', 'session-gaze');
    this.g.setAttribute('aria-hidden', 'true');
  }

  /** Redraws the cones; `reserved`: points already drawn on the map (this person's own position). */
  update(marks: GazeMark[], reserved: { x: number; y: number }[] = []): void {
    const svg = this.findSvg();
    if (!svg) return;
    if (this.g.parentNode !== svg || svg.lastChild !== this.g) svg.appendChild(this.g);
    const existing = new Map<string, SVGGElement>();
    for (const el of [...this.g.children] as SVGGElement[]) existing.set(el.dataset.id ?? '', el);
    for (const m of spreadMarks(marks, 0.35, reserved)) {
      let el = existing.get(m.id);
      existing.delete(m.id);
      if (!el) {
        el = document.createElementNS(SVG, 'g');
        el.dataset.id = m.id;
        const cone = document.createElementNS(SVG, 'path');
        cone.setAttribute('d', 'M0 0 L-0.5 -1.1 A1.2 1.2 0 0 1 0.5 -1.1 Z');
        cone.setAttribute('class', 'gaze-cone');
        const dot = document.createElementNS(SVG, 'circle');
        dot.setAttribute('r', '0.14');
        dot.setAttribute('class', 'gaze-dot');
        const title = document.createElementNS(SVG, 'title');
        el.append(cone, dot, title);
        this.g.appendChild(el);
      }
      el.setAttribute('transform', `translate(${m.x.toFixed(2)} ${m.y.toFixed(2)})`);
      el.setAttribute('class', m.following ? 'gaze following' : 'gaze');
      el.firstElementChild!.setAttribute('transform', `rotate(${m.heading.toFixed(1)})`);
      const title = el.lastElementChild!;
      if (title.textContent !== m.name) title.textContent = m.name;
    }
    for (const el of existing.values()) el.remove();
  }

  dispose(): void {
    this.g.remove();
  }
}
