import type { HostPlace } from '@protocol';
import { onLinkClick } from '../../app/router.ts';
import { hostHref } from '../parseHostRoute.ts';
import { ExhibitList } from './ExhibitList.tsx';
import { ExhibitUploader } from './ExhibitUploader.tsx';
import { useMuseumMessages } from './useMuseumMessages.ts';

/** A museum's editor section: upload models, the exhibits list, and the QR sheet link. */
export function ExhibitsSection({ place, onChanged }: { place: HostPlace; onChanged: () => void }) {
  const { mm } = useMuseumMessages();
  const exhibits = place.exhibits ?? [];
  return (
    <section className="host-section" aria-labelledby="exhibits-h">
      <div className="host-titlebar">
        <h2 id="exhibits-h">{mm.exhibitsHeading}</h2>
        {exhibits.length > 0 && (
          <a className="button" href={hostHref({ page: 'qr', placeId: place.id })} onClick={onLinkClick}>
            {mm.printQr}
          </a>
        )}
      </div>
      <p className="host-lede">{mm.exhibitsLede}</p>
      <ExhibitUploader placeId={place.id} hasSite={exhibits.some((e) => e.role === 'site')} onUploaded={onChanged} />
      <ExhibitList placeId={place.id} exhibits={exhibits} onChanged={onChanged} />
    </section>
  );
}
