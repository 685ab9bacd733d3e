import { onLinkClick } from '../app/router.ts';
import { useTitle } from '../app/useTitle.ts';
import { HostHeading } from './HostHeading.tsx';
import { useHostMessages } from './useHostMessages.ts';

/** A console address that names no page, or a place or room that is not (or no longer) the host's. */
export function HostNotFound({ message }: { message?: string }) {
  const { m, t } = useHostMessages();
  useTitle(t.notFoundTitle);
  return (
    <section className="not-found">
      <HostHeading>{t.notFoundTitle}</HostHeading>
      <p role="alert">{message ?? t.notFoundPage}</p>
      <p>
        <a href="/host/places" onClick={onLinkClick} className="button">
          {m.backToPlaces}
        </a>
      </p>
    </section>
  );
}
