import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../../server/log/formatLogLine.ts';

describe('formatLogLine (npm start on a terminal)', () => {
  it('shows the time, the level and the sentence first, the fields after', () => {
    const line = JSON.stringify({ level: 'info', time: '2026-12-07T13:52:59.123Z', msg: 'Vantage: serving on http://localhost:8080', reqId: 'a1' });
    expect(formatLogLine(line)).toBe('13:52:59 INFO  Vantage: serving on http://localhost:8080  {"reqId":"a1"}');
  });

  it("prints a real failure's stack on the lines below", () => {
    const line = JSON.stringify({ level: 'error', time: '2026-12-07T13:52:59.123Z', msg: 'request failed', err: { stack: 'Error: boom\n    at x' } });
    expect(formatLogLine(line)).toBe('13:52:59 ERROR request failed\nError: boom\n    at x');
  });

  it('passes a line that is not JSON through unchanged', () => {
    expect(formatLogLine('plain text')).toBe('plain text');
  });
});
