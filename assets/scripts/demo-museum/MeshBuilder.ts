/**
 * A small triangle-soup builder for the demo museum's models, written in Node (no three.js):
 * positions, vertex colours (linear RGB), optional UVs and smooth normals averaged over the
 * vertices a shape shares — so a lathe comes out smooth and a box (four vertices per face)
 * flat. Shapes are added through a transform so buildings can be authored around their origin.
 */
export type Vec3 = [number, number, number];
export type Rgb = [number, number, number];
export type Transform = (p: Vec3) => Vec3;

const identity: Transform = (p) => p;

export class MeshBuilder {
  readonly positions: number[] = [];
  readonly colors: number[] = [];
  readonly uvs: number[] = [];
  readonly indices: number[] = [];
  /** Vertex pairs at the same place whose normals are averaged (a lathe's UV seam). */
  readonly seams: Array<[number, number]> = [];
  /** Applied to every vertex added; set it around a shape, then back. */
  transform: Transform = identity;

  get vertexCount(): number {
    return this.positions.length / 3;
  }

  vertex(p: Vec3, color: Rgb, uv: [number, number] = [0, 0]): number {
    const q = this.transform(p);
    this.positions.push(q[0], q[1], q[2]);
    this.colors.push(color[0], color[1], color[2]);
    this.uvs.push(uv[0], uv[1]);
    return this.vertexCount - 1;
  }

  tri(a: number, b: number, c: number): void {
    this.indices.push(a, b, c);
  }

  /** Counter-clockwise a→b→c→d as seen from the front. */
  quad(a: number, b: number, c: number, d: number): void {
    this.indices.push(a, b, c, a, c, d);
  }

  /** A flat-shaded quad of four fresh vertices. */
  face(a: Vec3, b: Vec3, c: Vec3, d: Vec3, color: Rgb): void {
    const i = this.vertex(a, color, [0, 0]);
    this.vertex(b, color, [1, 0]);
    this.vertex(c, color, [1, 1]);
    this.vertex(d, color, [0, 1]);
    this.quad(i, i + 1, i + 2, i + 3);
  }

  /** Area-weighted vertex normals; vertices not shared between faces keep their face's normal. */
  normals(): Float32Array {
    const n = new Float32Array(this.positions.length);
    const p = this.positions;
    for (let t = 0; t < this.indices.length; t += 3) {
      const [a, b, c] = [this.indices[t] * 3, this.indices[t + 1] * 3, this.indices[t + 2] * 3];
      const ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
      const vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
      const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
      for (const i of [a, b, c]) {
        n[i] += nx;
        n[i + 1] += ny;
        n[i + 2] += nz;
      }
    }
    for (const [a, b] of this.seams)
      for (let k = 0; k < 3; k++) {
        const sum = n[a * 3 + k] + n[b * 3 + k];
        n[a * 3 + k] = n[b * 3 + k] = sum;
      }
    for (let i = 0; i < n.length; i += 3) {
      const len = Math.hypot(n[i], n[i + 1], n[i + 2]) || 1;
      n[i] /= len;
      n[i + 1] /= len;
      n[i + 2] /= len;
      // A degenerate vertex (lathe pole) still needs a unit normal for the validator.
      if (n[i] === 0 && n[i + 1] === 0 && n[i + 2] === 0) n[i + 1] = 1;
    }
    return n;
  }
}

/** Runs `build` with `transform` composed after the builder's current one. */
export function withTransform(b: MeshBuilder, transform: Transform, build: () => void): void {
  const outer = b.transform;
  b.transform = (p) => outer(transform(p));
  try {
    build();
  } finally {
    b.transform = outer;
  }
}

/** Rotation about y (radians), then translation. */
export function placeAt(x: number, y: number, z: number, rotY = 0): Transform {
  const c = Math.cos(rotY), s = Math.sin(rotY);
  return ([px, py, pz]) => [x + c * px + s * pz, y + py, z - s * px + c * pz];
}

/** An axis-aligned box with flat faces; `top` false leaves the top open (it sits under a roof). */
export function box(b: MeshBuilder, min: Vec3, max: Vec3, color: Rgb, opts: { bottom?: boolean; top?: boolean } = {}): void {
  const [x0, y0, z0] = min;
  const [x1, y1, z1] = max;
  b.face([x0, y0, z1], [x1, y0, z1], [x1, y1, z1], [x0, y1, z1], color); // +z
  b.face([x1, y0, z0], [x0, y0, z0], [x0, y1, z0], [x1, y1, z0], color); // -z
  b.face([x1, y0, z1], [x1, y0, z0], [x1, y1, z0], [x1, y1, z1], color); // +x
  b.face([x0, y0, z0], [x0, y0, z1], [x0, y1, z1], [x0, y1, z0], color); // -x
  if (opts.top !== false) b.face([x0, y1, z1], [x1, y1, z1], [x1, y1, z0], [x0, y1, z0], color);
  if (opts.bottom) b.face([x0, y0, z0], [x1, y0, z0], [x1, y0, z1], [x0, y0, z1], color);
}

/**
 * A surface of revolution about y: `profile` is [radius, y] from bottom to top. `color(u, t, y)`
 * gets the turn (0–1), the profile parameter (0–1, by arc length) and the height; `radius`
 * may displace the surface (relief); `v` sets the texture row (default 1 − t). UV = (u, v).
 */
