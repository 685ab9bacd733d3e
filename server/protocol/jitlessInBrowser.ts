/**
 * In a browser, zod runs without compiling its parsers. To decide whether it can, zod probes
 * `new Function` when a schema is built; the Content-Security-Policy forbids eval and reports
 * even a probe that is caught. The server keeps the compiled parsers. index.ts imports this
 * first, before any module that builds a schema.
 */
import { z } from 'zod';

if (typeof document !== 'undefined') z.config({ jitless: true });
