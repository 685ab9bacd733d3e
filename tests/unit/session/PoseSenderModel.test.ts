import { describe, expect, it } from 'vitest';
import type { ModelPose } from '@protocol';
import { PoseSender, type PoseSample } from '../../../client/session/PoseSender.ts';

const hall = { sceneId: 'hall', yaw: 10, pitch: 0, fov: 90 };
const model = (x: number, point: ModelPose['point'] = null): ModelPose => ({ exhibitId: 'ding', camera: { position: [x, 1, 2], target: [0, 0.5, 0], fov: 40 }, point });

describe('PoseSender on an exhibit', () => {
  it('sends the model camera and laser when they change (the hall view still), nothing while they stay, and the last change always', () => {
    const out: PoseSample[] = [];
    const s = new PoseSender((p) => (out.push(p), true), 20);
    expect(s.offer({ ...hall, model: model(1) }, 0)).toBe(true);
    expect(out[0].model).toEqual(model(1));
    for (let t = 16; t < 1000; t += 16) s.offer({ ...hall, model: model(1) }, t);
    expect(out).toHaveLength(1);
    // An orbit step, then the laser, each a frame of its own (the rate allowing).
    s.offer({ ...hall, model: model(1.01) }, 1000);
    s.offer({ ...hall, model: model(1.01, [0, 0.5, 0.2]) }, 1020);
    s.offer({ ...hall, model: model(1.01, [0, 0.5, 0.2]) }, 1060);
    expect(out.map((p) => p.model)).toEqual([model(1), model(1.01), model(1.01, [0, 0.5, 0.2])]);
    // Back to the hall: the pose without a model is news too.
    expect(s.offer(hall, 1200)).toBe(true);
    expect(out.at(-1)!.model).toBeUndefined();
  });
});
