import { Header } from '../app/Header.tsx';
import { onLinkClick } from '../app/router.ts';
import { useHostMessages } from './useHostMessages.ts';
import { profileMessages } from '../i18n/profileMessages.ts';

/** Every console page: the site header (with who is signed in and Sign out) over the page. */
export function HostShell({
  email,
  onSignOut,
  wide,
  team,
  children,
}: {
  email?: string;
  onSignOut?: () => void;
  wide?: boolean;
  /** The agency's owner gets a link to the Team page. */
  team?: boolean;
  children: React.ReactNode;
}) {
  const { m, lang } = useHostMessages();
  return (
    <div className={wide ? 'host fill' : 'host'}>
      <Header>
        <a href="/host" onClick={onLinkClick} className="host-nav-link">
          {m.consoleNav}
        </a>
        {team && (
          <a href="/host/team" onClick={onLinkClick} className="host-nav-link">
            {m.teamNav}
          </a>
        )}
        {email && onSignOut && (
          <>
            <a href="/host/profile" onClick={onLinkClick} className="host-nav-link">
              {profileMessages(lang).profileNav}
            </a>
            <span className="host-who" title={m.signedInAs(email)}>
              <span className="sr-only">{m.signedInAs(email)}</span>
              <span aria-hidden="true">{email}</span>
            </span>
            <button type="button" className="host-signout" onClick={onSignOut}>
              {m.signOut}
            </button>
          </>
        )}
      </Header>
      <main className={wide ? 'host-main wide' : 'host-main page'}>{children}</main>
    </div>
  );
}
