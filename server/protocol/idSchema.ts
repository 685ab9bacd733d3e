import { z } from 'zod';

/** C0 controls, DEL, and lone UTF-16 surrogates: no id has them, and NUL cannot be stored in Postgres. */
const NOT_IN_ID = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether `s` has a character no id, code or query value has (a control or a lone surrogate). */
export const hasUntypeableChar = (s: string) => NOT_IN_ID.test(s);

/**
 * An id or code a client sends back (a place, slot, scene or session id, a ticket code): not
 * empty, at most `max` characters, nothing a person cannot type. Unlike free text it is never
 * trimmed or normalised: it must match what the server handed out.
 */
export function idSchema(what: string, max = 100, min = 1) {
  return z
    .string({ error: `enter the ${what}` })
    .min(min, `enter the ${what}`)
    .max(max, `not a valid ${what}`)
    .refine((v) => !NOT_IN_ID.test(v), `not a valid ${what}`);
}
