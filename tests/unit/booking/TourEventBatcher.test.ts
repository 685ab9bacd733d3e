import { describe, expect, it } from 'vitest';
import { eventBatchSchema, type TourEvent } from '../../../server/protocol/booking.ts';
import { TourEventBatcher } from '../../../client/booking/TourEventBatcher.ts';

function setup() {
  let t = 1000;
  const sent: TourEvent[][] = [];
  const b = new TourEventBatcher('demo-flat', (e) => sent.push(e), 'v1', () => t);
  return { b, sent, advance: (ms: number) => (t += ms) };
}

describe('TourEventBatcher', () => {
  it('reports a view, each room entered and the time spent there, in batches the server accepts', () => {
    const { b, sent, advance } = setup();
    b.start('living');
    advance(5000);
    b.enter('living'); // same room: nothing new
    b.enter('kitchen');
    b.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual([
      { type: 'tour_view', placeId: 'demo-flat', visitorId: 'v1', sceneId: 'living' },
      { type: 'room_enter', placeId: 'demo-flat', sceneId: 'living', visitorId: 'v1' },
      { type: 'room_dwell', placeId: 'demo-flat', sceneId: 'living', dwellMs: 5000, visitorId: 'v1' },
      { type: 'room_enter', placeId: 'demo-flat', sceneId: 'kitchen', visitorId: 'v1' },
    ]);
    expect(eventBatchSchema.safeParse({ events: sent[0] }).success).toBe(true);
    b.flush();
    expect(sent).toHaveLength(1); // nothing queued, nothing sent
  });

  it('does not count hidden time as dwell, and closes the room when the page leaves', () => {
    const { b, sent, advance } = setup();
    b.start('living');
    advance(2000);
    b.setHidden(true);
    advance(60_000);
    b.setHidden(false);
    advance(3000);
    b.flush(true);
    expect(sent.flat().filter((e) => e.type === 'room_dwell')).toEqual([{ type: 'room_dwell', placeId: 'demo-flat', sceneId: 'living', dwellMs: 5000, visitorId: 'v1' }]);
    // Back from the bfcache: the same room keeps counting from zero.
    advance(1000);
    b.flush(true);
    expect(sent.flat().filter((e) => e.type === 'room_dwell').map((e) => (e as { dwellMs: number }).dwellMs)).toEqual([5000, 1000]);
  });

  it('splits long queues into batches of 100 and caps dwell at 6 h', () => {
    const { b, sent, advance } = setup();
    b.start(null);
    for (let i = 0; i < 150; i++) b.enter(`r${i}`);
    advance(7 * 3600_000);
    b.flush(true);
    expect(sent.map((s) => s.length)).toEqual([100, 52]);
    expect(sent.flat().at(-1)).toMatchObject({ type: 'room_dwell', sceneId: 'r149', dwellMs: 6 * 3600_000 });
    for (const batch of sent) expect(eventBatchSchema.safeParse({ events: batch }).success).toBe(true);
  });
});
