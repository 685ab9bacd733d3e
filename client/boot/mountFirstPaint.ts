import type { TourBoot } from '@protocol/tourBoot.ts';
import { decodeImage, type DecodedImage } from '../viewer/decodeImage.ts';
import type { FirstPaint } from './FirstPaint.ts';
import { firstPaintQuads } from './firstPaintQuads.ts';
import { facingAWayOn } from '../viewer/facingAWayOn.ts';
import { initialLang } from '../i18n/lang.ts';
import { placeText, type LocalText } from '../i18n/placeText.ts';

/**
 * The longest the app holds back for the first paint (FirstPaint.ready): on a link so slow
 * that the images take longer, the app and its 3D code start anyway.
 */
export const READY_MAX_MS = 1500;

/**
 * How long the first paint holds tiles that have decoded while others of its view are still
 * on their way (see the gate in mountFirstPaint): long enough for a fast link's whole view to
 * come in together, short enough that a slow link still shows each tile as it arrives.
 */
export const BATCH_MS = 200;

/** The tour's background (styles.css .tour): what shows around a preview face still loading. */
const BACKGROUND = '#1c2630';

/**
 * Puts the link's first view on the page: the preview's visible faces and the first tiles
 * (firstPaintQuads), each shown in a canvas the size of its image and placed by its CSS
 * matrix3d, in a layer fixed over the window, under the app, that ignores the pointer and
 * screen readers. The images are fetched at high priority, preview first, then tiles from
 * the centre out, and decoded with createImageBitmap — on the browser's decoding threads, in
 * parallel, where an <img> would be decoded one at a time by the rasteriser — and the
 * decoded bitmaps are kept (`bitmaps`) for the WebGL viewer to upload: nothing is fetched
 * or decoded twice. AVIF where the scene has it, its JPEG copy if this browser cannot
 * decode AVIF. Null when the boot names no room of the place.
 */
export function mountFirstPaint(doc: Document, boot: TourBoot, width: number, height: number, dpr: number): FirstPaint | null {
  const scene = boot.place.tour.scenes.find((s) => s.id === boot.sceneId);
  if (!scene || width <= 0 || height <= 0) return null;
  const layer = doc.createElement('div');
  layer.setAttribute('aria-hidden', 'true');
  layer.dataset.firstPaint = scene.id;
  layer.style.cssText = `position:fixed;inset:0;overflow:hidden;pointer-events:none;contain:strict;background:${BACKGROUND}`;
  const fallback = (url: string) => (scene.fallbackFormat && url.endsWith(`.${scene.tileFormat}`) ? url.slice(0, -scene.tileFormat.length) + scene.fallbackFormat : null);
  const bitmaps = new Map<string, Promise<DecodedImage>>();
  const fetched = new Map<string, Promise<{ url: string; decoded: DecodedImage }>>();
  const load = (url: string) => {
    let p = fetched.get(url);
    if (!p) {
      const jpg = fallback(url);
      const init: RequestInit = { priority: 'high' } as RequestInit;
      p = decodeImage(url, init).then(
        (decoded) => ({ url, decoded }),
        (e: unknown) => (jpg ? decodeImage(jpg, init).then((decoded) => ({ url: jpg, decoded })) : Promise.reject(e)),
      );
      fetched.set(url, p);
      // Kept under both names: the viewer asks for whichever format it decided on.
      for (const name of jpg ? [url, jpg] : [url]) {
        const mine = p.then((r) => (r.url === name ? r.decoded : Promise.reject(new Error('Vantage: the first paint took the other format'))));
        mine.catch(() => {}); // the viewer fetches it itself then
        bitmaps.set(name, mine);
      }
    }
    return p;
  };
  // The place's name in the reader's language, as the tour will show it (marked when it falls back).
  const progress = titleCard(doc, placeText(initialLang(), boot.place, 'title'));
  const drawn: Promise<unknown>[] = [];
  const previews: HTMLCanvasElement[] = [];
  const tiles: Promise<unknown>[] = [];
  // No yaw in the link: the room's view, turned towards a way on if none is in sight (as the tour does).
  const firstView = boot.view.yaw === undefined ? facingAWayOn(scene, { ...scene.initialView, ...boot.view }, width / height) : boot.view;
  const quads = firstPaintQuads(scene, firstView, width, height, dpr);
  // Every decoded tile goes on screen in one frame (or, on a link so slow that some are
  // still missing BATCH_MS after the first had decoded, the rest as they come): each frame that
  // changes the layer is a full composite of its perspective quads, and where compositing is
  // in software that work competed with the decoding of the tiles still to come.
  const loads = quads.map((q) => load(q.url)); // in the quads' order: preview first, then tiles from the centre out
  let arrived = 0;
  for (const l of loads) void l.finally(() => progress.set(++arrived / loads.length)).catch(() => {});
  // Each image is made ready to show (its copy cut) before the gate counts it, and the gate
  // opens in one task: every tile ready by then is put on in that task, so in one frame. Had
  // each tile cut its copy after the gate, the copies would resolve one by one, over frames.
  const canvases = quads.map((q) => {
    const canvas = doc.createElement('canvas');
    canvas.width = q.width;
    canvas.height = q.height;
    canvas.style.cssText = `position:absolute;left:0;top:0;width:${q.width}px;height:${q.height}px;transform-origin:0 0;transform:matrix3d(${q.matrix.join(',')})`;
    layer.append(canvas);
    return canvas;
  });
  // Over the images (a later sibling, its own layer).
  layer.append(progress.card);
  const prepared = quads.map((q, i) => loads[i].then(({ decoded: { image } }) => prepare(canvases[i], image, q.imageX, q.width, q.height)));
  const tilesPrepared = prepared.filter((_, i) => quads[i].kind === 'tile');
  const firstTile = Promise.any(tilesPrepared);
  const gate = Promise.race([Promise.allSettled(tilesPrepared), firstTile.then(() => new Promise((r) => setTimeout(r, BATCH_MS)), () => {})]);
  quads.forEach((q, i) => {
    const canvas = canvases[i];
    const shown = q.kind === 'tile' ? prepared[i].then((commit) => gate.then(commit)) : prepared[i].then((commit) => commit());
    drawn.push(shown);
    if (q.kind === 'preview') previews.push(canvas);
    else tiles.push(shown);
  });
  // The first view's tiles cover the whole window: once every one is on, the preview under
  // them is never seen, and the compositor (software here) need not fill it again each frame
  // until WebGL takes over. Hidden in the task that shows the last tile, so no frame lacks both.
  // (No tiles would mean nothing covers the window: the preview stays.)
  if (tiles.length)
    void Promise.all(tiles).then(
      () => {
        previews.forEach((c) => (c.style.visibility = 'hidden'));
        // The room is there: the name and the bar have done their work (hidden in the same task, so no frame has them over the sharp view).
        progress.card.style.visibility = 'hidden';
      },
      () => {}, // a tile failed: its preview stays under it
    );
  // First in <body>, before the app's root: the tour page paints over it, transparent where
  // the canvas will be. The script runs in <head>, so the images are already downloading
  // (ahead of the app's scripts) while the parser gets to <body>.
  const attach = () => !!doc.body && (doc.body.prepend(layer), true);
  if (!attach()) {
    const watch = new MutationObserver(() => attach() && watch.disconnect());
    watch.observe(doc.documentElement, { childList: true });
  }
  const view = doc.defaultView;
  const frame = () => new Promise<void>((resolve) => (view ? view.requestAnimationFrame(() => resolve()) : resolve()));
  const painted = Promise.allSettled(drawn).then(frame).then(frame);
  const ready = Promise.race([painted, new Promise<void>((resolve) => setTimeout(resolve, READY_MAX_MS))]);
  // Drawn for one window size: a resize before the viewer takes over would show it wrong. The
  // resize that applied a phone's viewport meta (980 → its width) is reported after this runs,
  // though the paint was made for the new size: that one keeps it.
  const onResize = () => {
    if (view && view.innerWidth === width && view.innerHeight === height) return;
    remove();
  };
  const remove = () => {
    view?.removeEventListener('resize', onResize);
    layer.remove();
    // The canvases own their copies of the bitmaps: let them go now, not when the layer is collected.
    for (const canvas of layer.querySelectorAll('canvas')) canvas.width = canvas.height = 0;
  };
  view?.addEventListener('resize', onResize);
  return { placeId: boot.place.id, sceneId: scene.id, element: layer, ready, bitmaps, remove };
}

