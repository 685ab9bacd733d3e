/**
 * Model responses asked for before the exhibit page exists. On an exhibit link the model
 * would otherwise wait for the main bundle, the page's chunk, the place's JSON and the
 * WebGL canvas in turn (~0.5–1.5 s of a first load); main.tsx starts it as soon as the place
 * is known and loadExhibitModel takes the response over, once.
 */
const early = new Map<string, Promise<Response>>();

/** Starts fetching `url` now (once), for loadExhibitModel to take. */
export function prefetchModel(url: string): void {
  if (early.has(url)) return;
  const res = fetch(url);
  // Taken or not, a failure here is the page's to report (it asks again on its own).
  res.catch(() => {});
  early.set(url, res);
}

/** The early response for `url` if one was started and not yet taken; the next load asks afresh. */
export function takeEarlyModel(url: string): Promise<Response> | undefined {
  const res = early.get(url);
  early.delete(url);
  return res;
}
