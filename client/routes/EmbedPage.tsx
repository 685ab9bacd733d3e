import TourPage from './TourPage.tsx';

/**
 * /embed/places/:id?scene&yaw&pitch&fov — a public tour for another site to frame (an
 * agency's listing page): the tour alone, no guided-session start. The rest of Vantage
 * refuses to be framed (frame-ancestors 'none'), so every link in the tour — back to the
 * place, book a visit — opens the site in a new tab instead of inside the frame.
 */
export default function EmbedPage({ placeId, search }: { placeId: string; search: string }) {
  return (
    <div className="embed" onClickCapture={leaveFrame}>
      <TourPage placeId={placeId} search={search} embed />
    </div>
  );
}

function leaveFrame(e: React.MouseEvent) {
  const link = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>('a[href]') : null;
  if (!link || e.button !== 0 || e.defaultPrevented) return;
  // Stops the in-app navigation too (onLinkClick skips a prevented click).
  e.preventDefault();
  window.open(link.href, '_blank', 'noopener');
}
