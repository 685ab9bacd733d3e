import { describe, expect, it } from 'vitest';
import type { CheckinResult, Slot } from '../../../server/protocol/booking.ts';
import { BOOKING_MESSAGES } from '../../../client/i18n/bookingMessages.ts';
import { BookingApiError } from '../../../client/booking/BookingApiError.ts';
import { apiFieldErrors, validateBookingForm } from '../../../client/booking/bookingFormErrors.ts';
import { describeCheckin, describeCheckinError } from '../../../client/booking/describeCheckin.ts';
import { formatClock, formatVisitTime } from '../../../client/booking/formatVisitTime.ts';
import { formatDwell, funnelRows } from '../../../client/booking/funnelRows.ts';
import { googleCalendarUrl } from '../../../client/booking/googleCalendarUrl.ts';
import { groupSlotsByDay } from '../../../client/booking/groupSlotsByDay.ts';
import { addDays, initialDay, slotDays, todayIn } from '../../../client/booking/slotDays.ts';
import { ScanGate } from '../../../client/booking/ScanGate.ts';
import { zonedInputToIso } from '../../../client/host/booking/zonedInputToIso.ts';
import { hostHref, parseHostRoute } from '../../../client/host/parseHostRoute.ts';

const en = BOOKING_MESSAGES.en;
const zh = BOOKING_MESSAGES['zh-CN'];
const form = { slotId: 's1', name: 'Li Wei', phone: '138 0013 8000', partySize: '2', note: '' };

describe('validateBookingForm', () => {
  it('accepts mainland and international numbers the way the server does', () => {
    expect(validateBookingForm(form, en)).toEqual({});
    expect(validateBookingForm({ ...form, phone: '+86 138-0013-8000' }, en)).toEqual({});
    expect(validateBookingForm({ ...form, phone: '+44 20 7946 0958' }, en)).toEqual({});
  });
  it('marks every bad field at once', () => {
    const e = validateBookingForm({ slotId: null, name: '  ', phone: '12345678901', partySize: '0', note: '' }, en);
    expect(Object.keys(e).sort()).toEqual(['name', 'partySize', 'phone', 'slotId']);
    expect(validateBookingForm({ ...form, phone: '+86 2012345678' }, zh).phone).toBe(zh.badPhone);
  });
  it('refuses a party larger than the places left', () => {
    expect(validateBookingForm({ ...form, partySize: '3' }, en, 2).partySize).toBe(en.notEnoughSeats(2));
  });
});

describe('apiFieldErrors', () => {
  it('maps every issue of an invalid body to its field, without the field prefix', () => {
    const err = BookingApiError.fromBody(400, {
      error: 'invalid_body',
      message: 'phone: bad',
      field: 'phone',
      issues: [
        { field: 'phone', message: 'a +86 number must be a mobile' },
        { field: 'name', message: 'enter your name' },
      ],
    });
    expect(apiFieldErrors(err, en, true)).toEqual({ phone: 'a +86 number must be a mobile', name: 'enter your name' });
    expect(apiFieldErrors(err, zh, false)).toEqual({ phone: zh.badPhone, name: zh.enterName });
  });
  it('keeps the facts of a refusal (seats left) and translates full slots', () => {
    const err = BookingApiError.fromBody(409, { error: 'not_enough_seats', message: 'partySize: only 2 places are left', field: 'partySize', seatsLeft: 2 });
    expect(err.details).toEqual({ seatsLeft: 2 });
    expect(apiFieldErrors(err, en, true)).toEqual({ partySize: 'only 2 places are left' });
    expect(apiFieldErrors(err, zh, false)).toEqual({ partySize: zh.notEnoughSeats(2) });
    const full = BookingApiError.fromBody(409, { error: 'slot_full', message: 'slotId: this slot is full; pick another time.', field: 'slotId', seatsLeft: 0 });
    expect(apiFieldErrors(full, zh, false)).toEqual({ slotId: zh.slotFull });
  });
  it('turns a non-API body into a generic error', () => {
    expect(BookingApiError.fromBody(502, '<html>', 'Bad Gateway').code).toBe('http_error');
  });
});

const slot = (id: string, start: string, seatsLeft = 2): Slot => ({
  id,
  placeId: 'p',
  start,
  end: new Date(Date.parse(start) + 1800_000).toISOString(),
  durationMinutes: 30,
  capacity: 4,
  seatsLeft,
  timezone: 'Asia/Shanghai',
});

