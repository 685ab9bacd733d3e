import { describe, expect, it } from 'vitest';
import { directionFromYawPitch, equirectUv, faceOfDirection, facePoint, FACE_IDS, FACES, yawPitchFromDirection } from '@protocol';

describe('cube faces and equirect mapping', () => {
  it('each face basis is orthonormal and right-handed as seen from inside', () => {
    for (const id of FACE_IDS) {
      const { center: c, right: r, up: u } = FACES[id];
      const dot = (a: readonly number[], b: readonly number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
      expect(dot(c, r)).toBe(0);
      expect(dot(c, u)).toBe(0);
      expect(dot(r, u)).toBe(0);
      // right × up points back at the viewer (−centre): the face is seen from inside, not mirrored.
      const cross = [r[1] * u[2] - r[2] * u[1], r[2] * u[0] - r[0] * u[2], r[0] * u[1] - r[1] * u[0]];
      expect(cross.map((v) => v + 0)).toEqual(c.map((v) => -v + 0));
    }
  });

  it('yaw 0 looks at the front face centre, yaw 90 at the right face, pitch 90 at the top', () => {
    expect(faceOfDirection(...directionFromYawPitch(0, 0)).face).toBe('f');
    expect(faceOfDirection(...directionFromYawPitch(90, 0)).face).toBe('r');
    expect(faceOfDirection(...directionFromYawPitch(180, 0)).face).toBe('b');
    expect(faceOfDirection(...directionFromYawPitch(-90, 0)).face).toBe('l');
    expect(faceOfDirection(...directionFromYawPitch(0, 89)).face).toBe('u');
    expect(faceOfDirection(...directionFromYawPitch(0, -89)).face).toBe('d');
  });

  it('facePoint and faceOfDirection are inverse', () => {
    for (const id of FACE_IDS)
      for (const [a, b] of [[0, 0], [0.5, -0.25], [-0.9, 0.9]]) {
        const p = facePoint(id, a, b);
        const back = faceOfDirection(...p);
        expect(back.face).toBe(id);
        expect(back.a).toBeCloseTo(a, 12);
        expect(back.b).toBeCloseTo(b, 12);
      }
  });

  it('yaw/pitch round-trips through a direction, and the equirect centre is yaw 0', () => {
    for (const [yaw, pitch] of [[0, 0], [45, 10], [-120, -30], [179, 60]]) {
      const back = yawPitchFromDirection(...directionFromYawPitch(yaw, pitch));
      expect(back.yaw).toBeCloseTo(yaw, 9);
      expect(back.pitch).toBeCloseTo(pitch, 9);
    }
    expect(equirectUv(...directionFromYawPitch(0, 0))).toEqual({ u: 0.5, v: 0.5 });
    expect(equirectUv(...directionFromYawPitch(90, 0)).u).toBeCloseTo(0.75, 12);
    expect(equirectUv(...directionFromYawPitch(0, 90)).v).toBeCloseTo(0, 12);
  });

  it('the top face edge next to the front face is the bottom of its image', () => {
    // Looking up from the front, the front face's top edge meets the top face's bottom edge.
    const frontTop = facePoint('f', 0, 1);
    const upBottom = facePoint('u', 0, -1);
    expect(frontTop).toEqual(upBottom);
    const frontBottom = facePoint('f', 0, -1);
    const downTop = facePoint('d', 0, 1);
    expect(frontBottom).toEqual(downTop);
  });
});
