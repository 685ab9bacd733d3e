/** Adds `<link rel="modulepreload">` for each module and `<link rel="preload" as="style">` for each stylesheet, same-origin CORS as Vite's own. */
export function appendPreloads(doc: Document, modules: readonly string[], styles: readonly string[] = []): void {
  for (const [rel, href] of [...modules.map((h) => ['modulepreload', h]), ...styles.map((h) => ['preload', h])]) {
    const link = doc.createElement('link');
    link.rel = rel;
    if (rel === 'preload') link.as = 'style';
    link.crossOrigin = '';
    link.href = href;
    doc.head.append(link);
  }
}
