import { createLogger, type LogLevel, type Logger } from './createLogger.ts';

const LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * The process's logger for code that runs outside a request and was handed none (the session
 * bus, the Postgres pool, defaults of optional `log` callbacks). LOG_LEVEL sets its level, as
 * for the logger server/index.ts passes around.
 */
export const serverLog: Logger = createLogger({ level: LEVELS.includes(process.env.LOG_LEVEL ?? '') ? (process.env.LOG_LEVEL as LogLevel) : 'info' });
