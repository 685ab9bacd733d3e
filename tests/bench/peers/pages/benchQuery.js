// Shared by the peer pages: the view and rooms come from the query string, so the harness addresses every viewer alike.
// ?set=<tile set>&rooms=a,b&room=a&yaw=<deg>&pitch=<deg>&hfov=<deg> — Vantage conventions: yaw right, pitch up, horizontal FOV.
export function benchQuery() {
  const q = new URLSearchParams(location.search);
  const rooms = (q.get('rooms') ?? '').split(',').filter(Boolean);
  const room = q.get('room') ?? rooms[0];
  const view = { yaw: Number(q.get('yaw') ?? 0), pitch: Number(q.get('pitch') ?? 0), hfov: Number(q.get('hfov') ?? 90) };
  return { viewer: q.get('viewer'), set: q.get('set'), rooms, room, view, base: (viewer, r) => `/peers/tiles/${viewer}/${q.get('set')}/${r}` };
}
/** Vertical FOV (deg) of a horizontal FOV at this window's aspect — for viewers whose fov is vertical. */
export function verticalFov(hfov) {
  return (2 * Math.atan(Math.tan((hfov * Math.PI) / 360) / (innerWidth / innerHeight)) * 180) / Math.PI;
}
export async function loadConfigs(viewer, q) {
  const entries = await Promise.all(q.rooms.map(async (r) => [r, await (await fetch(`${q.base(viewer, r)}/config.json`)).json()]));
  return Object.fromEntries(entries);
}
