/**
 * The Basis (KTX2) transcoder worker as one script, made exactly as three's KTX2Loader makes
 * its blob worker (its constants, basis_transcoder.js, then its BasisWorker body). Served
 * from our origin as a file instead of a blob: the transcoder's embind glue builds functions
 * from strings, which the page's policy forbids, and a worker loaded from a URL runs under
 * the policy its own response carries (server/http/securityHeaders.ts gives it eval and
 * WebAssembly, and no network). Runs in Node at build time (client/model/decodersPlugin.ts).
 */
export async function basisWorkerSource(transcoderJs: string): Promise<string> {
  const { KTX2Loader } = (await import('three/examples/jsm/loaders/KTX2Loader.js')) as unknown as { KTX2Loader: Record<string, unknown> & { BasisWorker: () => void } };
  const fn = KTX2Loader.BasisWorker.toString();
  return [
    '/* constants */',
    'let _EngineFormat = ' + JSON.stringify(KTX2Loader.EngineFormat),
    'let _EngineType = ' + JSON.stringify(KTX2Loader.EngineType),
    'let _TranscoderFormat = ' + JSON.stringify(KTX2Loader.TranscoderFormat),
    'let _BasisFormat = ' + JSON.stringify(KTX2Loader.BasisFormat),
    '/* basis_transcoder.js */',
    transcoderJs,
    '/* worker */',
    fn.substring(fn.indexOf('{') + 1, fn.lastIndexOf('}')),
  ].join('\n');
}
