// `hash DIR` with nothing to filter runs on the tree engine (src/hash/tree.ts: the workers list the folders): it must
// give exactly what the walk-and-batch engine gives (an ignore file without rules selects that one), and keep the
// walk's rules on links, FIFOs, pario's temp files and folders swapped for links during the run.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashFiles } from '../../src/index.js';
import type { HashFileResult } from '../../src/index.js';
import { hashTree } from '../../src/hash/tree.js';
import { DirTable } from '../../src/planner/dir-table.js';
import { anyDepth } from '../../src/planner/find.js';
import { createPool } from '../../src/pool/pool.js';
import { CI, cliAsNobody, nobodyIds, nobodyUnavailable, shAsNobody } from '../helpers/as-nobody.js';
import { collect, tempDir } from '../helpers/temp.js';
import { makeTrickyTree } from '../helpers/tricky-tree.js';

const ALGORITHMS = ['sha256', 'blake3'] as const;

/** An ignore file without rules: it leaves nothing out, and turns the tree engine off (ignore rules are the walk's). */
const NO_RULES = join(tempDir('pario-hash-tree-rules-'), 'empty.ignore');
writeFileSync(NO_RULES, '');

/** The walk-and-batch engine's results. */
function walked(dir: string, options: { jobs?: number; exclude?: string[] } = {}): Promise<HashFileResult[]> {
  return collect(hashFiles(dir, { jobs: 2, ...options, algorithms: [...ALGORITHMS], ignoreFiles: [NO_RULES] }));
}

/** A tree with every kind of entry the walk meets, and folders deep and wide enough for several tasks. */
function oddTree(): string {
  const dir = makeTrickyTree('pario-hash-tree-');
  mkdirSync(join(dir, 'empty-folder'));
  for (let f = 0; f < 40; f += 1) {
    const folder = join(dir, 'wide', `f${f}`, 'deeper');
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < 3; i += 1) writeFileSync(join(folder, `${i}.txt`), `${f}/${i}\n`.repeat(f * 50 + i));
    writeFileSync(join(dir, 'wide', `f${f}`, 'a'), String(f));
  }
  writeFileSync(Buffer.concat([Buffer.from(`${dir}/bad`), Buffer.from([0xff]), Buffer.from('name')]), 'a name that is not UTF-8');
  writeFileSync(join(dir, '.hidden'), 'dot file');
  writeFileSync(join(dir, '.x.pario-123-abc.tmp'), 'a temp file of a killed run: never an input');
  symlinkSync('/etc/hostname', join(dir, 'link-to-file'));
  symlinkSync('/etc', join(dir, 'link-to-folder'));
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  return dir;
}

describe('the tree engine', () => {
  const dir = oddTree();
  const pool = createPool(2, ['hash']);
  afterAll(() => pool.destroy());

  it('gives the walk engine\'s results, in its order, links refused, FIFOs and temp files left out', async () => {
    const expected = await walked(dir);
    expect(expected.length).toBeGreaterThan(150);
    for (const jobs of [1, 2]) expect(await collect(hashFiles(dir, { jobs, algorithms: [...ALGORITHMS] }))).toEqual(expected);
    const failed = expected.filter((r) => !r.ok).map((r) => [r.path, r.ok ? '' : r.error.code]);
    expect(failed).toEqual([[join(dir, 'link-to-file'), 'ELOOP'], [join(dir, 'link-to-folder'), 'ELOOP']]);
    expect(expected.some((r) => r.path.includes('pario-123') || r.path.endsWith('fifo'))).toBe(false);
  });

  it('leaves out what --exclude leaves out, folders with all under them, as the walk does', async () => {
    const all = (await walked(dir)).length;
    const printed = `${dir}/wide/f2`; // a pattern that only the printed (absolute) path matches
    for (const exclude of [['*.txt'], ['f1*'], ['wide/f3/deeper'], ['sub', '.hidden'], ['**/deeper/1.txt', 'no-such'], [printed]]) {
      const expected = await walked(dir, { exclude });
      expect(await collect(hashFiles(dir, { jobs: 2, algorithms: [...ALGORITHMS], exclude }))).toEqual(expected);
      expect(expected.length).toBeLessThan(all);
      const dirs = new DirTable(); // the tree engine itself, so that a fallback to the walk could not pass for it
      try {
        const chunks = await collect(hashTree(pool, dir, dir, [...ALGORITHMS], { dirs, exclude: exclude.map(anyDepth) }));
        expect(chunks.flat()).toEqual(expected);
      } finally {
        await dirs.close();
      }
      // Named '.' from inside the folder: printed paths have no prefix, and match as the walk's do.
      const here = { cwd: dir, jobs: 2, algorithms: [...ALGORITHMS], exclude };
      expect(await collect(hashFiles('.', here))).toEqual(await collect(hashFiles('.', { ...here, ignoreFiles: [NO_RULES] })));
    }
  });

  it('hands files back past a task\'s byte budget and still yields them in order', async () => {
    const expected = await walked(dir);
    const dirs = new DirTable();
    try {
      const chunks = await collect(hashTree(pool, dir, dir, [...ALGORITHMS], { dirs, maxBytes: 1 }));
      expect(chunks.flat()).toEqual(expected);
    } finally {
      await dirs.close();
    }
  });

  it('a root that is not a folder (replaced since it was looked at) fails as the walk says, ENOTDIR, and is not read', async () => {
    const dirs = new DirTable();
    try {
      const file = join(dir, 'plain.txt');
      const [results] = await collect(hashTree(pool, file, 'x', [...ALGORITHMS], { dirs }));
      expect(results?.map((r) => [r.path, r.ok ? 'ok' : r.error.code])).toEqual([['x', 'ENOTDIR']]);
    } finally {
      await dirs.close();
    }
  });

  it('holds back at most what it may: a bound of 1 still gives everything, in order', async () => {
    const expected = await walked(dir);
    const dirs = new DirTable();
    try {
      expect((await collect(hashTree(pool, dir, dir, [...ALGORITHMS], { dirs, maxHeld: 1 }))).flat()).toEqual(expected);
    } finally {
      await dirs.close();
    }
  });
});

