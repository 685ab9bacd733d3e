import { describe, expect, it } from 'vitest';
import { ShowFollower, SHOW_FOLLOW_BUDGET_MS, type FollowShowPlayer } from '../../../client/session/ShowFollower.ts';

/** A player whose angles all show program time `pdt` (the player's own sync holds them together). */
function fakePlayer(ids: string[], pdt: { value: number }) {
  const seeks: number[] = [];
  const p: FollowShowPlayer & { seeks: number[]; mainId: string } = {
    mainId: ids[0],
    seeks,
    get main() {
      return this.mainId;
    },
    players: new Map(ids.map((id) => [id, { programMs: () => pdt.value, seekBy: (s: number) => (seeks.push(s), (pdt.value += s * 1000)), ready: true }])),
    switchTo(id: string) {
      this.mainId = id;
    },
  };
  return p;
}

describe('ShowFollower', () => {
  it('a follower switches to the director’s angle and seeks onto the director’s moment only past the budget', () => {
    const pdt = { value: 1_000_000 };
    const player = fakePlayer(['stage', 'left'], pdt);
    let server = 50_000;
    let now = 0;
    const f = new ShowFollower(player, { following: true, serverNow: () => server, now: () => now });
    // The host showed 1_002_000 at server time 49_000; a second later they are at 1_003_000: we are 3 s behind.
    f.setTarget({ angleId: 'left', streamTime: 1_002_000, at: 49_000 });
    expect(player.main).toBe('left');
    f.tick();
    expect(player.seeks).toEqual([3]);
    // Within the budget: left alone.
    server += 1000;
    pdt.value += 1000 - SHOW_FOLLOW_BUDGET_MS / 2;
    now += 5000;
    f.tick();
    expect(player.seeks).toHaveLength(1);
    expect(Math.abs(f.lastErrorMs!)).toBeLessThanOrEqual(SHOW_FOLLOW_BUDGET_MS);
  });

  it('picking one’s own angle stops following; the director’s next cut leaves it; snapping back returns to the director’s angle', () => {
    const pdt = { value: 1_000_000 };
    const player = fakePlayer(['stage', 'left', 'wide'], pdt);
    const f = new ShowFollower(player, { following: true, serverNow: () => 0 });
    f.setTarget({ angleId: 'stage', streamTime: null, at: 0 });
    expect(f.pick('stage')).toBe(false); // the director's own angle: still following
    expect(f.pick('wide')).toBe(true);
    expect(f.following).toBe(false);
    f.setTarget({ angleId: 'left', streamTime: null, at: 0 });
    expect(player.main).toBe('wide');
    f.snapBack();
    expect(player.main).toBe('left');
    expect(f.following).toBe(true);
  });

  it('without a stream time (the director has not switched yet) nothing seeks', () => {
    const player = fakePlayer(['stage'], { value: 5 });
    const f = new ShowFollower(player, { following: true, serverNow: () => 1e12 });
    f.setTarget({ angleId: 'stage', streamTime: null, at: 0 });
    f.tick();
    expect(player.seeks).toEqual([]);
  });
});
