import { navigate, onLinkClick } from '../app/router.ts';
import { useTitle } from '../app/useTitle.ts';
import { useHost } from './HostContext.ts';
import { HostHeading } from './HostHeading.tsx';
import { hostHref } from './parseHostRoute.ts';
import { placeFormValues } from './placeForm.ts';
import { PlaceForm } from './PlaceForm.tsx';
import { useHostMessages } from './useHostMessages.ts';

/** /host/places/new — the listing; rooms come next, on the place's own page. */
export function NewPlacePage() {
  const { m } = useHostMessages();
  const { api } = useHost();
  useTitle(m.newPlace);
  return (
    <>
      <p className="host-crumbs">
        <a href={hostHref({ page: 'places' })} onClick={onLinkClick}>
          ← {m.backToPlaces}
        </a>
      </p>
      <HostHeading>{m.newPlace}</HostHeading>
      <PlaceForm
        initial={placeFormValues()}
        submitLabel={m.createPlace}
        busyLabel={m.creating}
        onSubmit={async (body) => {
          const place = await api.createPlace(body);
          navigate(hostHref({ page: 'place', placeId: place.id }));
        }}
      />
    </>
  );
}
