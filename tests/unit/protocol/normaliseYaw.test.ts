import { expect, it } from 'vitest';
import { normaliseYaw } from '@protocol';

it('folds yaw into (-180, 180]', () => {
  expect([190, -180, 180, 730, -190, -540, 540].map(normaliseYaw)).toEqual([-170, 180, 180, 10, 170, 180, 180]);
  expect(Object.is(normaliseYaw(-360), 0)).toBe(true);
});

it('is exact: a small turn folds to itself, so turns accumulate without drift', () => {
  for (const y of [0.1, -0.1, 179.9, -179.9, 12.345678]) expect(normaliseYaw(y)).toBe(y);
  expect(normaliseYaw(360 + 0.5)).toBe(0.5);
  let yaw = 0;
  for (let i = 0; i < 3600; i++) yaw = normaliseYaw(yaw + 0.25);
  expect(yaw).toBe(180);
});
