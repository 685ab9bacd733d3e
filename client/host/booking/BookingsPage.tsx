import { LoadingBlock } from '../../app/LoadingBlock.tsx';
import { formatClock, formatVisitTime } from '../../booking/formatVisitTime.ts';
import { useBookingMessages } from '../../booking/useBookingMessages.ts';
import { describeError } from '../describeError.ts';
import { useHostMessages } from '../useHostMessages.ts';
import { useHostBookingApi } from './useHostBookingApi.ts';
import { useLoaded } from './useLoaded.ts';

/** Every booking of a place (last 30 days and ahead), with status and check-in. */
export function BookingsPage({ placeId }: { placeId: string }) {
  const { b, lang } = useBookingMessages();
  const { m, t } = useHostMessages();
  const api = useHostBookingApi();
  const [list, reload] = useLoaded(() => api.bookings(placeId), [api, placeId]);
  if (list.state === 'loading') return <LoadingBlock />;
  if (list.state === 'error')
    return (
      <p className="host-error" role="alert">
        {describeError(m, list.error)} <button onClick={reload}>{t.retry}</button>
      </p>
    );
  if (list.data.length === 0) return <p className="empty-state">{b.noBookings}</p>;
  return (
    <>
      <p>
        <button type="button" className="host-small" onClick={reload}>
          {b.reload}
        </button>
      </p>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th>{b.when}</th>
              <th>{b.name}</th>
              <th>{b.phone}</th>
              <th className="num">{b.partySize}</th>
              <th>{b.status}</th>
              <th>{b.ticketCode}</th>
              <th>{b.source}</th>
            </tr>
          </thead>
          <tbody>
            {[...list.data]
              .sort((x, y) => Date.parse(x.slotStart) - Date.parse(y.slotStart))
              .map((bk) => (
                <tr key={bk.code}>
                  <td>{formatVisitTime(bk.slotStart, lang, bk.timezone)}</td>
                  <td>
                    {bk.name}
                    {bk.note && <div className="hint">{bk.note}</div>}
                  </td>
                  <td>
                    <a href={`tel:${bk.phone}`}>{bk.phone}</a>
                  </td>
                  <td className="num">{bk.partySize}</td>
                  <td>
                    {bk.status === 'cancelled' ? b.status_cancelled : bk.checkedInAt ? `${b.checkedIn} ${formatClock(bk.checkedInAt, lang, bk.timezone)}` : b.status_confirmed}
                    {bk.rating != null && <div aria-label={b.stars(bk.rating)}>{'★'.repeat(bk.rating)}</div>}
                  </td>
                  <td>
                    <code>{bk.code}</code>
                  </td>
                  <td>{bk.source ?? '—'}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
