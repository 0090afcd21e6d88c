import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { FileError, OptionError, createPario, mapFiles } from '../../src/index.js';
import type { MapperModule } from '../../src/index.js';
import type throwSome from '../fixtures-mappers/throw-some.js';
import { collect, openFds, tempDir } from '../helpers/temp.js';
import { makeTree } from '../helpers/tree.js';

const THROW_SOME = new URL('../fixtures-mappers/throw-some.js', import.meta.url) as MapperModule<typeof throwSome>;
const SLOW = new URL('../fixtures-mappers/slow.js', import.meta.url);
const THREAD_ID = new URL('../fixtures-mappers/thread-id.js', import.meta.url);

describe('mapFiles failures', () => {
  const root = tempDir();
  const names = ['a.txt', 'bad-1.txt', 'slow-1.txt', 'b.txt', 'bad-code.txt', 'slow-2.txt', 'c.txt'];
  for (const name of names) writeFileSync(join(root, name), name);

  it('yields what the mapper threw (name, code, message) for some files and the values of the others', async () => {
    const results = await collect(mapFiles([...names, 'missing.txt'], THROW_SOME, { cwd: root, jobs: 2, batchSize: 2 }));
    const byPath = new Map(results.map((r) => [r.path, r]));
    expect(results).toHaveLength(names.length + 1);
    expect(byPath.get('bad-1.txt')).toEqual({
      ok: false, path: 'bad-1.txt', error: { name: 'TypeError', code: 'ERR_MAPPER_THREW', message: 'cannot map bad-1.txt' },
    });
    expect(byPath.get('bad-code.txt')).toEqual({
      ok: false, path: 'bad-code.txt', error: { name: 'RangeError', code: 'E_BAD', message: 'no bad-code.txt' },
    });
    expect(byPath.get('missing.txt')).toMatchObject({ ok: false, error: { name: 'FileError', code: 'ENOENT' } });
    for (const name of ['a.txt', 'b.txt', 'c.txt', 'slow-1.txt', 'slow-2.txt']) {
      expect(byPath.get(name)).toEqual({ ok: true, path: name, size: name.length, value: name.length });
    }
  });

  it('fails only the file whose value cannot be cloned, and only the batch of a worker that died', async () => {
    for (const name of ['fn-1.txt', 'die-1.txt', 'ok-1.txt', 'ok-2.txt']) writeFileSync(join(root, name), name);
    const misbehave = new URL('../fixtures-mappers/misbehave.js', import.meta.url);
    const options = { cwd: root, jobs: 1, batchSize: 2, ordered: true };
    const results = await collect(mapFiles(['fn-1.txt', 'ok-1.txt', 'die-1.txt', 'ok-2.txt'], misbehave, options));
    const shown = results.map((r) => (r.ok ? r.value : r.error.name === 'DataCloneError' ? 'clone' : r.error.code));
    expect(shown).toEqual(['clone', 8, 'ERR_WORKER_DIED', 'ERR_WORKER_DIED']);
  });

  it('with failFast, throws a FileError carrying the code of the first failure', async () => {
    const run = collect(mapFiles(['bad-code.txt'], THROW_SOME, { cwd: root, failFast: true, jobs: 1 }));
    const error: unknown = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileError);
    expect(error).toMatchObject({ path: 'bad-code.txt', code: 'E_BAD' });
  });

  it('checks the module at the call, and fails the whole call when it cannot load or has no default function', async () => {
    expect(() => mapFiles('*', join(root, 'no-such-module.js'))).toThrow(OptionError);
    expect(() => mapFiles('*', new URL('https://example.com/m.js'))).toThrow(OptionError);
    const noDefault = new URL('../helpers/paths.js', import.meta.url);
    await expect(collect(mapFiles('*.txt', noDefault, { cwd: root, jobs: 1 })))
      .rejects.toMatchObject({ name: 'ParioError', code: 'ERR_PARIO_MAPPER' });
    const broken = new URL('../fixtures-mappers/broken.js', import.meta.url);
    await expect(collect(mapFiles('*.txt', broken, { cwd: root, jobs: 2 })))
      .rejects.toMatchObject({ code: 'ERR_PARIO_MAPPER', message: expect.stringMatching(/broken\.js: Error: broken at load$/) });
  });
});

describe('mapFiles cancellation', () => {
  const root = tempDir();
  makeTree(root, 3000, 512, 3);

  it('rejects with AbortError mid-run, ends every worker and leaves no file open', async () => {
    const before = openFds();
    const controller = new AbortController();
    let seen = 0;
    const run = async (): Promise<void> => {
      for await (const result of mapFiles(['**'], SLOW, { cwd: root, jobs: 2, signal: controller.signal, batchSize: 16 })) {
        expect(result.ok).toBe(true);
        if ((seen += 1) === 100) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBeLessThan(3000);
    // The pool's threads (each with its own event loop's fds) are gone and no file is left open.
    expect(openFds()).toBe(before);
  });

  it('stops every worker of a warm pool: no file is mapped after the rejection, and the pool still works', async () => {
    await using pario = createPario({ jobs: 2 });
    const controller = new AbortController();
    const run = async (): Promise<void> => {
      let seen = 0;
      for await (const _ of pario.mapFiles(['**'], SLOW, { cwd: root, signal: controller.signal, batchSize: 16 })) {
        if ((seen += 1) === 100) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    const after = pario.progress().files;
    await sleep(300);
    expect(pario.progress().files).toBe(after);
    expect(after).toBeLessThan(3000);
    const again = await collect(pario.mapFiles(['d0/e0/*'], SLOW, { cwd: root }));
    expect(again.length).toBeGreaterThan(0);
    expect(again.every((r) => r.ok)).toBe(true);
  });

  it('never cuts a thread: after an abort the same threads go on (Node 20 can abort the process on a cut mid-task)', async () => {
    await using pario = createPario({ jobs: 2 });
    const threads = new Set<unknown>();
    const mapAll = async (signal?: AbortSignal): Promise<void> => {
      let seen = 0;
      const options = { cwd: root, batchSize: 8, ...(signal ? { signal } : {}) };
      for await (const result of pario.mapFiles(['d0/**', 'd1/**'], THREAD_ID, options)) {
        if (result.ok) threads.add(result.value);
        if ((seen += 1) === 40) controllers.at(-1)?.abort();
      }
    };
    const controllers: AbortController[] = [];
    await mapAll();
    for (let round = 0; round < 3; round += 1) {
      controllers.push(new AbortController());
      await expect(mapAll(controllers.at(-1)?.signal)).rejects.toMatchObject({ name: 'AbortError' });
    }
    await mapAll();
    expect(threads.size).toBeLessThanOrEqual(2); // a terminated thread would have been replaced by one with a new id
  });
});
