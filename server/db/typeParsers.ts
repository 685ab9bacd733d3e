/**
 * Text-format parsers both engines share, keyed by type oid. pg returns int8 and numeric as
 * strings and PGlite returns int8 as a number, so both get numbers: our bigints are counts
 * and our numerics are prices, far inside a double's exact range.
 */
export const typeParsers: Record<number, (value: string) => unknown> = {
  20: Number, // int8 (count(*), sum(int))
  1700: Number, // numeric
};
