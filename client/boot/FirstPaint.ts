import type { DecodedImage } from '../viewer/decodeImage.ts';

/** The tour link's first paint (client/boot/bootFirstPaint.ts), for the tour page to take over and remove. */
export interface FirstPaint {
  placeId: string;
  sceneId: string;
  /** The layer of images, fixed over the whole window, under the app (the tour shows it through until WebGL is sharp). */
  element: HTMLElement;
  /**
   * Settles once every image has loaded and decoded (or failed) and a frame with them has
   * been presented — or after READY_MAX_MS at most. The app's entry runs only then (startApp),
   * and it waits for it again before it takes the network (the 3D code) and the main thread
   * (rendering the tour).
   */
  ready: Promise<void>;
  /** Its images by URL, fetched and decoded, for the viewer to upload (a URL in the format it did not take rejects). */
  bitmaps: ReadonlyMap<string, Promise<DecodedImage>>;
  /** Takes the layer off the page and stops listening; safe to call twice. */
  remove(): void;
}

declare global {
  interface Window {
    /** Set by the inline first-paint script on a tour link, taken by the tour page. */
    __vantageFirstPaint?: FirstPaint;
  }
}
