import { placeSchema, TOUR_BOOT_ID, type Place } from '@protocol';

let read = false;
let boot: Place | null = null;

/** The place the tour link's HTML came with (server/static/tourBootHtml.ts), checked like an API answer. */
function inlinePlace(): Place | null {
  if (read) return boot;
  read = true;
  const text = document.getElementById(TOUR_BOOT_ID)?.textContent;
  if (!text) return null;
  try {
    const parsed = placeSchema.safeParse((JSON.parse(text) as { place?: unknown }).place);
    boot = parsed.success ? parsed.data : null;
  } catch {
    boot = null; // not JSON: the page asks the API instead
  }
  return boot;
}

/** The inline place if it is `id`, without using it up (the early prefetch looks before the page renders). */
export function peekBootPlace(id: string): Place | null {
  const p = inlinePlace();
  return p?.id === id ? p : null;
}

/**
 * The inline place if it is `id`, once: it is what the server knew when the page loaded, so
 * a later visit to the tour inside the app (after the host may have edited it) asks the API.
 */
export function takeBootPlace(id: string): Place | null {
  const p = peekBootPlace(id);
  if (p) boot = null;
  return p;
}
