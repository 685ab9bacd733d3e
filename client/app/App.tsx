import { lazy, Suspense, useMemo, useState } from 'react';
import { I18nContext, initialLang, saveLang } from '../i18n/useI18n.ts';
import { MESSAGES, type Lang } from '../i18n/messages.ts';
import { useLocation } from './router.ts';
import { CataloguePage } from '../routes/CataloguePage.tsx';
import { PlacePage } from '../routes/PlacePage.tsx';
import { NotFoundPage } from '../routes/NotFoundPage.tsx';
import { LoadingBlock } from './LoadingBlock.tsx';
import { tourPlaceId } from './prefetchTour.ts';
import { importSessionPage } from './prefetchSession.ts';

// The 3D bundle (three, R3F, XR) loads only when someone enters a tour; on a tour link it
// starts loading at once, not after the first render has asked for it.
const importTourPage = () => import('../routes/TourPage.tsx');
// With a first paint on screen (client/boot), after its images: they share a slow link otherwise.
const tourPageEarly = tourPlaceId(location.pathname) ? (window.__vantageFirstPaint?.ready.then(importTourPage) ?? importTourPage()) : undefined;
const TourPage = lazy(() => tourPageEarly ?? importTourPage());
// The host console is for agents only; visitors never download it.
const HostPage = lazy(() => import('../routes/HostPage.tsx'));
// Guided sessions: the join form is light; the session page carries the tour bundle.
const JoinPage = lazy(() => import('../routes/JoinPage.tsx'));
const SessionPage = lazy(importSessionPage);
// Booking a visit, the ticket and its manage link.
const BookingPage = lazy(() => import('../routes/BookingPage.tsx'));
const TicketPage = lazy(() => import('../routes/TicketPage.tsx'));
// A public tour framed by another site (the only page that may be framed).
const EmbedPage = lazy(() => import('../routes/EmbedPage.tsx'));

export function App() {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    document.documentElement.lang = l;
    return l;
  });
  const i18n = useMemo(() => ({ lang, t: MESSAGES[lang], setLang: (l: Lang) => (saveLang(l), setLangState(l)) }), [lang]);
  const { path, search } = useLocation();
  let page: React.ReactNode;
  let m: RegExpExecArray | null;
  if (path === '/' || path === '/places' || path === '/places/') page = <CataloguePage />;
  else if ((m = /^\/places\/([^/]+)\/tour\/?$/.exec(path))) page = <TourPage placeId={decodeURIComponent(m[1])} search={search} />;
  else if ((m = /^\/places\/([^/]+)\/book\/?$/.exec(path))) page = <BookingPage placeId={decodeURIComponent(m[1])} search={search} />;
  else if ((m = /^\/places\/([^/]+)\/?$/.exec(path))) page = <PlacePage placeId={decodeURIComponent(m[1])} />;
  else if ((m = /^\/embed\/places\/([^/]+)\/?$/.exec(path))) page = <EmbedPage placeId={decodeURIComponent(m[1])} search={search} />;
  else if ((m = /^\/book\/ticket\/([A-Za-z0-9-]{1,40})\/?$/.exec(path))) page = <TicketPage key={m[1]} code={m[1]} />;
  else if ((m = /^\/book\/manage\/([A-Za-z0-9_-]{1,200})\/?$/.exec(path))) page = <TicketPage key={m[1]} token={m[1]} />;
  else if (path === '/host' || path.startsWith('/host/')) page = <HostPage path={path} search={search} />;
  else if (path === '/join' || path === '/join/') page = <JoinPage />;
  else if ((m = /^\/join\/([A-Za-z0-9-]{1,40})\/?$/.exec(path))) page = <JoinPage key={m[1]} code={m[1]} />;
  else if ((m = /^\/s\/([A-Za-z0-9-]{1,40})\/?$/.exec(path))) page = <SessionPage key={m[1]} role="viewer" code={m[1]} />;
  else if ((m = /^\/sessions\/([A-Za-z0-9_-]{1,64})\/host\/?$/.exec(path))) page = <SessionPage key={m[1]} role="host" sessionId={m[1]} search={search} />;
  else page = <NotFoundPage />;
  return (
    <I18nContext.Provider value={i18n}>
      {/* A tour link's first paint (client/boot) is its loading state: no spinner over the room. */}
      <Suspense fallback={window.__vantageFirstPaint ? null : <LoadingBlock />}>{page}</Suspense>
    </I18nContext.Provider>
  );
}
