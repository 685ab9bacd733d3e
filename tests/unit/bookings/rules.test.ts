import { describe, expect, it } from 'vitest';
import { openManageToken, sealManageToken } from '../../../server/bookings/sealManageToken.ts';
import { weeklySlotStarts } from '../../../server/bookings/weeklySlotStarts.ts';
import { zonedParts } from '../../../server/bookings/zonedParts.ts';
import { zonedToUtc } from '../../../server/bookings/zonedToUtc.ts';
import { maskPhone } from '../../../server/bookings/maskPhone.ts';
import { formatTicketCode, normalisePhone, normaliseTicketCode, weeklySlotsSchema } from '../../../server/protocol/booking.ts';

describe('phone numbers', () => {
  it('normalises mainland and international forms to E.164', () => {
    expect(normalisePhone('13912345678')).toEqual({ ok: true, e164: '+8613912345678' });
    expect(normalisePhone(' +86 139 1234 5678 ')).toEqual({ ok: true, e164: '+8613912345678' });
    expect(normalisePhone('（+86）139-1234-5678')).toEqual({ ok: true, e164: '+8613912345678' });
    expect(normalisePhone('0033 1 42 68 53 00')).toEqual({ ok: true, e164: '+33142685300' });
    expect(normalisePhone('+852 9123 4567')).toEqual({ ok: true, e164: '+85291234567' });
  });

  it('says what is wrong', () => {
    const reason = (v: string) => (normalisePhone(v) as { reason: string }).reason;
    expect(reason('')).toMatch(/^required/);
    expect(reason('1391234567')).toMatch(/has 11 digits, this has 10/);
    expect(reason('12912345678')).toMatch(/starts 13–19/);
    expect(reason('+8610 1234 5678')).toMatch(/\+86 number must be a mobile/);
    expect(reason('+0 123 4567')).toMatch(/7–15 digits/);
    expect(reason('+1234567890123456')).toMatch(/7–15 digits/);
    expect(reason('139+12345678')).toMatch(/a \+ may only start/);
    expect(reason('555-0132')).toMatch(/country code/);
  });

  it('masks for display', () => {
    expect(maskPhone('+8613912345678')).toBe('+86 139****5678');
    expect(maskPhone('+442079460958')).toBe('+4420****0958');
  });
});

describe('ticket codes', () => {
  it('reads what people type and scanners read, and nothing else', () => {
    const code = 'ABCDE0FGH1JKMNPQRSTV';
    expect(formatTicketCode(code)).toBe('ABCDE-0FGH1-JKMNP-QRSTV');
    for (const typed of ['ABCDE-0FGH1-JKMNP-QRSTV', 'abcde ofgh1 jkmnp qrstv', 'ABCDEOFGHIJKMNPQRSTV', 'ABCDE0FGHLJKMNPQRSTV', 'https://vantage.example/book/ticket/ABCDE-0FGH1-JKMNP-QRSTV?x=1']) {
      expect(normaliseTicketCode(typed), typed).toBe(code);
    }
    for (const bad of ['', 'ABCDE', 'ABCDE-0FGH1-JKMNP-QRSTU', 'ABCDE-0FGH1-JKMNP-QRSTVW', '<script>']) expect(normaliseTicketCode(bad), bad).toBeNull();
  });
});

describe('manage token sealing (idempotent replays)', () => {
  it('opens only with the same idempotency key and booking id', () => {
    const sealed = sealManageToken('tok_123', 'key-aaaaaaaaaaaaaaaa', 'booking-1');
    expect(sealed).not.toContain('tok_123');
    expect(openManageToken(sealed, 'key-aaaaaaaaaaaaaaaa', 'booking-1')).toBe('tok_123');
    expect(openManageToken(sealed, 'key-bbbbbbbbbbbbbbbb', 'booking-1')).toBeNull();
    expect(openManageToken(sealed, 'key-aaaaaaaaaaaaaaaa', 'booking-2')).toBeNull();
    expect(openManageToken('garbage', 'key-aaaaaaaaaaaaaaaa', 'booking-1')).toBeNull();
  });
});

describe('time zones', () => {
  it('converts wall time to instants, DST included', () => {
    expect(zonedToUtc('2030-06-01', '10:00', 'Asia/Shanghai').toISOString()).toBe('2030-06-01T02:00:00.000Z');
    expect(zonedToUtc('2030-07-01', '10:00', 'America/New_York').toISOString()).toBe('2030-07-01T14:00:00.000Z');
    expect(zonedToUtc('2030-01-01', '10:00', 'America/New_York').toISOString()).toBe('2030-01-01T15:00:00.000Z');
    // 02:30 does not exist on the spring-forward night: it lands an hour later, as clocks do.
    expect(zonedToUtc('2030-03-10', '02:30', 'America/New_York').toISOString()).toBe('2030-03-10T07:30:00.000Z');
    expect(zonedParts(new Date('2030-06-01T17:30:00Z'), 'Asia/Shanghai')).toEqual({ date: '2030-06-02', time: '01:30', weekday: 6 });
  });

  it('a weekly template skips starts already past', () => {
    const t = weeklySlotsSchema.parse({ weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['09:00', '18:00'], durationMinutes: 30, capacity: 2, timezone: 'UTC', from: '2030-01-01', weeks: 1 });
    const starts = weeklySlotStarts(t, new Date('2030-01-01T12:00:00Z'));
    expect(starts).toHaveLength(13);
    expect(starts[0].toISOString()).toBe('2030-01-01T18:00:00.000Z');
  });
});