/**
 * The place's name and a progress bar over the paint while its images come in: on a slow link
 * the page is never blank and never silent about what it is loading (no words: the bar speaks
 * every language, the name is the place's own). Text through textContent, never as HTML.
 */
function titleCard(doc: Document, title: LocalText): { card: HTMLElement; set(fraction: number): void } {
  const card = doc.createElement('div');
  card.dataset.firstPaintCard = '';
  card.style.cssText =
    'position:absolute;z-index:1;left:50%;bottom:max(14vh,6rem);transform:translateX(-50%);box-sizing:border-box;width:max-content;max-width:min(88vw,30rem);' +
    'padding:.8rem 1.1rem .9rem;border-radius:14px;background:rgba(12,18,24,.72);color:#fff;text-align:center;font:600 1.05rem/1.35 system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC",sans-serif';
  const name = doc.createElement('div');
  name.textContent = title.text;
  if (title.lang) name.lang = title.lang;
  name.style.cssText = 'overflow:hidden;text-overflow:ellipsis;white-space:nowrap';
  const track = doc.createElement('div');
  track.style.cssText = 'margin-top:.6rem;height:4px;min-width:10rem;border-radius:2px;background:rgba(255,255,255,.25);overflow:hidden';
  const fill = doc.createElement('div');
  fill.dataset.firstPaintProgress = '0';
  // Never empty: the bar moves at once, so the page is seen to be working before the first byte.
  fill.style.cssText = 'height:100%;width:8%;background:#e0a24c;transition:width .25s ease-out';
  track.append(fill);
  card.append(name, track);
  return {
    card,
    set(fraction) {
      const f = Math.max(0, Math.min(1, fraction));
      fill.dataset.firstPaintProgress = f.toFixed(2);
      fill.style.width = `${Math.round(8 + f * 92)}%`;
    },
  };
}

/**
 * Cuts `width`×`height` of `image` from x = `imageX` for `canvas` and answers the step that
 * puts it on, synchronously. A copy of the bitmap is handed to a 'bitmaprenderer' context,
 * which shows it as it is; the original stays for the viewer. A 2D canvas would be drawn into
 * and then copied again into a new resource at each commit, main-thread frame work that
 * competes with the decoding of the tiles still to come.
 */
async function prepare(canvas: HTMLCanvasElement, image: ImageBitmap, imageX: number, width: number, height: number): Promise<() => void> {
  const copy = await createImageBitmap(image, imageX, 0, width, height).catch(() => null);
  return () => {
    // The copy first: once a canvas has a 'bitmaprenderer' context it can have no other.
    const renderer = copy && canvas.getContext('bitmaprenderer');
    if (renderer) renderer.transferFromImageBitmap(copy);
    else {
      copy?.close();
      canvas.getContext('2d')?.drawImage(image, imageX, 0, width, height, 0, 0, width, height);
    }
  };
}
