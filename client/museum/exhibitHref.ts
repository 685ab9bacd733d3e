/** An exhibit's page (pageRoutes 'exhibit'); the QR code printed beside it adds `?from=qr`. */
export function exhibitHref(placeId: string, exhibitId: string): string {
  return `/places/${encodeURIComponent(placeId)}/exhibits/${encodeURIComponent(exhibitId)}`;
}
