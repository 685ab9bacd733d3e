/** The next free info point id of an exhibit: p1, p2 … (short, readable in a deep link `?point=p3`). */
export function newInfoPointId(taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`p${n}`)) return `p${n}`;
}
