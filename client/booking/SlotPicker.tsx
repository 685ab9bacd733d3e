import type { Slot } from '@protocol';
import { formatDay } from './formatVisitTime.ts';
import { groupSlotsByDay } from './groupSlotsByDay.ts';
import { useBookingMessages } from './useBookingMessages.ts';

/**
 * Visit times as radio buttons grouped by day, with places left; full times are shown but
 * disabled so the visitor sees they existed. `name` keeps two pickers on a page apart.
 */
export function SlotPicker({ slots, value, onChange, name, legend, error, exclude }: {
  slots: Slot[];
  value: string | null;
  onChange: (id: string) => void;
  name: string;
  legend: string;
  error?: string;
  exclude?: string;
}) {
  const { b, lang } = useBookingMessages();
  const errId = `${name}-error`;
  return (
    <fieldset className="slot-picker" aria-describedby={error ? errId : undefined} aria-invalid={!!error || undefined}>
      <legend>{legend}</legend>
      {error && (
        <p className="field-error" id={errId} role="alert">
          {error}
        </p>
      )}
      {groupSlotsByDay(slots.filter((s) => s.id !== exclude)).map((d) => (
        <div key={d.day} className="slot-day">
          <h3>{formatDay(d.slots[0].start, lang, d.slots[0].timezone)}</h3>
          <ul>
            {d.slots.map((s) => {
              const full = s.seatsLeft <= 0;
              const time = new Intl.DateTimeFormat(lang, { timeZone: s.timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
              return (
                <li key={s.id}>
                  <label className={`slot${full ? ' full' : ''}${value === s.id ? ' chosen' : ''}`} data-slot-id={s.id}>
                    <input type="radio" name={name} value={s.id} checked={value === s.id} disabled={full} onChange={() => onChange(s.id)} />
                    <span className="slot-time">
                      {time.format(new Date(s.start))}–{time.format(new Date(s.end))}
                    </span>
                    <span className="slot-seats">{full ? b.full : b.seatsLeft(s.seatsLeft)}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </fieldset>
  );
}
