import type { HostPlace } from '@protocol';
import { LoadingBlock } from '../../app/LoadingBlock.tsx';
import { onLinkClick } from '../../app/router.ts';
import { useTitle } from '../../app/useTitle.ts';
import { describeError } from '../describeError.ts';
import { HostHeading } from '../HostHeading.tsx';
import { HostNotFound } from '../HostNotFound.tsx';
import { hostHref } from '../parseHostRoute.ts';
import { useHostPlace } from '../useHostPlace.ts';
import { MUSEUM_HOST_MESSAGES } from '../../i18n/museumHostMessages.ts';
import { exhibitQrUrl } from './exhibitQrUrl.ts';
import { QrCode } from './QrCode.tsx';
import { useMuseumMessages } from './useMuseumMessages.ts';

/**
 * /host/places/:id/qr — one QR code per exhibit with its title in Chinese and English, to
 * print and put beside the exhibit: scanning opens its page (the offline→online bridge).
 * The print stylesheet leaves only the cards.
 */
export function QrSheetPage({ placeId }: { placeId: string }) {
  const { m, mm, t } = useMuseumMessages();
  const { place, reload } = useHostPlace(placeId);
  useTitle(place.state === 'ready' ? mm.qrTitle(place.data.title) : m.consoleTitle);
  if (place.state === 'loading') return <LoadingBlock />;
  if (place.state === 'error') {
    if (place.error.status === 404) return <HostNotFound message={m.placeNotFound} />;
    return (
      <div className="error-state" role="alert">
        <p>{describeError(m, place.error)}</p>
        <button type="button" onClick={reload}>
          {t.retry}
        </button>
      </div>
    );
  }
  return <QrSheet place={place.data} />;
}

function QrSheet({ place }: { place: HostPlace }) {
  const { mm } = useMuseumMessages();
  const exhibits = place.exhibits ?? [];
  return (
    <div className="host-qr-page">
      <p className="host-crumbs host-no-print">
        <a href={hostHref({ page: 'place', placeId: place.id })} onClick={onLinkClick}>
          ← {mm.backToPlace(place.title)}
        </a>
      </p>
      <div className="host-titlebar host-no-print">
        <HostHeading>{mm.qrTitle(place.title)}</HostHeading>
        {exhibits.length > 0 && (
          <button type="button" onClick={() => window.print()}>
            {mm.qrPrint}
          </button>
        )}
      </div>
      <p className="host-lede host-no-print">{mm.qrLede}</p>
      {exhibits.length === 0 ? (
        <p className="empty-state">{mm.qrNone}</p>
      ) : (
        <ul className="host-qr-sheet">
          {exhibits.map((e) => (
            <li key={e.id} className="host-qr-card" data-exhibit={e.id}>
              <QrCode text={exhibitQrUrl(window.location.origin, place.id, e.id)} label={mm.qrLabel(e.titleZh ? `${e.titleZh} / ${e.title}` : e.title)} />
              {/* Both languages on paper: the print serves every visitor. */}
              {e.titleZh && (
                <p className="host-qr-title" lang="zh-CN">
                  {e.titleZh}
                </p>
              )}
              <p className="host-qr-title" lang="en">
                {e.title}
              </p>
              <p className="host-qr-hint">
                <span lang="zh-CN">{MUSEUM_HOST_MESSAGES['zh-CN'].qrScan}</span> · <span lang="en">{MUSEUM_HOST_MESSAGES.en.qrScan}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