describe('time', () => {
  it('groups slots by their local day in the place’s zone, in order', () => {
    // 23:30 UTC on the 1st is 07:30 on the 2nd in Shanghai.
    const days = groupSlotsByDay([slot('b', '2026-06-02T02:00:00Z'), slot('a', '2026-06-01T23:30:00Z'), slot('c', '2026-06-01T03:00:00Z')]);
    expect(days.map((d) => [d.day, d.slots.map((s) => s.id)])).toEqual([
      ['2026-06-01', ['c']],
      ['2026-06-02', ['a', 'b']],
    ]);
  });
  it('keeps one group per day when slots of two zones interleave', () => {
    const london = (id: string, start: string): Slot => ({ ...slot(id, start), timezone: 'Europe/London' });
    // 01:00 UTC on the 2nd: the 2nd in Shanghai (09:00) and in London (02:00); 20:00 UTC on the 1st: the 2nd in Shanghai, the 1st in London.
    const days = groupSlotsByDay([slot('s1', '2026-06-01T20:00:00Z'), london('l1', '2026-06-01T22:00:00Z'), slot('s2', '2026-06-02T01:00:00Z')]);
    expect(days.map((d) => [d.day, d.slots.map((s) => s.id)])).toEqual([
      ['2026-06-01', ['l1']],
      ['2026-06-02', ['s1', 's2']],
    ]);
  });
  it('the day strip: free times counted, full days kept, closed days between open ones shown within a month', () => {
    const days = slotDays([slot('a', '2026-06-01T02:00:00Z'), slot('b', '2026-06-01T06:00:00Z', 0), slot('c', '2026-06-03T02:00:00Z', 0)]);
    expect(days.map((d) => [d.day, d.slots.length, d.free])).toEqual([
      ['2026-06-01', 2, 1],
      ['2026-06-02', 0, 0],
      ['2026-06-03', 1, 0],
    ]);
    // Opens on the chosen time's day, else the first day with a free time.
    expect(initialDay(days, 'c')).toBe('2026-06-03');
    expect(initialDay(days, null)).toBe('2026-06-01');
    expect(initialDay(slotDays([slot('x', '2026-06-05T02:00:00Z', 0)]), null)).toBe('2026-06-05');
    // A half-year of Saturdays lists the Saturdays only.
    const sparse = slotDays([slot('p', '2026-06-06T02:00:00Z'), slot('q', '2026-09-05T02:00:00Z')]);
    expect(sparse.map((d) => d.day)).toEqual(['2026-06-06', '2026-09-05']);
  });
  it('today and the next day are the place’s, across a month and a DST change', () => {
    // 20:00 UTC on 31 May: already 1 June in Shanghai, still 31 May in London.
    expect(todayIn('Asia/Shanghai', new Date('2026-05-31T20:00:00Z'))).toBe('2026-06-01');
    expect(todayIn('Europe/London', new Date('2026-05-31T20:00:00Z'))).toBe('2026-05-31');
    expect(addDays('2026-05-31', 1)).toBe('2026-06-01');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
  });
  it('formats a visit in the place’s zone, naming the zone only when the reader is elsewhere', () => {
    const iso = '2026-06-01T02:00:00Z';
    expect(formatVisitTime(iso, 'en', 'Asia/Shanghai', { readerZone: 'Asia/Shanghai', endIso: '2026-06-01T02:30:00Z' })).toMatch(/Jun 1, 2026 10:00–10:30$/);
    expect(formatVisitTime(iso, 'en', 'Asia/Shanghai', { readerZone: 'Europe/London' })).toMatch(/10:00 GMT\+8$/);
    expect(formatVisitTime(iso, 'zh-CN', 'Asia/Shanghai', { readerZone: 'Asia/Shanghai' })).toContain('2026年6月1日');
    expect(formatClock('2026-06-01T06:02:00Z', 'en', 'Asia/Shanghai')).toBe('14:02');
  });
  it('reads a datetime-local value as wall time in the place’s zone', () => {
    expect(zonedInputToIso('2026-06-01T10:00', 'Asia/Shanghai')).toBe('2026-06-01T02:00:00.000Z');
    expect(zonedInputToIso('2026-07-01T10:00', 'Europe/London')).toBe('2026-07-01T09:00:00.000Z');
    expect(zonedInputToIso('2026-01-01T10:00', 'Europe/London')).toBe('2026-01-01T10:00:00.000Z');
    expect(zonedInputToIso('tomorrow', 'UTC')).toBeNull();
  });
});

