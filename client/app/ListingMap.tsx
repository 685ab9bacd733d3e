import { placeCoordinates, type ListingFacts } from '@protocol';
import { useI18n } from '../i18n/useI18n.ts';
import { listingMessages } from '../i18n/listingMessages.ts';
import { mapTileGrid } from './mapTileGrid.ts';

/** Street level: a few blocks around the building, enough to see the neighbourhood. */
const ZOOM = 15;

/**
 * Where the place is: the server's map tiles (MAP_TILE_URL) around it with a pin, or without a
 * tile source our own drawn map — streets, a park and a pin with the district's name, no
 * request to anyone. Nothing at all for a place without coordinates.
 */
export function ListingMap({ place }: { place: { lat: number; lng: number; city: string; facts?: ListingFacts; mapTileUrl?: string } }) {
  const { lang } = useI18n();
  const m = listingMessages(lang);
  const at = placeCoordinates(place);
  if (!at) return null;
  const where = [place.facts?.district, place.city].filter(Boolean).join(', ');
  const label = m.mapLabel(where || place.city);
  return (
    <>
    <figure className={`listing-map${place.mapTileUrl ? ' tiled' : ' drawn'}`} role="img" aria-label={label} data-testid="listing-map">
      {place.mapTileUrl ? (
        <div className="map-tiles" aria-hidden="true">
          {mapTileGrid(place.mapTileUrl, at.lat, at.lng, ZOOM).map((t) => (
            <img key={t.url} src={t.url} alt="" width={256} height={256} loading="lazy" decoding="async" draggable={false} style={{ left: `calc(50% + ${t.dx}px)`, top: `calc(50% + ${t.dy}px)` }} />
          ))}
        </div>
      ) : (
        <DrawnStreets seed={Math.abs(Math.round(at.lat * 1000) ^ Math.round(at.lng * 1000))} />
      )}
      <svg className="map-pin" viewBox="0 0 32 44" width={32} height={44} aria-hidden="true">
        <path d="M16 43C16 43 2 26.5 2 16a14 14 0 0 1 28 0c0 10.5-14 27-14 27z" fill="#d2452f" stroke="#fff" strokeWidth={2} />
        <circle cx={16} cy={16} r={5.5} fill="#fff" />
      </svg>
      {where && <figcaption className="map-where">{where}</figcaption>}
    </figure>
    {!place.mapTileUrl && <p className="map-note">{m.mapDrawn}</p>}
    </>
  );
}

/** A neighbourhood drawn from a seed (the same place always looks the same): blocks, streets, a park, water. */
function DrawnStreets({ seed }: { seed: number }) {
  const r = (k: number, span: number) => ((seed * 9301 + k * 49297) % 233280) / 233280 * span;
  const vx = [40 + r(1, 30), 130 + r(2, 30), 250 + r(3, 30), 340 + r(4, 30)];
  const hy = [35 + r(5, 20), 150 + r(6, 25)];
  return (
    <svg className="map-drawn" viewBox="0 0 400 220" preserveAspectRatio="xMidYMid slice" aria-hidden="true">
      <rect width={400} height={220} fill="#ece6da" />
      <path d={`M0 ${185 + r(7, 15)} C 120 ${165 + r(8, 20)}, 260 ${215 - r(9, 15)}, 400 ${180 + r(10, 20)} L400 220 L0 220 Z`} fill="#b9d3e4" />
      <rect x={vx[2] + 8} y={hy[0] + 8} width={vx[3] - vx[2] - 16} height={hy[1] - hy[0] - 16} rx={6} fill="#cfe0bf" />
      {vx.map((x, i) => (
        <line key={`v${i}`} x1={x} y1={0} x2={x + r(11 + i, 24) - 12} y2={220} stroke="#fff" strokeWidth={i === 1 ? 9 : 5} />
      ))}
      {hy.map((y, i) => (
        <line key={`h${i}`} x1={0} y1={y} x2={400} y2={y + r(15 + i, 16) - 8} stroke="#fff" strokeWidth={i === 0 ? 5 : 9} />
      ))}
      <line x1={0} y1={220} x2={400} y2={0} stroke="#f6d68a" strokeWidth={7} opacity={0.9} />
    </svg>
  );
}
