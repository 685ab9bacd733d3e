/**
 * Tile geometry constants, apart from the zod schemas so the tour page's first-paint
 * script (client/boot) can import them without bundling zod.
 */

/** Pixels of image content per tile edge; every tile image also carries a 1 px border. */
export const TILE_SIZE = 512;
/**
 * Each tile image is its content plus a 1 px border sampled from the sphere beyond the
 * tile's edge, so bilinear filtering never meets a clamped edge: no seams between tiles
 * or faces. The viewer insets its texture coordinates by this much.
 */
export const TILE_BORDER = 1;
