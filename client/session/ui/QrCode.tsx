import { useMemo } from 'react';
import QRCode from 'qrcode';

/**
 * A QR code drawn locally as SVG (no image service): one path of dark modules, a quiet
 * zone of four modules, crisp at any size. Phones' cameras open `text` (a join link).
 */
export function QrCode({ text, label, size = 200 }: { text: string; label: string; size?: number }) {
  const { path, dim } = useMemo(() => {
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    const quiet = 4;
    let d = '';
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        if (qr.modules.data[y * n + x]) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
      }
    }
    return { path: d, dim: n + 2 * quiet };
  }, [text]);
  return (
    <svg className="qr-code" width={size} height={size} viewBox={`0 0 ${dim} ${dim}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={dim} height={dim} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
