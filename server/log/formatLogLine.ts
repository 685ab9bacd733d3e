/**
 * One pino JSON line as a person reads it on a terminal: `12:04:05 INFO  message  {rest}`.
 * Only for a terminal: files, pipes and log collectors keep the JSON lines.
 */
export function formatLogLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { time, level, msg, err, ...rest } = record;
  const clock = typeof time === 'string' ? time.slice(11, 19) : '';
  const extra = Object.keys(rest).length ? `  ${JSON.stringify(rest)}` : '';
  const stack = err && typeof err === 'object' && 'stack' in err ? `\n${String((err as { stack: unknown }).stack)}` : '';
  return `${clock} ${String(level ?? '').toUpperCase().padEnd(5)} ${typeof msg === 'string' ? msg : ''}${extra}${stack}`;
}
