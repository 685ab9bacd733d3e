import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { LoginResult } from '@protocol';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { HostApi } from '../host/HostApi.ts';
import { HostContext } from '../host/HostContext.ts';
import { HostErrorBoundary } from '../host/HostErrorBoundary.tsx';
import { HostShell } from '../host/HostShell.tsx';
import { clearSession, loadSession, saveSession, SESSION_KEY } from '../host/hostSession.ts';
import { parseHostRoute } from '../host/parseHostRoute.ts';
import { SignInForm } from '../host/SignInForm.tsx';
import { PlacesPage } from '../host/PlacesPage.tsx';
import { NewPlacePage } from '../host/NewPlacePage.tsx';
import { PlaceEditorPage } from '../host/PlaceEditorPage.tsx';
import { FloorPlanPage } from '../host/FloorPlanPage.tsx';
import { HostNotFound } from '../host/HostNotFound.tsx';
import { HostBookingPage } from '../host/booking/HostBookingPage.tsx';
import { InvitePage } from '../host/InvitePage.tsx';
import { TeamPage } from '../host/TeamPage.tsx';
import { ProfilePage } from '../host/ProfilePage.tsx';
import { navigate } from '../app/router.ts';
import { useHostMessages } from '../host/useHostMessages.ts';
import '../host/host.css';

// The panorama editor brings three.js and R3F; the lists and forms load without them.
const RoomEditorPage = lazy(() => import('../host/RoomEditorPage.tsx').then((mod) => ({ default: mod.RoomEditorPage })));
// The exhibit editor brings three.js (its model preview); the QR sheet brings the QR encoder.
const ExhibitEditorPage = lazy(() => import('../host/museum/ExhibitEditorPage.tsx').then((mod) => ({ default: mod.ExhibitEditorPage })));
const QrSheetPage = lazy(() => import('../host/museum/QrSheetPage.tsx').then((mod) => ({ default: mod.QrSheetPage })));

/**
 * /host/* — the host console. Signed out, every address shows the sign-in form and, once
 * signed in, the page that address names (deep links survive the detour).
 */
export default function HostPage({ path }: { path: string; search: string }) {
  const { m, t } = useHostMessages();
  const [session, setSession] = useState<LoginResult | null>(() => loadSession());
  // Why the console signed itself out: the token expired, or the owner disabled this account.
  const [expired, setExpired] = useState<false | 'expired' | 'disabled'>(false);
  // Signing in or out in another tab applies here too.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => e.key === SESSION_KEY && setSession(loadSession());
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
  const token = session?.token;
  const api = useMemo(
    () =>
      token
        ? new HostApi(token, {
            onUnauthorized: (e) => {
              clearSession();
              setSession(null);
              setExpired(e.code === 'account_disabled' ? 'disabled' : 'expired');
            },
          })
        : null,
    [token],
  );
  const signOut = useCallback(() => {
    clearSession();
    setExpired(false);
    setSession(null);
  }, []);
  const ctx = useMemo(() => (api && session ? { api, host: session.host, signOut } : null), [api, session, signOut]);
  // A session saved before agencies existed has no role: ask once, so an owner sees Team.
  useEffect(() => {
    if (!api || !session || session.host.role) return;
    let live = true;
    api.me().then(
      (host) => {
        if (!live) return;
        const next = { ...session, host };
        saveSession(next);
        setSession(next);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api, session]);

  const route = parseHostRoute(path);
  // An invitation link works signed out: it is how a new agent gets an account.
  if (route.page === 'invite')
    return (
      <HostShell>
        <InvitePage
          key={route.token}
          token={route.token}
          onSignedIn={(s) => {
            saveSession(s);
            setExpired(false);
            setSession(s);
            navigate('/host', true);
          }}
        />
      </HostShell>
    );

  if (!ctx)
    return (
      <HostShell>
        <SignInForm
          notice={expired === 'disabled' ? m.accountDisabled : expired ? m.sessionExpired : undefined}
          onSignedIn={(s) => {
            saveSession(s);
            setExpired(false);
            setSession(s);
          }}
        />
      </HostShell>
    );

  let page: React.ReactNode;
  switch (route.page) {
    case 'places':
      page = <PlacesPage />;
      break;
    case 'new-place':
      page = <NewPlacePage />;
      break;
    case 'place':
      page = <PlaceEditorPage key={route.placeId} placeId={route.placeId} />;
      break;
    case 'room':
      page = (
        <Suspense fallback={<LoadingBlock />}>
          <RoomEditorPage key={route.placeId} placeId={route.placeId} sceneId={route.sceneId} />
        </Suspense>
      );
      break;
    case 'floorplan':
      page = <FloorPlanPage key={route.placeId} placeId={route.placeId} />;
      break;
    case 'booking':
      page = <HostBookingPage key={route.placeId} placeId={route.placeId} tab={route.tab} />;
      break;
    case 'exhibit':
      page = (
        <Suspense fallback={<LoadingBlock />}>
          <ExhibitEditorPage key={route.placeId} placeId={route.placeId} exhibitId={route.exhibitId} />
        </Suspense>
      );
      break;
    case 'qr':
      page = (
        <Suspense fallback={<LoadingBlock />}>
          <QrSheetPage key={route.placeId} placeId={route.placeId} />
        </Suspense>
      );
      break;
    case 'team':
      page = <TeamPage />;
      break;
    case 'profile':
      page = <ProfilePage />;
      break;
    default:
      page = <HostNotFound />;
  }
  return (
    <HostContext.Provider value={ctx}>
      <HostShell email={ctx.host.email} onSignOut={signOut} wide={route.page === 'room'} team={ctx.host.role === 'owner'}>
        {/* A new page gets a fresh boundary; switching rooms in the editor keeps its panorama. */}
        <HostErrorBoundary key={'placeId' in route ? `${route.page}:${route.placeId}` : route.page} message={t.loadFailed} retry={t.retry}>
          {page}
        </HostErrorBoundary>
      </HostShell>
    </HostContext.Provider>
  );
}