describe('describeCheckin', () => {
  const booking = {
    code: 'AAAAA-BBBBB-CCCCC-DDDDD',
    status: 'confirmed' as const,
    slotId: 's',
    slotStart: '2026-06-02T02:00:00Z',
    timezone: 'Asia/Shanghai',
    name: 'Li Wei',
    phone: '+8613800138000',
    partySize: 3,
    note: '',
    source: null,
    sessionId: null,
    createdAt: '',
    cancelledAt: null,
    checkedInAt: '2026-06-02T06:02:00Z',
    rating: null,
  };
  const r = (result: CheckinResult['result'], extra: Partial<CheckinResult> = {}): CheckinResult => ({ result, ok: result === 'checked_in', message: 'x', checkedInAt: booking.checkedInAt, booking, ticketPlace: null, ...extra });
  it('says checked in, already checked in (with the local time), wrong place, wrong day', () => {
    expect(describeCheckin(r('checked_in'), en, 'en')).toEqual({ tone: 'ok', text: 'Checked in: Li Wei, 3 people.' });
    expect(describeCheckin(r('already_checked_in'), en, 'en')).toEqual({ tone: 'warn', text: 'Already checked in at 14:02.' });
    expect(describeCheckin(r('wrong_place', { ticketPlace: { id: 'x', title: 'Harbour loft' } }), en, 'en').text).toBe('This ticket is for another place (Harbour loft).');
    expect(describeCheckin(r('wrong_day'), en, 'en').text).toMatch(/^This ticket is for another day \(.*Jun 2, 2026\)\.$/);
    expect(describeCheckin(r('cancelled'), zh, 'zh-CN')).toEqual({ tone: 'error', text: zh.res_cancelled });
    expect(describeCheckinError('ticket_not_found', en, '?')).toBe(en.res_not_found);
  });
});

describe('funnel and scanning', () => {
  it('sizes bars against the largest step and gives conversion from the previous step', () => {
    const rows = funnelRows([
      { step: 'tour_views', count: 200 },
      { step: 'guided_sessions', count: 0 },
      { step: 'bookings', count: 10 },
      { step: 'check_ins', count: 5 },
      { step: 'ratings', count: 4 },
    ]);
    expect(rows.map((x) => x.width)).toEqual([100, 0, 5, 2.5, 2]);
    expect(rows.map((x) => x.ofPrevious)).toEqual([null, 0, null, 50, 80]);
    expect(formatDwell(65_000)).toBe('1 min 05 s');
    expect(formatDwell(null)).toBe('—');
  });
  it('lets a scanned code through once, then again after a quiet time', () => {
    let t = 0;
    const gate = new ScanGate(4000, () => t);
    expect(gate.accept('A')).toBe(true);
    t = 1000;
    expect(gate.accept('A')).toBe(false);
    expect(gate.accept('B')).toBe(true);
    t = 6000;
    expect(gate.accept('B')).toBe(true);
  });
  it('routes the host’s visit pages', () => {
    expect(parseHostRoute('/host/places/demo-flat/checkin')).toEqual({ page: 'booking', placeId: 'demo-flat', tab: 'checkin' });
    expect(hostHref({ page: 'booking', placeId: 'a b', tab: 'funnel' })).toBe('/host/places/a%20b/funnel');
    expect(parseHostRoute('/host/places/x/nope')).toEqual({ page: 'not-found' });
  });
  it('builds an add-to-calendar link in UTC with the place’s zone', () => {
    const url = new URL(
      googleCalendarUrl(
        { code: 'C', place: { title: 'Flat', address: '1 Road', city: 'Shanghai' }, slot: { start: '2026-06-01T02:00:00Z', end: '2026-06-01T02:30:00Z', timezone: 'Asia/Shanghai' } } as never,
        'https://x/book/ticket/C',
      ),
    );
    expect(url.searchParams.get('dates')).toBe('20260601T020000Z/20260601T023000Z');
    expect(url.searchParams.get('location')).toBe('1 Road, Shanghai');
  });
});
