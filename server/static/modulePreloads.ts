/** The parts of Vite's build manifest (dist/client/.vite/manifest.json) we read. */
export type ViteManifest = Record<string, { file: string; imports?: string[]; css?: string[]; isEntry?: boolean }>;

/**
 * `<link>` tags that start downloading (and compiling) a lazily imported chunk, its static
 * imports and its CSS as soon as the HTML arrives — for a tour link the 3D bundle is ~1 MB
 * that would otherwise wait for the main bundle to run and ask for it. Chunks the entry
 * already preloads are left out. Empty when the manifest does not know `source`.
 */
export function modulePreloads(manifest: ViteManifest, source: string): string {
  if (!manifest[source]) return '';
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const have = new Set<string>();
  const walk = (key: string, into: Set<string>) => {
    if (into.has(key) || !manifest[key]) return;
    into.add(key);
    for (const i of manifest[key].imports ?? []) walk(i, into);
  };
  if (entry) walk(entry, have);
  const want = new Set<string>();
  walk(source, want);
  const links: string[] = [];
  for (const key of want) {
    if (have.has(key)) continue;
    links.push(`<link rel="modulepreload" crossorigin href="/${manifest[key].file}">`);
    for (const css of manifest[key].css ?? []) links.push(`<link rel="preload" as="style" crossorigin href="/${css}">`);
  }
  return links.join('');
}
