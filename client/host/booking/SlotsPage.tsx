import { useState } from 'react';
import { DEFAULT_TIMEZONE, WEEKDAYS, type HostSlot } from '@protocol';
import { formatVisitTime } from '../../booking/formatVisitTime.ts';
import { useBookingMessages } from '../../booking/useBookingMessages.ts';
import { LoadingBlock } from '../../app/LoadingBlock.tsx';
import { describeError } from '../describeError.ts';
import { HostApiError } from '../HostApiError.ts';
import { useHostMessages } from '../useHostMessages.ts';
import { useHostBookingApi } from './useHostBookingApi.ts';
import { useLoaded } from './useLoaded.ts';
import { zonedInputToIso } from './zonedInputToIso.ts';

const errText = (m: ReturnType<typeof useHostMessages>['m'], e: unknown) => (e instanceof HostApiError && e.status !== 0 ? e.fieldMessage : describeError(m, e));

/** Publish visit times (one, or a weekly template) and see the upcoming ones with bookings. */
export function SlotsPage({ placeId }: { placeId: string }) {
  const { b, lang } = useBookingMessages();
  const { m, t } = useHostMessages();
  const api = useHostBookingApi();
  const [slots, reload] = useLoaded(() => api.slots(placeId), [api, placeId]);
  const [tz, setTz] = useState(DEFAULT_TIMEZONE);
  const [one, setOne] = useState({ start: '', duration: '30', capacity: '4' });
  const [week, setWeek] = useState({ days: ['sat', 'sun'] as string[], times: '10:00, 14:00', duration: '30', capacity: '4', weeks: '4' });
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  async function run(p: Promise<string>) {
    setStatus(null);
    try {
      setStatus({ ok: true, text: await p });
      reload();
    } catch (e) {
      setStatus({ ok: false, text: errText(m, e) });
    }
  }
  async function addOne(e: React.FormEvent) {
    e.preventDefault();
    const start = zonedInputToIso(one.start, tz);
    if (!start) return setStatus({ ok: false, text: `${b.start}: YYYY-MM-DD HH:MM` });
    await run(api.createSlot(placeId, { start, durationMinutes: Number(one.duration), capacity: Number(one.capacity), timezone: tz }).then((s) => b.created(1, 0) + ' ' + formatVisitTime(s.start, lang, s.timezone)));
  }
  async function addWeekly(e: React.FormEvent) {
    e.preventDefault();
    const times = week.times.split(/[,，\s]+/).filter(Boolean);
    await run(
      api
        .createWeekly(placeId, { weekdays: week.days as (typeof WEEKDAYS)[number][], times, durationMinutes: Number(week.duration), capacity: Number(week.capacity), weeks: Number(week.weeks), timezone: tz })
        .then((r) => b.created(r.created.length, r.skipped)),
    );
  }
  async function remove(s: HostSlot) {
    if (!confirm(b.deleteSlot(formatVisitTime(s.start, lang, s.timezone)))) return;
    await run(api.deleteSlot(placeId, s.id).then(() => '✓'));
  }

  const num = (label: string, id: string, value: string, set: (v: string) => void, min = 1) => (
    <div>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" min={min} value={value} onChange={(e) => set(e.target.value)} required />
    </div>
  );
  return (
    <>
      <div className="host-form slots-form">
        <div>
          <label htmlFor="slot-tz">{b.timezone}</label>
          <input id="slot-tz" value={tz} onChange={(e) => setTz(e.target.value)} />
        </div>
      </div>
      <section className="host-section" aria-labelledby="one-h">
        <h2 id="one-h">{b.addSlot}</h2>
        <form className="host-form slots-form" onSubmit={addOne}>
          <div>
            <label htmlFor="slot-start">{b.start}</label>
            <input id="slot-start" type="datetime-local" value={one.start} onChange={(e) => setOne({ ...one, start: e.target.value })} required />
          </div>
          {num(b.duration, 'slot-duration', one.duration, (v) => setOne({ ...one, duration: v }), 5)}
          {num(b.capacity, 'slot-capacity', one.capacity, (v) => setOne({ ...one, capacity: v }))}
          <button type="submit" className="primary">
            {b.add}
          </button>
        </form>
      </section>
      <section className="host-section" aria-labelledby="week-h">
        <h2 id="week-h">{b.weeklyTitle}</h2>
        <form className="host-form slots-form" onSubmit={addWeekly}>
          <fieldset className="weekday-boxes">
            <legend>{b.weekdays}</legend>
            {WEEKDAYS.map((d) => (
              <label key={d}>
                <input
                  type="checkbox"
                  checked={week.days.includes(d)}
                  onChange={(e) => setWeek({ ...week, days: e.target.checked ? [...week.days, d] : week.days.filter((x) => x !== d) })}
                />
                {b.weekday[d]}
              </label>
            ))}
          </fieldset>
          <div>
            <label htmlFor="week-times">{b.times}</label>
            <input id="week-times" value={week.times} onChange={(e) => setWeek({ ...week, times: e.target.value })} />
          </div>
          {num(b.duration, 'week-duration', week.duration, (v) => setWeek({ ...week, duration: v }), 5)}
          {num(b.capacity, 'week-capacity', week.capacity, (v) => setWeek({ ...week, capacity: v }))}
          {num(b.weeks, 'week-weeks', week.weeks, (v) => setWeek({ ...week, weeks: v }))}
          <button type="submit" className="primary">
            {b.publish}
          </button>
        </form>
      </section>
      <div aria-live="polite">{status && <p className={status.ok ? 'host-status' : 'host-error'}>{status.text}</p>}</div>
      <section className="host-section" aria-labelledby="list-h">
        <h2 id="list-h">{b.slotsTitle}</h2>
        {slots.state === 'loading' && <LoadingBlock />}
        {slots.state === 'error' && (
          <p className="host-error" role="alert">
            {describeError(m, slots.error)} <button onClick={reload}>{t.retry}</button>
          </p>
        )}
        {slots.state === 'ready' && slots.data.length === 0 && <p className="empty-state">{b.noHostSlots}</p>}
        {slots.state === 'ready' && slots.data.length > 0 && (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th>{b.when}</th>
                  <th className="num">{b.capacity}</th>
                  <th className="num">{b.booked}</th>
                  <th className="num">{b.checkedIn}</th>
                  <th>
                    <span className="sr-only">{b.delete}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {slots.data.map((s) => (
                  <tr key={s.id} data-slot-id={s.id}>
                    <td>{formatVisitTime(s.start, lang, s.timezone, { endIso: s.end })}</td>
                    <td className="num">{s.capacity}</td>
                    <td className="num">{s.booked}</td>
                    <td className="num">{s.checkedIn}</td>
                    <td>
                      <button type="button" className="host-small danger" onClick={() => remove(s)} aria-label={b.deleteSlot(formatVisitTime(s.start, lang, s.timezone))}>
                        {b.delete}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
