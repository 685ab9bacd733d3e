/**
 * Where the browser finds three's glTF decoders: served by us (client/model/decodersPlugin.ts
 * copies them into the build's static/ folder, which the server serves at /static/), so a
 * compressed model never makes a request to another origin.
 */
export const DRACO_PATH = '/static/decoders/draco/';
/** The Basis Universal transcoder for KTX2 textures. */
export const BASIS_PATH = '/static/decoders/basis/';
