import type { TourBoot } from '@protocol/tourBoot.ts';
import type { FirstPaint } from './FirstPaint.ts';
import { firstPaintQuads, type FirstPaintQuad } from './firstPaintQuads.ts';

/**
 * The longest the app holds back for the first paint (FirstPaint.ready): on a link so slow
 * that the images take longer, the app and its 3D code start anyway.
 */
export const READY_MAX_MS = 1500;

/** The tour's background (styles.css .tour): what shows around a preview face still loading. */
const BACKGROUND = '#1c2630';

/**
 * Puts the link's first view on the page as CSS-transformed images (firstPaintQuads), in
 * a layer fixed over the window, under the app, that ignores the pointer and screen readers. Images are asked
 * for at high priority, preview first, then tiles from the centre out; where the scene has
 * a JPEG copy a <picture> lets the browser take AVIF only if it decodes it. Null when the
 * boot names no room of the place.
 */
export function mountFirstPaint(doc: Document, boot: TourBoot, width: number, height: number, dpr: number): FirstPaint | null {
  const scene = boot.place.tour.scenes.find((s) => s.id === boot.sceneId);
  if (!scene || width <= 0 || height <= 0) return null;
  const layer = doc.createElement('div');
  layer.setAttribute('aria-hidden', 'true');
  layer.dataset.firstPaint = scene.id;
  layer.style.cssText = `position:fixed;inset:0;overflow:hidden;pointer-events:none;contain:strict;background:${BACKGROUND}`;
  const fallback = (url: string) => (scene.fallbackFormat && url.endsWith(`.${scene.tileFormat}`) ? url.slice(0, -scene.tileFormat.length) + scene.fallbackFormat : null);
  const image = (q: FirstPaintQuad): HTMLElement => {
    const img = doc.createElement('img');
    img.alt = '';
    img.decoding = 'async';
    img.setAttribute('fetchpriority', 'high');
    img.style.cssText =
      `position:absolute;left:0;top:0;width:${q.width}px;height:${q.height}px;max-width:none;transform-origin:0 0;transform:matrix3d(${q.matrix.join(',')})` +
      (q.kind === 'preview' ? `;object-fit:none;object-position:${-q.imageX}px 0` : '');
    const jpg = fallback(q.url);
    if (!jpg) {
      img.src = q.url;
      return img;
    }
    // The source goes in before the img gets a src, or the browser would start on the JPEG.
    const picture = doc.createElement('picture');
    const source = doc.createElement('source');
    source.type = `image/${scene.tileFormat}`;
    source.srcset = q.url;
    picture.append(source, img);
    img.src = jpg;
    return picture;
  };
  for (const q of firstPaintQuads(scene, boot.view, width, height, dpr)) layer.append(image(q));
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
  const painted = Promise.all([...layer.querySelectorAll('img')].map((img) => img.decode().catch(() => {}))).then(frame).then(frame);
  const ready = Promise.race([painted, new Promise<void>((resolve) => setTimeout(resolve, READY_MAX_MS))]);
  // Drawn for one window size: a resize before the viewer takes over would show it wrong.
  const remove = () => {
    view?.removeEventListener('resize', remove);
    layer.remove();
  };
  view?.addEventListener('resize', remove);
  return { placeId: boot.place.id, sceneId: scene.id, element: layer, ready, remove };
}
