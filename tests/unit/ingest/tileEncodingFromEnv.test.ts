import { describe, expect, it } from 'vitest';
import { tileEncodingFromEnv } from '../../../server/ingest/tileEncodingFromEnv.ts';
import { tileRevision } from '../../../server/ingest/ingestScene.ts';

describe('tile encoding from the environment', () => {
  it('defaults to AVIF with JPEG copies', () => {
    expect(tileEncodingFromEnv({})).toEqual({ format: 'avif', fallback: 'jpg' });
  });
  it('lets an operator choose JPEG only, or the benchmark a lossless reference', () => {
    expect(tileEncodingFromEnv({ TILE_FORMAT: 'jpg', TILE_QUALITY: '90' })).toEqual({ format: 'jpg', quality: 90 });
    expect(tileEncodingFromEnv({ TILE_FORMAT: 'webp-lossless' })).toEqual({ format: 'webp', lossless: true });
  });
  it('names the variable when a value is wrong', () => {
    expect(() => tileEncodingFromEnv({ TILE_FORMAT: 'gif' })).toThrow(/TILE_FORMAT must be avif, jpg, webp or webp-lossless/);
    expect(() => tileEncodingFromEnv({ TILE_QUALITY: '0' })).toThrow(/TILE_QUALITY must be an integer 1–100/);
  });
  it('a different encoding tiles into a different revision (tiles are cached forever by URL)', () => {
    const bytes = Buffer.from('photo');
    expect(tileRevision(bytes, { format: 'jpg' })).not.toBe(tileRevision(bytes, { format: 'avif', fallback: 'jpg' }));
    expect(tileRevision(bytes, { format: 'jpg' })).toBe(tileRevision(bytes, { format: 'jpg' }));
  });
});
