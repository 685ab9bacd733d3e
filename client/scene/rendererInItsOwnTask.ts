import { WebGLRenderer, type WebGLRendererParameters } from 'three';

/**
 * An R3F `gl` factory that creates the WebGL renderer in a task of its own and hands it over
 * in the next, where R3F then mounts the scene. Creating the context (and three.js's
 * capability queries, each a round trip to the GPU process) and mounting the scene in one
 * task made a long frame for a pan begun as soon as the app was up; split, neither part does.
 */
export function rendererInItsOwnTask(params: WebGLRendererParameters): (defaults: WebGLRendererParameters) => Promise<WebGLRenderer> {
  return (defaults) =>
    new Promise((resolve, reject) =>
      setTimeout(() => {
        try {
          const renderer = new WebGLRenderer({ ...defaults, ...params });
          setTimeout(() => resolve(renderer));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      }),
    );
}
