/** A lone UTF-16 surrogate (high without low, or low without high), or NUL. */
const UNSTORABLE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\u0000/g;

/**
 * `value` (plain JSON data) with every string made storable: a lone surrogate or NUL becomes
 * U+FFFD. Postgres refuses both inside jsonb ("invalid input syntax for type json"), so one such
 * string would fail every later save of the value that carries it. Returns the same object when
 * nothing needed repair, and the paths of what was repaired (for one log line).
 */
export function repairUnstorableText<T>(value: T): { value: T; repaired: string[] } {
  const repaired: string[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      UNSTORABLE.lastIndex = 0;
      if (!UNSTORABLE.test(v)) return v;
      repaired.push(path);
      return v.replace(UNSTORABLE, '\ufffd');
    }
    if (Array.isArray(v)) {
      let out: unknown[] | null = null;
      for (let i = 0; i < v.length; i++) {
        const x = walk(v[i], `${path}[${i}]`);
        if (x !== v[i]) (out ??= [...v])[i] = x;
      }
      return out ?? v;
    }
    if (v !== null && typeof v === 'object') {
      let out: Record<string, unknown> | null = null;
      for (const [k, x] of Object.entries(v)) {
        const y = walk(x, path ? `${path}.${k}` : k);
        const key = walk(k, `${path}{key}`) as string;
        if (y !== x || key !== k) {
          out ??= { ...(v as Record<string, unknown>) };
          if (key !== k) delete out[k];
          out[key] = y;
        }
      }
      return out ?? v;
    }
    return v;
  };
  return { value: walk(value, '') as T, repaired };
}
