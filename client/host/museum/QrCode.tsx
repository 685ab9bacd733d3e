import { useMemo } from 'react';
import { qrPath } from './qrPath.ts';

/** A QR code drawn as crisp SVG (prints sharp at any size); its label names what it opens. */
export function QrCode({ text, label, size = 192 }: { text: string; label: string; size?: number }) {
  const { size: n, d } = useMemo(() => qrPath(text), [text]);
  return (
    <svg className="host-qr" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${n} ${n}`} shapeRendering="crispEdges" data-qr-text={text}>
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
