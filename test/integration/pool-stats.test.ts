// The cron stage's stats on the pool's threads (runs/pool-stats.ts): what a worker's stat says of each file is what
// lstat says here, through the folder handles the walk holds; a link is not followed, a file gone has no stat (its
// task says why), and files left out by name are passed on untouched.
import { lstatSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirTable } from '../../src/planner/dir-table.js';
import { findChunks, type FoundFile } from '../../src/planner/find.js';
import { createPool } from '../../src/pool/pool.js';
import { statAhead, statOnPool } from '../../src/runs/pool-stats.js';
import type { StatFile } from '../../src/runs/select.js';
import { tempDir } from '../helpers/temp.js';

const pool = createPool(2, ['stat']);
afterAll(() => pool.destroy());

describe('stats on the pool\'s threads', () => {
  it('equal lstat for every file, a group at a time; links and vanished files have none; skipped ones pass', async () => {
    const root = tempDir('pario-pool-stats-');
    for (let i = 0; i < 1200; i += 1) {
      mkdirSync(join(root, `d${i % 3}`), { recursive: true });
      writeFileSync(join(root, `d${i % 3}`, `f${i}.txt`), 'x'.repeat(i));
    }
    writeFileSync(join(root, 'd0', 'skip.gz'), 'old output');
    symlinkSync('f0.txt', join(root, 'd0', 'link'));
    writeFileSync(join(root, 'd2', 'gone.txt'), 'soon gone');
    const dirs = new DirTable();
    try {
      const options = { cwd: root, exclude: [], dot: true, follow: false, recursive: true, dirs };
      const skipped = (file: FoundFile): boolean => file.path.endsWith('.gz');
      const gone = join(root, 'd2', 'gone.txt');
      const stat = statOnPool(pool, undefined, skipped, 100); // the first 100 here, the rest on the threads
      const groups: StatFile[][] = [];
      for await (const group of statAhead(findChunks(['.'], options), async (files) => {
        if (files.some((file) => file.path === 'd2/gone.txt')) rmSync(gone); // listed, then gone before its stat
        return stat(files);
      })) groups.push(group);
      const all = groups.flat();
      expect(all.map((f) => f.path).filter((p) => !/^d.\/f[0-9]+\.txt$/.test(p)).sort()).toEqual(['d0/link', 'd0/skip.gz', 'd2/gone.txt']);
      expect(all).toHaveLength(1203);
      for (const file of all) {
        const name = file.path.split('/').pop() ?? '';
        if (['skip.gz', 'link', 'gone.txt'].includes(name)) {
          expect(file, file.path).not.toHaveProperty('stat');
          continue;
        }
        const st = lstatSync(join(root, file.path), { bigint: true });
        expect(file.stat, file.path).toEqual({
          size: Number(st.size), mtimeNs: String(st.mtimeNs), mtimeMs: Number(st.mtimeNs / 1_000_000n), ino: Number(st.ino),
        });
      }
    } finally {
      await dirs.close();
    }
  });

  it('a task that fails (its worker died, the pool ended) leaves no file without its stat: they are made here', async () => {
    const root = tempDir('pario-pool-stats-dead-');
    writeFileSync(join(root, 'a.txt'), 'abc');
    const dead = { run: () => Promise.reject(new Error('worker died')), exited: async () => undefined };
    const stat = statOnPool(dead as unknown as typeof pool, undefined, undefined, 0);
    const [file] = await stat([{ path: 'a.txt', abs: join(root, 'a.txt'), index: 0 }]);
    const st = lstatSync(join(root, 'a.txt'), { bigint: true });
    expect(file?.stat).toEqual({ size: 3, mtimeNs: String(st.mtimeNs), mtimeMs: Number(st.mtimeNs / 1_000_000n), ino: Number(st.ino) });
  });
});