const unavailable = nobodyUnavailable();

describe.skipIf(unavailable !== null && !CI)('the tree engine in a tree nobody can write, run by root', () => {
  it('a folder swapped for a link after its parent was listed is refused, never entered', async () => {
    expect(unavailable).toBeNull();
    const base = tempDir('pario-hash-tree-hostile-');
    chmodSync(base, 0o755);
    const tree = join(base, 'tree');
    const victim = join(base, 'victim');
    mkdirSync(victim);
    writeFileSync(join(victim, 'secret'), 'root only\n');
    for (const name of ['a', 'z']) {
      mkdirSync(join(tree, name, 'sub'), { recursive: true });
      writeFileSync(join(tree, name, '1.txt'), `${name}\n`);
      writeFileSync(join(tree, name, 'sub', 'f'), `${name} sub\n`);
    }
    const { uid, gid } = nobodyIds();
    execFileSync('chown', ['-R', `${uid}:${gid}`, tree]);
    const results: HashFileResult[] = [];
    // The consumer holds the run at its first result: `z/sub` was listed as a folder, and no task opened it yet.
    for await (const result of hashFiles('tree', { cwd: base, jobs: 1 })) {
      results.push(result);
      if (results.length === 1) shAsNobody(`mv tree/z/sub tree/z/sub.moved && ln -s ${victim} tree/z/sub`, base);
    }
    expect(results.map((r) => [r.path, r.ok ? 'ok' : r.error.code])).toEqual([
      ['tree/a/1.txt', 'ok'], ['tree/a/sub/f', 'ok'], ['tree/z/1.txt', 'ok'], ['tree/z/sub', 'ELOOP'],
    ]);
  }, 60_000);

  it('a folder nobody may list fails with the walk\'s whole message (--json), run as nobody', async () => {
    const base = tempDir('pario-hash-tree-locked-');
    chmodSync(base, 0o755);
    mkdirSync(join(base, 'tree', 'locked'), { recursive: true });
    writeFileSync(join(base, 'tree', 'a'), 'a\n');
    writeFileSync(join(base, 'tree', 'locked', 'b'), 'b\n');
    chmodSync(join(base, 'tree'), 0o755);
    chmodSync(join(base, 'tree', 'locked'), 0o300); // no read: it opens, it cannot be listed
    const tree = await cliAsNobody(['hash', '--json', 'tree'], base);
    writeFileSync(join(base, 'no-rules'), ''); // an ignore file without rules: the walk engine, the same files
    const walk = await cliAsNobody(['hash', '--json', '--ignore-file', 'no-rules', 'tree'], base);
    expect([tree.code, tree.stdout, tree.stderr]).toEqual([walk.code, walk.stdout, walk.stderr]);
    expect(tree.code).toBe(1);
    expect(tree.stdout).toContain('"code":"EACCES"');
    expect(tree.stdout).toContain('permission denied, scandir');
  }, 60_000);
});
