import pino, { type Logger } from 'pino';

export type { Logger };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * The server's logger: one JSON object per line on stdout (or `destination`), each with its
 * message text in `msg`, so a person reading `npm start` still sees the sentences.
 * Writes are synchronous: the last lines before a crash must not sit in a buffer.
 */
export function createLogger(opts: { level?: LogLevel; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    opts.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** For code that takes a `(line) => void` callback: each line becomes one info record. */
export const logLine = (logger: Logger) => (line: string) => logger.info(line);
