/**
 * Where the browser finds three's glTF decoders: served by us (client/model/decodersPlugin.ts
 * copies them into the build's static/ folder, which the server serves at /static/), so a
 * compressed model never makes a request to another origin.
 */
export const DRACO_PATH = '/static/decoders/draco/';
/** The Basis Universal transcoder for KTX2 textures (its .wasm; the worker script below carries its JS). */
export const BASIS_PATH = '/static/decoders/basis/';
/**
 * The KTX2 transcoder's worker as a file (client/model/basisWorkerSource.ts): the one script
 * the server answers with a policy of its own (server/http/securityHeaders.ts).
 */
export const BASIS_WORKER_URL = '/static/decoders/basis/basis_worker.js';
