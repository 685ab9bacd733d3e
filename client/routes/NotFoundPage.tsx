import { Header } from '../app/Header.tsx';
import { onLinkClick } from '../app/router.ts';
import { useTitle } from '../app/useTitle.ts';
import { useI18n } from '../i18n/useI18n.ts';

/** The page for an unknown address, place or room: says which, and offers the way back. */
export function NotFoundPage({ message, back }: { message?: string; back?: { href: string; label: string } }) {
  const { t } = useI18n();
  useTitle(t.notFoundTitle);
  return (
    <>
      <Header />
      <main className="page not-found">
        <h1>{t.notFoundTitle}</h1>
        <p role="alert">{message ?? t.notFoundPage}</p>
        <p>
          <a href={back?.href ?? '/'} onClick={onLinkClick} className="button">
            {back?.label ?? t.backToCatalogue}
          </a>
        </p>
      </main>
    </>
  );
}