export function lathe(
  b: MeshBuilder,
  profile: Array<[number, number]>,
  segments: number,
  color: (u: number, t: number, y: number) => Rgb,
  opts: { radius?: (u: number, t: number, r: number, y: number) => number; v?: (t: number, y: number) => number } = {},
): void {
  const lengths = [0];
  for (let i = 1; i < profile.length; i++) lengths.push(lengths[i - 1] + Math.hypot(profile[i][0] - profile[i - 1][0], profile[i][1] - profile[i - 1][1]));
  const total = lengths[lengths.length - 1];
  const first = b.vertexCount;
  const ring = segments + 1;
  for (let i = 0; i < profile.length; i++) {
    const t = lengths[i] / total;
    const [r0, y] = profile[i];
    for (let s = 0; s <= segments; s++) {
      const u = s / segments;
      const a = u * Math.PI * 2;
      const r = opts.radius ? opts.radius(u % 1, t, r0, y) : r0;
      b.vertex([Math.sin(a) * r, y, Math.cos(a) * r], color(u % 1, t, y), [u, opts.v ? opts.v(t, y) : 1 - t]);
    }
  }
  // The first and last vertex of a ring share a place but not a UV: weld their normals.
  for (let i = 0; i < profile.length; i++) b.seams.push([first + i * ring, first + i * ring + segments]);
  for (let i = 0; i < profile.length - 1; i++)
    for (let s = 0; s < segments; s++) {
      const a = first + i * ring + s;
      const c = a + ring;
      b.quad(a, a + 1, c + 1, c);
    }
}

/** Catmull-Rom through [r, y] control points, `steps` samples per span: a smooth lathe profile. */
export function smoothProfile(points: Array<[number, number]>, steps: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)], p1 = points[i], p2 = points[i + 1], p3 = points[Math.min(points.length - 1, i + 2)];
    for (let s = 0; s < steps; s++) {
      const t = s / steps, t2 = t * t, t3 = t2 * t;
      const f = (k: 0 | 1) => 0.5 * (2 * p1[k] + (-p0[k] + p2[k]) * t + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t2 + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t3);
      out.push([f(0), f(1)]);
    }
  }
  out.push(points[points.length - 1]);
  return out;
}

/** A four-sided hip roof (eaves at y0, ridge at y1) over [x0,x1]×[z0,z1]; `ridge` shortens the ridge from each end. */
export function hipRoof(b: MeshBuilder, x0: number, z0: number, x1: number, z1: number, y0: number, y1: number, ridgeInset: number, color: Rgb): void {
  const cz = (z0 + z1) / 2;
  const ra: Vec3 = [x0 + ridgeInset, y1, cz];
  const rb: Vec3 = [x1 - ridgeInset, y1, cz];
  b.face([x0, y0, z1], [x1, y0, z1], rb, ra, color);
  b.face([x1, y0, z0], [x0, y0, z0], ra, rb, color);
  const i = b.vertex([x1, y0, z1], color);
  b.vertex([x1, y0, z0], color);
  b.vertex(rb, color);
  b.tri(i, i + 1, i + 2);
  const j = b.vertex([x0, y0, z0], color);
  b.vertex([x0, y0, z1], color);
  b.vertex(ra, color);
  b.tri(j, j + 1, j + 2);
  // Underside of the eaves, so the roof does not look hollow from a low AR angle.
  b.face([x0, y0, z0], [x1, y0, z0], [x1, y0, z1], [x0, y0, z1], color);
}

/** A gable roof along x: two slopes and two gable triangles. */
export function gableRoof(b: MeshBuilder, x0: number, z0: number, x1: number, z1: number, y0: number, y1: number, color: Rgb, gable: Rgb = color): void {
  const cz = (z0 + z1) / 2;
  b.face([x0, y0, z1], [x1, y0, z1], [x1, y1, cz], [x0, y1, cz], color);
  b.face([x1, y0, z0], [x0, y0, z0], [x0, y1, cz], [x1, y1, cz], color);
  const i = b.vertex([x1, y0, z1], gable);
  b.vertex([x1, y0, z0], gable);
  b.vertex([x1, y1, cz], gable);
  b.tri(i, i + 1, i + 2);
  const j = b.vertex([x0, y0, z0], gable);
  b.vertex([x0, y0, z1], gable);
  b.vertex([x0, y1, cz], gable);
  b.tri(j, j + 1, j + 2);
  b.face([x0, y0, z0], [x1, y0, z0], [x1, y0, z1], [x0, y0, z1], color);
}

/** sRGB hex (#rrggbb) to linear RGB, since glTF vertex colours are linear. */
export function hex(h: string): Rgb {
  const v = parseInt(h.slice(1), 16);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return [lin((v >> 16) & 255), lin((v >> 8) & 255), lin(v & 255)];
}

export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const k = Math.max(0, Math.min(1, t));
  return [a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k, a[2] + (b[2] - a[2]) * k];
}

/** Deterministic value noise in [0,1] (hash of the lattice), smooth between lattice points. */
export function noise2(x: number, y: number): number {
  const h = (i: number, j: number) => {
    const s = Math.sin(i * 127.1 + j * 311.7) * 43758.5453;
    return s - Math.floor(s);
  };
  const xi = Math.floor(x), yi = Math.floor(y);
  const xf = x - xi, yf = y - yi;
  const sx = xf * xf * (3 - 2 * xf), sy = yf * yf * (3 - 2 * yf);
  const a = h(xi, yi), b = h(xi + 1, yi), c = h(xi, yi + 1), d = h(xi + 1, yi + 1);
  return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
}
