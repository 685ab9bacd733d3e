const KEY = 'vantage.visitor';

/** A random id this browser keeps, so the funnel counts unique visitors; never a person. */
export function visitorId(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = typeof localStorage !== 'undefined' ? localStorage : undefined): string | undefined {
  try {
    let id = storage?.getItem(KEY);
    if (!id) {
      id = crypto.randomUUID();
      storage?.setItem(KEY, id);
    }
    return id;
  } catch {
    return undefined; // storage disabled: events stay anonymous without an id
  }
}
