import { describe, expect, it } from 'vitest';
import { createPario, readFile, readFiles } from '../../src/index.js';
import { openFds, tempDir } from '../helpers/temp.js';
import { makeTree } from '../helpers/tree.js';

const root = tempDir();
makeTree(root, 3000, 64 * 1024, 11);

/** Threads of this process (Linux): a pool that was torn down leaves none behind. */
import { readdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
const threads = (): number => readdirSync('/proc/self/task').length;

describe('abort', () => {
  it('rejects with AbortError mid-run and leaves no open fds and no worker threads', async () => {
    // libuv starts its thread pool (4 threads, kept for good) with the first async fs call: start it before counting.
    await stat(root);
    const fdsBefore = openFds();
    const threadsBefore = threads();
    const controller = new AbortController();
    let seen = 0;
    const run = async (): Promise<void> => {
      for await (const _ of readFiles(['**'], { cwd: root, jobs: 2, signal: controller.signal })) {
        seen += 1;
        if (seen === 200) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBeLessThan(3000);
    // Worker threads end asynchronously after destroy(); give them a moment.
    for (let i = 0; i < 50 && threads() > threadsBefore; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(threads()).toBeLessThanOrEqual(threadsBefore);
    expect(openFds()).toBeLessThanOrEqual(fdsBefore);
  });

  it('an already-aborted signal rejects at once, for readFiles and readFile', async () => {
    const controller = new AbortController();
    controller.abort();
    const iterate = async (): Promise<void> => {
      for await (const _ of readFiles(['**'], { cwd: root, signal: controller.signal })) throw new Error('yielded');
    };
    await expect(iterate()).rejects.toMatchObject({ name: 'AbortError' });
    await using pario = createPario({ jobs: 1 });
    await expect(pario.readFile('d1/e1/f1.txt', { cwd: root, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(readFile('d1/e1/f1.txt', { cwd: root, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('breaking out of for-await ends the run cleanly and the handle stays usable', async () => {
    await using pario = createPario({ jobs: 2 });
    for await (const _ of pario.readFiles(['**'], { cwd: root })) break;
    let count = 0;
    for await (const r of pario.readFiles(['**'], { cwd: root })) if (r.ok) count += 1;
    expect(count).toBe(3000);
  });
});
