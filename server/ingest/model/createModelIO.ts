import { Logger, NodeIO, Verbosity } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import draco3d from 'draco3dgltf';
import { MeshoptDecoder, MeshoptEncoder } from 'meshoptimizer';

let shared: Promise<NodeIO> | undefined;

/**
 * The glTF toolkit's reader/writer with every extension and the Draco and meshopt codecs
 * registered. The codecs are WebAssembly modules compiled once per process, so the IO is shared.
 * It is only ever given bytes and resource maps (readBinary/readJSON/writeBinary), never paths.
 */
export function createModelIO(): Promise<NodeIO> {
  shared ??= (async () => {
    await Promise.all([MeshoptDecoder.ready, MeshoptEncoder.ready]);
    // Only Draco's decoder: outputs are meshopt, and the Draco extension is dropped before writing.
    const decoder = await draco3d.createDecoderModule();
    return new NodeIO()
      // The toolkit narrates every step on stdout; only its errors matter to a server.
      .setLogger(new Logger(Verbosity.ERROR))
      .registerExtensions(ALL_EXTENSIONS)
      .registerDependencies({ 'draco3d.decoder': decoder, 'meshopt.decoder': MeshoptDecoder, 'meshopt.encoder': MeshoptEncoder });
  })();
  return shared;
}
