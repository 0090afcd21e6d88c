import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/paths.js';

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Worker modules that load no native code and hold no job state, so the main thread may share them (temp-name reads
 * /proc once, to say which process wrote a temp file: both sides make and read those names; names carries file names
 * that are not UTF-8 as strings, on both sides; pace only counts how long the file layer's own calls took; zstd-choice
 * reads one environment variable and is the one place zstd-napi is loaded, which the main thread's zstd check did already).
 */
const PURE = ['algorithms', 'checksum-combine', 'codes', 'names', 'pace', 'temp-name', 'zstd-choice', 'zstd-header'];
/**
 * The file layer (issue 17): every open, create, rename, chown/chmod, utimes and unlink of inputs and outputs goes
 * through these modules, the main thread's walk and big-file path included. node:fs only, no job module.
 */
const FILE_LAYER = ['at', 'dir-open', 'open', 'output-file', 'owner', 'remove'];
/** The one job module the main thread runs itself, and why: standard input arrives there and is hashed there. */
const MAIN_THREAD_JOBS: Record<string, string> = { 'src/hash/stdin.ts': 'hashers' };

/** The .ts files a module loads at run time: `import`/`export … from` without `type`, bare imports, import() calls. */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const targets = [
    ...[...text.matchAll(/^(?:import|export)(?! type)[^'";]*?from '(\.[^']+)'/gm)].map((m) => m[1]),
    ...[...text.matchAll(/import\('(\.[^']+)'\)/g)].map((m) => m[1]),
    ...[...text.matchAll(/^import '(\.[^']+)'/gm)].map((m) => m[1]),
  ];
  return targets.map((t) => resolve(dirname(file), (t ?? '').replace(/\.js$/, '.ts')));
}

/** Every .ts file a module names: static imports and re-exports (type-only ones too), bare imports, import() calls. */
function allImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const targets = [
    ...[...text.matchAll(/^\s*(?:import|export)\b[^'";]*?\bfrom\s*'(\.[^']+)'/gm)].map((m) => m[1]),
    ...[...text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g)].map((m) => m[1]),
    ...[...text.matchAll(/^import '(\.[^']+)'/gm)].map((m) => m[1]),
  ];
  return targets.map((t) => resolve(dirname(file), (t ?? '').replace(/\.js$/, '.ts')));
}

describe('import directions', () => {
  it('workers/ never imports main-thread code', () => {
    for (const file of sources('workers')) expect(readFileSync(file, 'utf8'), file).not.toMatch(/from '\.\.\/(\.\.\/)?src\//);
  });

  it('src/ takes from workers/ only the protocol, pure helpers and the file layer, never a job module', () => {
    for (const file of sources('src')) {
      const rel = relative(ROOT, file);
      for (const [, target] of readFileSync(file, 'utf8').matchAll(/(?:from |import\()'(?:\.\.\/)+workers\/([\w-]+)\.js'/g)) {
        const name = target ?? '';
        const allowed = name === 'protocol' || name.endsWith('-protocol') || PURE.includes(name) || FILE_LAYER.includes(name)
          || MAIN_THREAD_JOBS[rel] === name;
        expect(allowed, `${rel} imports workers/${target}`).toBe(true);
      }
    }
  });

  it('has no import cycle in src/ and workers/ (value imports and import() calls; type-only imports vanish at build)', () => {
    const files = [...sources('src'), ...sources('workers')];
    const graph = new Map(files.map((file) => [file, valueImports(file).filter((target) => files.includes(target))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(ROOT, f)).join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('the CLI is a client of the library: every import leaving src/cli/ (types and import() too) goes to an "exports" file', () => {
    const exported = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    const targets = new Set(Object.values(exported.exports)
      .flatMap((entry) => (typeof entry === 'string' ? [entry] : Object.values(entry as Record<string, string>)))
      .filter((target) => target.startsWith('./dist/'))
      .map((target) => join(ROOT, target.slice('./dist/'.length).replace(/(\.d\.ts|\.js)$/, '.ts'))));
    expect(targets.size).toBeGreaterThan(3);
    const cli = join(ROOT, 'src', 'cli') + sep;
    const outside: string[] = [];
    for (const file of sources('src/cli')) {
      for (const target of allImports(file)) {
        if (!target.startsWith(cli) && !targets.has(target)) outside.push(`${relative(ROOT, file)} imports ${relative(ROOT, target)}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('the planner does not depend on the pool', () => {
    for (const file of sources('src/planner')) expect(readFileSync(file, 'utf8'), file).not.toMatch(/from '\.\.\/pool\//);
  });
});

describe('the file layer', () => {
  it('imports only node: modules, its own layer, the shared pure modules and protocol siblings', () => {
    for (const name of FILE_LAYER) {
      const text = readFileSync(join(ROOT, 'workers', `${name}.ts`), 'utf8');
      for (const [, target] of text.matchAll(/from '([^']+)'/g)) {
        const sibling = [...FILE_LAYER, ...PURE].some((m) => target === `./${m}.js`) || /^\.\/[\w-]*protocol\.js$/.test(target ?? '');
        const ok = target?.startsWith('node:') === true || sibling;
        expect(ok, `workers/${name}.ts imports ${target}`).toBe(true);
      }
    }
  });

  it('no other module opens, creates, renames or removes files by name', () => {
    const ops = /\b(openSync|renameSync|unlinkSync|rmSync|mkdirSync|chownSync|lchownSync|chmodSync|utimesSync)\(|fs\/promises'/;
    const allowed = new Set([...FILE_LAYER.map((m) => `workers/${m}.ts`)]);
    for (const file of sources('workers')) {
      const rel = relative(ROOT, file);
      if (allowed.has(rel)) continue;
      expect(readFileSync(file, 'utf8'), rel).not.toMatch(ops);
    }
  });
});

describe('layout', () => {
  it('no line in src/ or workers/ is over 140 characters', () => {
    const long: string[] = [];
    for (const file of [...sources('src'), ...sources('workers')]) {
      const rel = relative(ROOT, file);
      readFileSync(file, 'utf8').split(/\r?\n/).forEach((line, i) => {
        if (line.length > 140) long.push(`${rel}:${i + 1} (${line.length} characters)`);
      });
    }
    expect(long).toEqual([]);
  });
});

describe('one scheduler', () => {
  it('the read, map, hash and compress engines run their files only through src/pool/scheduler.ts', () => {
    for (const engine of ['read', 'map', 'hash', 'compress']) {
      const text = readFileSync(join(ROOT, 'src', engine, 'engine.ts'), 'utf8');
      expect(text, engine).toMatch(/from '\.\.\/pool\/scheduler\.js'/);
      expect(text, `${engine}: no task sent past the scheduler`).not.toMatch(/\bpool\.run\(|runWindow|runLeased/);
    }
  });

  it('nothing outside src/pool/ sends a task to the pool itself (the scheduler, or tasks.ts for big-file streams and single tasks)', () => {
    for (const file of sources('src').filter((f) => !f.includes('/src/pool/'))) {
      expect(readFileSync(file, 'utf8'), relative(ROOT, file)).not.toMatch(/\bpool\.run\(|\.run\('(read|hash|map|compress|encode)/);
    }
  });

  it('the window, the in-order stage and hand-backs exist once, in src/pool/', () => {
    for (const file of sources('src').filter((f) => !f.includes('/src/pool/'))) {
      const text = readFileSync(file, 'utf8');
      expect(text, relative(ROOT, file)).not.toMatch(/function\*? (reorder|runWindow|runOrdered|handBackPieces)\b|handBackPieces\(/);
    }
  });
});
