/**
 * What a model may declare before Vantage refuses it. Every limit is checked on what the file
 * *declares* (JSON counts, image headers, compressed streams' headers) before anything is
 * decoded, so a small file cannot make the server allocate gigabytes.
 */
export const MODEL_LIMITS = {
  /** The whole upload; a museum GLB is typically 5–20 MB. */
  maxFileBytes: 150 * 1024 * 1024,
  /** A GLB's JSON chunk (a .gltf with embedded data: URIs is bounded by maxFileBytes). */
  maxJsonBytes: 32 * 1024 * 1024,
  /** Sum of POSITION counts over every primitive of every mesh. */
  maxVertices: 5_000_000,
  /** Sum of triangles over every primitive. */
  maxTriangles: 10_000_000,
  /** Any single accessor's element count (indices of a 10 M triangle mesh fit). */
  maxAccessorCount: 30_000_000,
  /** Bytes the buffers declare, including meshopt's decoded fallback buffers. */
  maxBufferBytes: 512 * 1024 * 1024,
  maxTextures: 64,
  maxImages: 64,
  /** Widest or tallest texture, in pixels. */
  maxTextureSide: 8192,
  /** Level-0 pixels summed over every image (~100 megapixels). */
  maxTexturePixels: 100_000_000,
  /** Nesting of JSON arrays/objects (glTF itself needs under 10; extras get the rest). */
  maxJsonDepth: 64,
  maxNodes: 20_000,
  /** Node nesting depth (deep chains overflow recursive tools). */
  maxNodeDepth: 256,
  maxMeshes: 10_000,
  maxPrimitives: 20_000,
  maxMaterials: 2_000,
  maxAccessors: 100_000,
  maxBufferViews: 100_000,
  maxAnimations: 1_000,
  maxScenes: 64,
} as const;
