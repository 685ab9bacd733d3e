import type { z } from 'zod';
import type { infoPointFieldsSchema } from '../../../server/protocol/museum.ts';

/** An info point as museum.json stores it: the protocol's fields, in zh-CN and en. */
export type DemoInfoPoint = z.input<typeof infoPointFieldsSchema>;
