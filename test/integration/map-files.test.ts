import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createPario, mapFiles } from '../../src/index.js';
import type { MapResult, MapperModule } from '../../src/index.js';
import type count from '../fixtures-mappers/count.js';
import { has } from '../helpers/oracle.js';
import { ROOT } from '../helpers/paths.js';
import { collect, tempDir } from '../helpers/temp.js';
import { makeTree } from '../helpers/tree.js';

const COUNT = new URL('../fixtures-mappers/count.js', import.meta.url) as MapperModule<typeof count>;
const JSON_CHECK = new URL('../fixtures-mappers/json-check.js', import.meta.url);

/** Lines and words computed another way than the mapper does: split on text. */
function expectedCounts(path: string): { lines: number; words: number } {
  const text = readFileSync(path, 'latin1');
  return { lines: text.split('\n').length - 1, words: text.split(/[ \t\n\v\f\r]+/).filter((w) => w !== '').length };
}

function values<T>(results: MapResult<T>[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const r of results) {
    if (!r.ok) throw new Error(`${r.path}: ${r.error.name} ${r.error.code} ${r.error.message}`);
    expect(map.has(r.path), `${r.path} twice`).toBe(false);
    map.set(r.path, r.value);
  }
  return map;
}

describe('mapFiles', () => {
  it('infers the mapper value from MapperModule<typeof mapper> or from the module type', () => {
    type Counts = AsyncIterable<MapResult<{ lines: number; words: number }>>;
    expectTypeOf(mapFiles('x', COUNT)).toEqualTypeOf<Counts>();
    expectTypeOf(mapFiles<typeof import('../fixtures-mappers/count.js')>('x', JSON_CHECK)).toEqualTypeOf<Counts>();
    expectTypeOf(mapFiles<typeof import('../fixtures-mappers/throw-some.js')>('x', JSON_CHECK)).toEqualTypeOf<AsyncIterable<MapResult<number>>>();
    expectTypeOf(mapFiles('x', JSON_CHECK)).toEqualTypeOf<AsyncIterable<MapResult<unknown>>>();
    expectTypeOf(createPario({ jobs: 1 }).mapFiles).toBeFunction();
  });

  it('maps 20,000 generated files exactly once with the right values, on a warm pool, in order on request', async () => {
    const root = tempDir();
    const paths = makeTree(root, 20_000, 4096, 11);
    await using pario = createPario({ jobs: 2 });
    const counts = values(await collect(pario.mapFiles(['**'], COUNT, { cwd: root })));
    expect(counts.size).toBe(paths.length);
    for (const path of paths) expect(counts.get(path), path).toEqual(expectedCounts(join(root, path)));
    const listed = paths.slice(0, 3000).reverse();
    const ordered = await collect(pario.mapFiles(listed, COUNT, { cwd: root, ordered: true, batchSize: 5 }));
    expect(ordered.map((r) => r.path)).toEqual(listed);
    expect(pario.progress().files).toBeGreaterThanOrEqual(23_000);
  });

  it('maps files above largeFile in a task of their own and files that overflow a batch in a later one', async () => {
    const root = tempDir();
    const paths = makeTree(root, 30, 3 << 20, 5);
    const results = await collect(mapFiles(['**'], COUNT, { cwd: root, largeFile: 1 << 20, maxInFlightBytes: 1 << 20, jobs: 2 }));
    const counts = values(results);
    expect(counts.size).toBe(30);
    for (const path of paths) expect(counts.get(path), path).toEqual(expectedCounts(join(root, path)));
  });

  it('loads CommonJS mappers (module.exports = fn and exports.default = fn) given as paths relative to process.cwd()', async () => {
    const cjs = fileURLToPath(new URL('../fixtures-mappers/size-cjs.cjs', import.meta.url));
    const sizes = values(await collect(mapFiles(['fixtures/basic'], cjs.slice(process.cwd().length + 1), { cwd: ROOT, jobs: 1 })));
    expect(sizes.get('fixtures/basic/hello.txt')).toBe(readFileSync(join(ROOT, 'fixtures/basic/hello.txt')).byteLength);
    const named = values(await collect(mapFiles('fixtures/basic/*.txt', new URL('../fixtures-mappers/default-cjs.cjs', import.meta.url).href, { cwd: ROOT })));
    expect(named.get('fixtures/basic/hello.txt')).toBe('cjs:fixtures/basic/hello.txt');
  });
});

describe('README examples', () => {
  it.skipIf(!has('wc'))('counts lines and words of every .ts file, as wc -l -w does in a UTF-8 locale', async () => {
    let lines = 0;
    let words = 0;
    const files: string[] = [];
    for await (const result of mapFiles('**/*.ts', COUNT, { cwd: ROOT, exclude: ['node_modules', 'dist'] })) {
      if (!result.ok) throw new Error(`${result.path}: ${result.error.message}`);
      lines += result.value.lines;
      words += result.value.words;
      files.push(result.path);
    }
    expect(files.length).toBeGreaterThan(20);
    const wc = spawnSync('wc', ['-l', '-w', ...files], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    const total = wc.stdout.trim().split('\n').at(-1)?.trim().split(/\s+/).map(Number);
    expect([lines, words]).toEqual(total?.slice(0, 2));
  });

  it('parses every JSON file and reports the invalid ones', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'conf/deep'), { recursive: true });
    const files: Record<string, string> = { 'a.json': '{"a":1}', 'conf/b.json': '[1,2', 'conf/deep/c.json': '{"x":{"y":2},"z":3}', 'conf/d.json': '', 'e.txt': 'not json' };
    for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
    const invalid: string[] = [];
    let valid = 0;
    for await (const result of mapFiles('**/*.json', JSON_CHECK, { cwd: root })) {
      if (result.ok) valid += 1;
      else invalid.push(`${result.path}: ${result.error.name}: ${result.error.message}`);
    }
    expect(valid).toBe(2);
    expect(invalid.sort()).toEqual([expect.stringMatching(/^conf\/b\.json: SyntaxError: /), expect.stringMatching(/^conf\/d\.json: SyntaxError: /)]);
  });
});
