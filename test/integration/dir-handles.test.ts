// Folder handles are the run's: every one is closed when the run ends, whether it completed, was aborted mid-run, lost
// a worker, or was left early on a warm pool that goes on (issue 17: no descriptor leaked, none closed under a task).
// Counted precisely: the descriptors of this process that point into the run's tree.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compressFiles, createPario, hashFiles, mapFiles } from '../../src/index.js';
import type { MapperModule } from '../../src/index.js';
import type exitMapper from '../helpers/exit-mapper.js';
import { collect, fdsUnder, tempDir } from '../helpers/temp.js';

const EXIT_MAPPER = new URL('../helpers/exit-mapper.js', import.meta.url) as MapperModule<typeof exitMapper>;

function tree(folders: number, files: number): string {
  const root = tempDir('pario-handles-');
  for (let d = 0; d < folders; d += 1) {
    mkdirSync(join(root, `d${d}`, 'sub'), { recursive: true });
    for (let f = 0; f < files; f += 1) {
      writeFileSync(join(root, `d${d}`, `${f === 3 && d === 5 ? 'exit-' : ''}f${f}.txt`), `${d}/${f}\n`.repeat(50));
      writeFileSync(join(root, `d${d}`, 'sub', `g${f}.txt`), `${d}/sub/${f}\n`);
    }
  }
  return root;
}

describe('folder handles after a run', () => {
  it('a completed compress and hash close every handle', async () => {
    const root = tree(20, 5);
    const done = await collect(compressFiles(['.'], { cwd: root, jobs: 2 }));
    expect(done.filter((r) => r.status === 'ok')).toHaveLength(200);
    await collect(hashFiles(['.'], { cwd: root, jobs: 2 }));
    expect(fdsUnder(root)).toEqual([]);
  });

  it('an abort mid-run closes every handle once the workers are gone', async () => {
    const root = tree(40, 5);
    const controller = new AbortController();
    let seen = 0;
    const run = async (): Promise<void> => {
      for await (const _ of compressFiles(['.'], { cwd: root, jobs: 2, signal: controller.signal })) if (++seen === 3) controller.abort();
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(fdsUnder(root)).toEqual([]);
  });

  it('a worker that dies mid-task: its folders are closed only after its thread exited, none left open', async () => {
    const root = tree(10, 5);
    const results = await collect(mapFiles(['.'], EXIT_MAPPER, { cwd: root, jobs: 2, batchSize: 4 }));
    expect(results.filter((r) => !r.ok).map((r) => r.path)).toContain('d5/exit-f3.txt');
    expect(fdsUnder(root)).toEqual([]);
  });

  it('leaving a run early on a warm pool: the handles close as its tasks settle; the pool stays usable', async () => {
    const root = tree(20, 5);
    await using pario = createPario({ jobs: 2 });
    await collect(pario.readFiles(['.'], { cwd: root })); // warm
    for await (const _ of pario.readFiles(['.'], { cwd: root, batchSize: 4 })) break;
    expect(fdsUnder(root)).toEqual([]);
    let count = 0;
    for await (const r of pario.readFiles(['.'], { cwd: root })) if (r.ok) count += 1;
    expect(count).toBe(200);
    expect(fdsUnder(root)).toEqual([]);
  });
});
