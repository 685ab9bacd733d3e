/**
 * What an exhibit's printed QR code encodes: its page on this site, marked as scanned
 * (`from=qr` tells the page — and the funnel — the visitor is standing at the exhibit).
 */
export function exhibitQrUrl(origin: string, placeId: string, exhibitId: string): string {
  return `${origin.replace(/\/+$/, '')}/places/${encodeURIComponent(placeId)}/exhibits/${encodeURIComponent(exhibitId)}?from=qr`;
}
