import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { ArStage } from '../../../../client/xr/ar/ArStage.ts';

describe('ArStage', () => {
  it('places several exhibits at the reticle, each anchored; gestures act on the selected one', () => {
    const s = new ArStage({ id: 'sand-table', arScale: 0.001 }, 0);
    let changes = 0;
    s.onChange(() => changes++);
    expect(s.placeAtReticle(0, [0, 1.5, 0])).toBeNull();
    s.placement.frame(10, { tracked: true, hit: { position: [0, 0.74, -0.6], orientation: [0, 0, 0, 1] } });
    const table = s.placeAtReticle(20, [0, 1.5, 0])!;
    expect(table.exhibitId).toBe('sand-table');
    expect(new THREE.Vector3().setFromMatrixPosition(table.pose.worldMatrix()).y).toBeCloseTo(0.74);

    s.next = { id: 'ding', arScale: 1 };
    s.placement.frame(30, { tracked: true, hit: { position: [0.5, 0.74, -0.6], orientation: [0, 0, 0, 1] } });
    const ding = s.placeAtReticle(40, [0, 1.5, 0])!;
    expect(s.models.map((m) => m.exhibitId)).toEqual(['sand-table', 'ding']);
    expect(s.selected).toBe(ding.key);

    s.select(table.key);
    s.gestureStart({ x: 0, y: 0 }, { x: 100, y: 0 });
    s.gestureMove({ x: 0, y: 0 }, { x: 150, y: 0 });
    s.gestureEnd();
    expect(table.pose.scale).toBeCloseTo(1.5);
    expect(ding.pose.scale, 'the other model is untouched').toBe(1);

    s.toggleInfoPoint(table.key, 'north-gate');
    expect(s.caption).toEqual({ key: table.key, infoPointId: 'north-gate' });
    s.toggleInfoPoint(table.key, 'north-gate');
    expect(s.caption).toBeNull();
    s.toggleInfoPoint(table.key, 'north-gate');
    s.remove(table.key, 50);
    expect(s.caption, 'removing a model closes its caption').toBeNull();
    expect(s.selected).toBe(ding.key);
    expect(changes).toBeGreaterThan(5);
  });
});
