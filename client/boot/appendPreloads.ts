/**
 * Adds a `<link rel="modulepreload">` for each module (or `rel="prefetch"`: downloaded, not
 * compiled) and a `<link rel="preload" as="style">` for each stylesheet, same-origin CORS as
 * Vite's own.
 */
export function appendPreloads(doc: Document, modules: readonly string[], styles: readonly string[] = [], moduleRel: 'modulepreload' | 'prefetch' = 'modulepreload'): void {
  for (const [rel, href] of [...modules.map((h) => [moduleRel, h]), ...styles.map((h) => ['preload', h])]) {
    const link = doc.createElement('link');
    link.rel = rel;
    if (rel === 'preload') link.as = 'style';
    link.crossOrigin = '';
    link.href = href;
    doc.head.append(link);
  }
}
