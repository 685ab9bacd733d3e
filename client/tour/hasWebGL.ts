/** Whether this browser can draw the panorama at all (WebGL 2, or 1 as a fallback). */
export function hasWebGL(): boolean {
  if (new URLSearchParams(location.search).get('webgl') === 'off') return false; // lets us show and test the fallback page
  try {
    const c = document.createElement('canvas');
    return !!(c.getContext('webgl2') ?? c.getContext('webgl'));
  } catch {
    return false;
  }
}
