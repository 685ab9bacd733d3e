import { createMemoryBusHub } from '../../../server/sessions/bus/memory.ts';
import { busCases } from './bus.case.ts';

const hub = createMemoryBusHub();
busCases({ kind: 'memory', connect: async () => hub.connect() });
