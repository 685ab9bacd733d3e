import { describe, expect, it } from 'vitest';
import type { EventEmitter } from 'node:events';
import * as ws from 'ws';
import { textFrame } from '../../../server/sessions/textFrame.ts';

// ws's own frame parser (exported at runtime, not in its types): what every client-side ws uses.
const Receiver = (ws as unknown as { Receiver: new (o: { isServer: boolean }) => EventEmitter & { write(b: Buffer): void } }).Receiver;

describe('textFrame', () => {
  it('builds frames ws decodes, at all three length encodings', async () => {
    for (const size of [0, 125, 126, 200, 65535, 65536, 70_000]) {
      const payload = Buffer.from('é'.repeat(Math.floor(size / 2)) + 'x'.repeat(size % 2));
      const got = await new Promise<string>((resolve, reject) => {
        const r = new Receiver({ isServer: false });
        r.on('message', (data: Buffer, isBinary: boolean) => (isBinary ? reject(new Error('binary')) : resolve(data.toString())));
        r.on('error', reject);
        r.write(textFrame(payload));
      });
      expect(got, `size ${size}`).toBe(payload.toString());
    }
  });
});
