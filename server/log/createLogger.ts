import pino, { type Logger } from 'pino';
import { Writable } from 'node:stream';
import { writeSync } from 'node:fs';
import { formatLogLine } from './formatLogLine.ts';

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
    opts.destination ?? (readableOnTerminal() ? terminalDestination() : pino.destination({ dest: 1, sync: true })),
  );
}

/** LOG_FORMAT=json|pretty; by default readable lines on a terminal, JSON lines anywhere else. */
function readableOnTerminal(): boolean {
  const format = process.env.LOG_FORMAT;
  return format === 'pretty' || (format !== 'json' && process.stdout.isTTY === true);
}

/** Synchronous like the JSON destination, so the last lines before a crash are not lost. */
function terminalDestination(): NodeJS.WritableStream {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) writeSync(1, `${formatLogLine(line)}\n`);
      done();
    },
  });
}

/** For code that takes a `(line) => void` callback: each line becomes one info record. */
export const logLine = (logger: Logger) => (line: string) => logger.info(line);
