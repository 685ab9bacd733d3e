import type { Place, View } from './tour.ts';

/** id of the `<script type="application/json">` in a tour link's HTML that carries the TourBoot. */
export const TOUR_BOOT_ID = 'vantage-tour-boot';

/**
 * What the server writes into a tour link's HTML: the place exactly as GET /api/places/:id
 * answers, and the room and view the link asks for. The page paints that view from it before
 * any JavaScript bundle has loaded, and the app starts with the place instead of fetching it.
 */
export interface TourBoot {
  place: Place;
  /** The room the link opens (its ?scene, else the tour's start room). */
  sceneId: string;
  /** The link's yaw/pitch/fov, where given (the room's initial view fills the rest). */
  view: Partial<View>;
  /**
   * The tour's 3D code, for the first paint to preload once its images are in: on a slow
   * link they would otherwise share the bandwidth with ~1 MB of script.
   */
  preload?: ChunkPreloads;
  /**
   * The app itself (its entry module and the entry's imports), taken out of the HTML for the
   * first paint to start right after it has asked for its images. In the HTML the browser's
   * preload scanner would request them first, and over HTTP/1.1's six connections per origin
   * the view's images would then wait for the app's script.
   */
  app?: AppScripts;
}

/** Root-relative URLs of the app's entry module and the modules it imports. */
export interface AppScripts {
  entry: string;
  modules: string[];
}

/** Root-relative URLs of a lazily loaded chunk's scripts and styles. */
export interface ChunkPreloads {
  modules: string[];
  styles: string[];
}

/** The first-paint script's path in the client build (client/boot builds it, the server inlines it). */
export const FIRST_PAINT_FILE = 'boot/first-paint.js';
