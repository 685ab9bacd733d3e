import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from '../../../../client/host/show/localDateTime.ts';

describe('the schedule field', () => {
  it('shows an instant on the reader’s clock and reads it back as the same instant', () => {
    const iso = new Date(2026, 11, 24, 19, 30).toISOString(); // 19:30 local, whatever the zone
    expect(toLocalInput(iso)).toBe('2026-12-24T19:30');
    expect(fromLocalInput('2026-12-24T19:30')).toBe(iso);
    expect(toLocalInput(null)).toBe('');
  });

  it('reads empty as no schedule and anything else unreadable as a problem', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('24/12/2026 19:30')).toBeUndefined();
    expect(fromLocalInput('2026-13-40T99:99')).toBeUndefined();
  });
});
