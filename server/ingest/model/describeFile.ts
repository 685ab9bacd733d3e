/**
 * A file name fit to quote in a one-line error: the last path segment, control characters and
 * quotes removed, clipped. Uploaded names are chosen by strangers.
 */
export function describeFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f"\u2028\u2029]/g, '').trim();
  const clipped = clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
  return `"${clipped || 'model'}"`;
}

/** A URI from inside a model, fit to quote: printable ASCII only, clipped to 60 characters. */
export function describeUri(uri: string): string {
  const clean = uri.replace(/[^\x20-\x7e]/g, '').replace(/"/g, '');
  return `"${clean.length > 60 ? `${clean.slice(0, 57)}…` : clean}"`;
}
