/** A point of any dimension: [x, y] on the plan, [x, y, z] in the dollhouse (metres). */
export type MeasurePoint = readonly number[];

/**
 * Two-click measuring: the first click starts a tape, the second ends it, a third starts a
 * new one. Immutable, so React state can hold it as it is.
 */
export class MeasureTape<P extends MeasurePoint = MeasurePoint> {
  constructor(readonly points: readonly P[] = []) {}

  /** The tape after one more click. */
  add(p: P): MeasureTape<P> {
    return new MeasureTape(this.points.length >= 2 ? [p] : [...this.points, p]);
  }

  get complete(): boolean {
    return this.points.length === 2;
  }

  /** Straight-line distance between the two ends in metres, or null while there are fewer. */
  get distance(): number | null {
    if (this.points.length < 2) return null;
    return measureDistance(this.points[0], this.points[1]);
  }

  /** The middle of the tape, where its label goes. */
  get midpoint(): P | null {
    if (this.points.length < 2) return null;
    const [a, b] = this.points;
    return a.map((v, i) => (v + b[i]) / 2) as unknown as P;
  }
}

/** Euclidean distance between two points of the same dimension. */
export function measureDistance(a: MeasurePoint, b: MeasurePoint): number {
  if (a.length !== b.length) throw new Error(`Vantage: cannot measure between a ${a.length}-D and a ${b.length}-D point`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

/** "3.27 m" / "3.27 米": centimetres, which is what a tape measure in a flat gives too. */
export function formatMetres(metres: number, lang: string): string {
  const n = (Math.round(metres * 100) / 100).toFixed(2);
  return lang === 'zh-CN' ? `${n} 米` : `${n} m`;
}
