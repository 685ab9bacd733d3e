import { useRef, useState } from 'react';
import type { Slot } from '@protocol';
import { addDays, dayInstant, initialDay, slotDays, todayIn, type StripDay } from './slotDays.ts';
import { useBookingMessages } from './useBookingMessages.ts';

/**
 * Visit times: a strip of days (tabs, with how many times each has free), then the chosen
 * day's times as radio buttons with places left; full times are shown but disabled so the
 * visitor sees they existed. On a phone a month of times in one list put the form seven
 * screens down; a day at a time keeps it in reach. `name` keeps two pickers on a page apart.
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
  const days = slotDays(slots.filter((s) => s.id !== exclude));
  const [picked, setPicked] = useState<string | null>(null);
  const tabs = useRef(new Map<string, HTMLButtonElement>());
  // The day the visitor picked, while it still has times (a reload may drop it); else the chosen time's day.
  const shown = days.find((d) => d.day === picked && d.slots.length) ?? days.find((d) => d.day === initialDay(days, value));
  if (!shown) return null;
  const timeZone = shown.slots[0].timezone;
  const today = todayIn(timeZone);
  const open = days.filter((d) => d.slots.length > 0);

  const choose = (d: StripDay, focus: boolean) => {
    setPicked(d.day);
    const tab = tabs.current.get(d.day);
    if (focus) tab?.focus();
    tab?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };
  // Arrows, Home and End move along the open days and show each at once (a tablist with automatic activation).
  const onKey = (e: React.KeyboardEvent) => {
    const i = open.findIndex((d) => d.day === shown.day);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: open.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    choose(open[Math.max(0, Math.min(open.length - 1, to))], true);
  };

  const date = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', month: 'short', day: 'numeric' });
  const weekday = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', weekday: 'short' });
  const longDay = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' });
  // Each slot in its own zone (a place's slots share one, but nothing forces it).
  const time = (iso: string, tz: string) => new Intl.DateTimeFormat(lang, { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  const top = (day: string) => (day === today ? b.today : day === addDays(today, 1) ? b.tomorrow : weekday.format(dayInstant(day)));
  const tabId = (day: string) => `${name}-day-${day}`;
  const panelId = `${name}-times`;

  return (
    <fieldset className="slot-picker" aria-describedby={error ? errId : undefined} aria-invalid={!!error || undefined}>
      <legend>{legend}</legend>
      {error && (
        <p className="field-error" id={errId} role="alert">
          {error}
        </p>
      )}
      <div className="day-strip" role="tablist" aria-label={b.chooseDay} onKeyDown={onKey}>
        {days.map((d) => {
          const closed = d.slots.length === 0;
          const selected = d.day === shown.day;
          const state = closed ? 'closed' : d.free === 0 ? 'full' : 'open';
          const near = d.day === today ? b.today : d.day === addDays(today, 1) ? b.tomorrow : '';
          const when = `${near ? `${near}, ` : ''}${longDay.format(dayInstant(d.day))}`;
          const count = closed ? b.closedLong : d.free === 0 ? b.fullDay : b.freeLong(d.free);
          return (
            <button
              key={d.day}
              type="button"
              role="tab"
              id={tabId(d.day)}
              ref={(el) => {
                if (el) tabs.current.set(d.day, el);
                else tabs.current.delete(d.day);
              }}
              className={`day-tab ${state}`}
              data-day={d.day}
              aria-selected={selected}
              aria-controls={selected ? panelId : undefined}
              aria-disabled={closed || undefined}
              aria-label={`${when}, ${count}`}
              tabIndex={selected ? 0 : -1}
              onClick={() => !closed && choose(d, false)}
            >
              <span className="day-top">{top(d.day)}</span>
              <span className="day-date">{date.format(dayInstant(d.day))}</span>
              <span className="day-count">{closed ? b.closedShort : d.free === 0 ? b.full : b.freeShort(d.free)}</span>
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(shown.day)} className="slot-day">
        <div className="slot-times" role="radiogroup" aria-label={b.timesOn(longDay.format(dayInstant(shown.day)))}>
          {shown.slots.map((s) => {
            const full = s.seatsLeft <= 0;
            return (
              <label key={s.id} className={`slot${full ? ' full' : ''}${value === s.id ? ' chosen' : ''}`} data-slot-id={s.id}>
                <input type="radio" name={name} value={s.id} checked={value === s.id} disabled={full} onChange={() => onChange(s.id)} />
                <span className="slot-time">
                  {time(s.start, s.timezone)}–{time(s.end, s.timezone)}
                </span>
                <span className="slot-seats">{full ? b.full : b.seatsLeft(s.seatsLeft)}</span>
              </label>
            );
          })}
        </div>
      </div>
    </fieldset>
  );
}
