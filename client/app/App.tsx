import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { dismissFirstPaint } from '../boot/takeFirstPaint.ts';
import { I18nContext, initialLang, saveLang } from '../i18n/useI18n.ts';
import { MESSAGES, type Lang } from '../i18n/messages.ts';
import { useLocation } from './router.ts';
import { CataloguePage } from '../routes/CataloguePage.tsx';
import { PlacePage } from '../routes/PlacePage.tsx';
import { NotFoundPage } from '../routes/NotFoundPage.tsx';
import { LoadingBlock } from './LoadingBlock.tsx';
import { matchPageRoute, tourPlaceId } from '@protocol/pageRoutes.ts';
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
// A museum exhibit's 3D viewer: its own chunk (R3F, drei, the glTF decoders' loaders).
const ExhibitPage = lazy(() => import('../routes/ExhibitPage.tsx'));
// A museum's map guide: plain SVG, no 3D.
const MuseumMapPage = lazy(() => import('../routes/MuseumMapPage.tsx'));

export function App() {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    document.documentElement.lang = l;
    return l;
  });
  const i18n = useMemo(() => ({ lang, t: MESSAGES[lang], setLang: (l: Lang) => (saveLang(l), setLangState(l)) }), [lang]);
  const { path, search } = useLocation();
  // The same page table the server answers statuses from (server/protocol/pageRoutes.ts).
  const route = matchPageRoute(path);
  // A link's first paint (a tour's or a session's room) belongs to the pages that take it over; any other page removes it.
  const paintPage = route?.page === 'tour' || route?.page === 'session' || route?.page === 'join' || route?.page === 'sessionHost';
  useEffect(() => {
    if (!paintPage) dismissFirstPaint();
  }, [paintPage]);
  let page: React.ReactNode;
  switch (route?.page) {
    case 'catalogue':
      page = <CataloguePage />;
      break;
    case 'tour':
      page = <TourPage placeId={route.placeId} search={search} />;
      break;
    case 'book':
      page = <BookingPage placeId={route.placeId} search={search} />;
      break;
    case 'place':
      page = <PlacePage placeId={route.placeId} />;
      break;
    case 'map':
      page = <MuseumMapPage placeId={route.placeId} search={search} />;
      break;
    case 'exhibit':
      page = <ExhibitPage key={`${route.placeId}/${route.exhibitId}`} placeId={route.placeId} exhibitId={route.exhibitId} search={search} />;
      break;
    case 'embed':
      page = <EmbedPage placeId={route.placeId} search={search} />;
      break;
    case 'ticket':
      page = <TicketPage key={route.code} code={route.code} />;
      break;
    case 'manage':
      page = <TicketPage key={route.token} token={route.token} />;
      break;
    case 'host':
      page = <HostPage path={path} search={search} />;
      break;
    case 'join':
      page = route.code ? <JoinPage key={route.code} code={route.code} /> : <JoinPage />;
      break;
    case 'session':
      page = <SessionPage key={route.code} role="viewer" code={route.code} />;
      break;
    case 'sessionHost':
      page = <SessionPage key={route.sessionId} role="host" sessionId={route.sessionId} search={search} />;
      break;
    default:
      page = <NotFoundPage />;
  }
  return (
    <I18nContext.Provider value={i18n}>
      {/* A tour link's first paint (client/boot) is its loading state: no spinner over the room. */}
      <Suspense fallback={window.__vantageFirstPaint ? null : <LoadingBlock />}>{page}</Suspense>
    </I18nContext.Provider>
  );
}
