import type { ChunkPreloads } from '../protocol/index.ts';

/** The parts of Vite's build manifest (dist/client/.vite/manifest.json) we read. */
export type ViteManifest = Record<string, { file: string; imports?: string[]; css?: string[]; isEntry?: boolean }>;

/**
 * What a lazily imported chunk needs, as root-relative URLs: its JS, its static imports and
 * their CSS — leaving out what the entry already loads. Empty when the manifest does not
 * know `source` (a dev build, an old dist).
 */
export function chunkPreloads(manifest: ViteManifest, source: string): ChunkPreloads {
  const out: ChunkPreloads = { modules: [], styles: [] };
  if (!manifest[source]) return out;
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const walk = (key: string, into: Set<string>) => {
    if (into.has(key) || !manifest[key]) return;
    into.add(key);
    for (const i of manifest[key].imports ?? []) walk(i, into);
  };
  const have = new Set<string>();
  if (entry) walk(entry, have);
  const want = new Set<string>();
  walk(source, want);
  for (const key of want) {
    if (have.has(key)) continue;
    out.modules.push(`/${manifest[key].file}`);
    for (const css of manifest[key].css ?? []) out.styles.push(`/${css}`);
  }
  return out;
}

/**
 * `<link>` tags that start downloading (and compiling) a lazily imported chunk as soon as
 * the HTML arrives — for a tour link the 3D bundle is ~1 MB that would otherwise wait for
 * the main bundle to run and ask for it.
 */
export function modulePreloads(manifest: ViteManifest, source: string): string {
  const { modules, styles } = chunkPreloads(manifest, source);
  return [
    ...modules.map((href) => `<link rel="modulepreload" crossorigin href="${href}">`),
    ...styles.map((href) => `<link rel="preload" as="style" crossorigin href="${href}">`),
  ].join('');
}
