import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The project's boundaries, checked over the source instead of remembered (docs: DESIGN.md
 * "Shape"): the client reaches the wire contract only through the `@protocol` alias,
 * client/viewer is plain TypeScript without React, server/protocol imports nothing but zod
 * and itself, and no module imports itself round a cycle. Imports are read with a small
 * regex-based scanner (comments and strings of code are not parsed beyond what it needs).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PROTOCOL = path.join(ROOT, 'server/protocol');

interface Import {
  /** As written. */
  spec: string;
  /** The file it resolves to (inside the repo), or null for a package. */
  file: string | null;
  /** `import type`/`export type`, or `typeof import()`: gone at run time. */
  typeOnly: boolean;
  line: number;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Comments blanked (lengths and newlines kept, so line numbers still hold); string contents are left. */
function withoutComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\/|(^|[^:'"`\\])\/\/[^\n]*/g, (m, pre: string | undefined) => (pre !== undefined && !m.startsWith('/*') ? pre + ' '.repeat(m.length - pre.length) : m.replace(/[^\n]/g, ' ')));
}

function resolve(from: string, spec: string): string | null {
  let target: string;
  if (spec === '@protocol') target = path.join(PROTOCOL, 'index.ts');
  else if (spec.startsWith('@protocol/')) target = path.join(PROTOCOL, spec.slice('@protocol/'.length));
  else if (spec.startsWith('.')) target = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [target, `${target}.ts`, `${target}.tsx`, path.join(target, 'index.ts')]) if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return target;
}

export function importsOf(file: string, src = readFileSync(file, 'utf8')): Import[] {
  const code = withoutComments(src);
  const lineAt = (i: number) => code.slice(0, i).split('\n').length;
  const out: Import[] = [];
  // import x from 'a'; import { type X } from 'a'; import type X from 'a'; export * from 'a'; import 'a';
  const stat = /(?:^|[;\n}])\s*(import|export)\s+(type\s+)?([\w*${}\s,]*?\s+from\s+)?['"]([^'"]+)['"]/g;
  for (const m of code.matchAll(stat)) {
    if (m[1] === 'export' && !m[3]) continue;
    const names = m[3] ?? '';
    // `import { type A, type B } from` is erased too when every name is a type.
    const allTypes = /^\s*\{([^}]*)\}\s+from\s+$/.exec(names)?.[1].split(',').filter((n) => n.trim()).every((n) => /^\s*type\s/.test(n)) ?? false;
    out.push({ spec: m[4], file: resolve(file, m[4]), typeOnly: !!m[2] || allTypes, line: lineAt(m.index! + m[0].indexOf(m[1])) });
  }
  // import('a'): a runtime edge, unless it is a type position (`typeof import('a')`, `: import('a').X`).
  for (const m of code.matchAll(/(typeof\s+)?\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const before = code.slice(Math.max(0, m.index! - 40), m.index!);
    out.push({ spec: m[2], file: resolve(file, m[2]), typeOnly: !!m[1] || /[:<,|&]\s*$/.test(before), line: lineAt(m.index!) });
  }
  return out;
}

const rel = (f: string) => path.relative(ROOT, f);
const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

/** Every file under `dirs` with its imports. */
function graph(dirs: string[]): Map<string, Import[]> {
  const g = new Map<string, Import[]>();
  for (const d of dirs) for (const f of sourceFiles(path.join(ROOT, d))) g.set(f, importsOf(f));
  return g;
}

/** The import cycles among runtime imports, each as the files round it (smallest first), one per strongly connected group. */
export function cycles(g: Map<string, Import[]>): string[][] {
  // Tarjan's strongly connected components over runtime edges.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let next = 0;
  const edges = (f: string) => (g.get(f) ?? []).filter((i) => !i.typeOnly && i.file && g.has(i.file)).map((i) => i.file!);
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || edges(v).includes(v)) groups.push(group.map(rel).sort());
    }
  };
  for (const f of g.keys()) if (!index.has(f)) visit(f);
  return groups;
}

/** Whether `from`'s runtime imports reach the package `pkg` (`explain`: say how, on failure). */
function reaches(g: Map<string, Import[]>, from: string, pkg: string, explain = false): boolean | string {
  const seen = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const f = queue.shift()!;
    const imports = g.get(f) ?? importsOf(f);
    for (const i of imports) {
      if (i.typeOnly) continue;
      if (!i.file && packageOf(i.spec) === pkg) {
        if (!explain) return true;
        const chain = [i.spec];
        for (let at: string | null = f; at; at = seen.get(at) ?? null) chain.unshift(rel(at));
        return chain.join(' → ');
      }
      if (i.file && /\.tsx?$/.test(i.file) && existsSync(i.file) && !seen.has(i.file)) {
        seen.set(i.file, f);
        queue.push(i.file);
      }
    }
  }
  return false;
}

