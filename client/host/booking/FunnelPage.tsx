import { LoadingBlock } from '../../app/LoadingBlock.tsx';
import { formatDwell, funnelRows } from '../../booking/funnelRows.ts';
import { useBookingMessages } from '../../booking/useBookingMessages.ts';
import { describeError } from '../describeError.ts';
import { useHostMessages } from '../useHostMessages.ts';
import { useHostBookingApi } from './useHostBookingApi.ts';
import { useLoaded } from './useLoaded.ts';

/** Tour views → guided sessions → bookings → check-ins → ratings (last 30 days), bookings by day, dwell per room. */
export function FunnelPage({ placeId }: { placeId: string }) {
  const { b } = useBookingMessages();
  const { m, t } = useHostMessages();
  const api = useHostBookingApi();
  const [funnel, reload] = useLoaded(() => api.funnel(placeId), [api, placeId]);
  if (funnel.state === 'loading') return <LoadingBlock />;
  if (funnel.state === 'error')
    return (
      <p className="host-error" role="alert">
        {describeError(m, funnel.error)} <button onClick={reload}>{t.retry}</button>
      </p>
    );
  const f = funnel.data;
  const maxDay = Math.max(1, ...f.bookingsByDay.map((d) => d.bookings));
  const maxDwell = Math.max(1, ...f.dwellByRoom.map((r) => r.totalMs));
  return (
    <>
      <p className="stat-line">
        <span>{b.funnelRange(f.from, f.to)}</span>
        <span>{b.uniqueVisitors(f.uniqueVisitors)}</span>
        <span>{b.cancelledCount(f.cancelled)}</span>
        <button type="button" className="host-small" onClick={reload}>
          {b.reload}
        </button>
      </p>
      <ol className="bars" aria-label={b.funnelTitle}>
        {funnelRows(f.steps).map((r) => (
          <li key={r.step} data-step={r.step}>
            <span>{b[`step_${r.step}`]}</span>
            <span className="bar-track">
              <span className="bar-fill" style={{ width: `${r.width}%`, display: 'block' }} />
              <span className="bar-value" data-testid={`funnel-${r.step}`}>
                {r.count}
              </span>
              {r.ofPrevious != null && <span className="sr-only">, {b.ofPrevious(r.ofPrevious)}</span>}
            </span>
          </li>
        ))}
      </ol>
      <section className="host-section" aria-labelledby="days-h">
        <h2 id="days-h">{b.bookingsByDay}</h2>
        <div className="day-chart" aria-hidden="true">
          {f.bookingsByDay.map((d) => (
            <span key={d.day} style={{ height: `${(d.bookings / maxDay) * 100}%` }} title={`${d.day}: ${d.bookings}`} />
          ))}
        </div>
        <table className="sr-only">
          <caption>{b.bookingsByDay}</caption>
          <tbody>
            {f.bookingsByDay
              .filter((d) => d.bookings > 0)
              .map((d) => (
                <tr key={d.day}>
                  <th>{d.day}</th>
                  <td>{d.bookings}</td>
                  <td>{b.people(d.people)}</td>
                </tr>
              ))}
          </tbody>
        </table>
        <p className="hint">{b.funnelRange(f.bookingsByDay[0]?.day ?? f.from, f.bookingsByDay[f.bookingsByDay.length - 1]?.day ?? f.to)}</p>
      </section>
      <section className="host-section" aria-labelledby="dwell-h">
        <h2 id="dwell-h">{b.dwellByRoom}</h2>
        {f.dwellByRoom.length === 0 ? (
          <p className="empty-state">{b.noDwell}</p>
        ) : (
          <ul className="bars">
            {f.dwellByRoom.map((r) => (
              <li key={r.sceneId}>
                <span>{r.name ?? r.sceneId}</span>
                <span className="bar-track">
                  <span className="bar-fill" style={{ width: `${(r.totalMs / maxDwell) * 100}%`, display: 'block', background: '#7fb3e0' }} />
                  <span className="bar-value">
                    {formatDwell(r.totalMs)} <span className="bar-note">· {b.entries(r.entries)} · {b.avgDwell} {formatDwell(r.averageMs)}</span>
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