describe('boundaries', () => {
  const client = graph(['client']);
  const server = graph(['server']);

  it('client code reaches the wire contract only through @protocol, and nothing else of the server', () => {
    const bad: string[] = [];
    for (const [file, imports] of client)
      for (const i of imports) if (i.spec.startsWith('.') && i.file && !i.file.startsWith(path.join(ROOT, 'client') + path.sep)) bad.push(`${rel(file)}:${i.line} imports ${i.spec}`);
    expect(bad, 'use the @protocol alias for the contract; nothing else of server/ belongs in the client').toEqual([]);
  });

  it("`@protocol/<file>` only for files without zod (the first paint's); schemas come through the index", () => {
    // The index sets zod up for the browser before any schema is built (jitlessInBrowser.ts):
    // a schema module reached around it would probe eval, which the CSP forbids and reports.
    const bad: string[] = [];
    for (const [file, imports] of client)
      for (const i of imports) if (!i.typeOnly && i.spec.startsWith('@protocol/') && i.file && reaches(server, i.file, 'zod')) bad.push(`${rel(file)}:${i.line} imports ${i.spec}, which builds zod schemas: import it from '@protocol'`);
    expect(bad).toEqual([]);
  });

  it("the tour link's first-paint script (inlined into the HTML) reaches no zod, React or three", () => {
    const all = new Map([...client, ...server]);
    const entry = path.join(ROOT, 'client/boot/bootFirstPaint.ts');
    for (const pkg of ['zod', 'react', 'three']) expect(reaches(all, entry, pkg, true), `client/boot/bootFirstPaint.ts reaches ${pkg}`).toBe(false);
  });

  it('client/viewer is plain TypeScript: no React, React DOM or R3F', () => {
    const bad: string[] = [];
    for (const [file, imports] of client) {
      if (!file.startsWith(path.join(ROOT, 'client/viewer') + path.sep)) continue;
      if (file.endsWith('.tsx')) bad.push(`${rel(file)} is a .tsx file`);
      for (const i of imports) {
        const pkg = packageOf(i.spec);
        if (pkg === 'react' || pkg === 'react-dom' || pkg.startsWith('@react-three/')) bad.push(`${rel(file)}:${i.line} imports ${i.spec}`);
        if (i.file && !i.file.startsWith(path.join(ROOT, 'client/viewer') + path.sep) && !i.file.startsWith(PROTOCOL + path.sep)) {
          // It may lean on plain parts beside it, but never on a React file.
          if (i.file.endsWith('.tsx')) bad.push(`${rel(file)}:${i.line} imports the React file ${i.spec}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('server/protocol imports nothing but zod and its own files', () => {
    const bad: string[] = [];
    for (const [file, imports] of server) {
      if (!file.startsWith(PROTOCOL + path.sep)) continue;
      for (const i of imports) {
        if (i.file ? !i.file.startsWith(PROTOCOL + path.sep) : packageOf(i.spec) !== 'zod') bad.push(`${rel(file)}:${i.line} imports ${i.spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('no import cycles in client/ or server/', () => {
    expect(cycles(client), 'client').toEqual([]);
    expect(cycles(server), 'server').toEqual([]);
  });
});

describe('the import scanner the boundaries rest on', () => {
  const file = path.join(ROOT, 'client/viewer/x.ts');
  it('sees static, re-exported, side-effect and dynamic imports, and which are types only', () => {
    const src = [
      "import { a } from './a.ts';",
      "import type { B } from '../scene/b.tsx';",
      "import { type C, type D } from 'react';",
      "import { type E, f } from '@react-three/fiber';",
      "export * from './e.ts';",
      "export type { G } from './g.ts';",
      "import './side.css';",
      "const lazy = () => import('../routes/Page.tsx');",
      "type T = typeof import('./t.ts').T;",
      "// import { nope } from './commented.ts';",
      "/* import('./commented2.ts') */",
      "const s = 'http://example.com'; import { h } from '../../server/protocol/h.ts';",
    ].join('\n');
    expect(importsOf(file, src).map((i) => [i.spec, i.typeOnly, i.line])).toEqual([
      ['./a.ts', false, 1],
      ['../scene/b.tsx', true, 2],
      ['react', true, 3],
      ['@react-three/fiber', false, 4],
      ['./e.ts', false, 5],
      ['./g.ts', true, 6],
      ['./side.css', false, 7],
      ['../../server/protocol/h.ts', false, 12],
      ['../routes/Page.tsx', false, 8],
      ['./t.ts', true, 9],
    ]);
  });

  it('finds a cycle through runtime imports, not through type-only ones', () => {
    const f = (n: string) => path.join(ROOT, `server/${n}.ts`);
    const imp = (to: string, typeOnly = false): Import => ({ spec: `./${to}.ts`, file: f(to), typeOnly, line: 1 });
    const g = new Map<string, Import[]>([
      [f('a'), [imp('b')]],
      [f('b'), [imp('c')]],
      [f('c'), [imp('a')]],
      [f('d'), [imp('e')]],
      [f('e'), [imp('d', true)]],
    ]);
    expect(cycles(g)).toEqual([['server/a.ts', 'server/b.ts', 'server/c.ts']]);
  });
});
