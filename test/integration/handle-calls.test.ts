// compress, hash and check accept a createPario handle (`pario` option): they run on its threads, leave it running,
// and give the same results as on threads of their own; through the public entries, as a library user imports them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressFiles, decompressFileTo, testFiles } from '../../src/compress/index.js';
import { compressFileTo } from '../../src/index.js';
import { createPario } from '../../src/handle/index.js';
import { verify } from '../../src/check/index.js';
import { hashFiles } from '../../src/hash/index.js';
import { collect, tempDir } from '../helpers/temp.js';

describe('a createPario handle passed to compress, hash and check', () => {
  it('runs them on its threads, keeps them warm across calls, and refuses jobs beside it', async () => {
    const dir = tempDir('pario-handle-calls-');
    for (let i = 0; i < 5; i += 1) writeFileSync(join(dir, `f${i}.txt`), `file ${i}\n`.repeat(100 * i + 1));
    const pario = createPario({ jobs: 2, preload: ['hash', 'compress'] });
    try {
      const own = await collect(hashFiles('*.txt', { cwd: dir, jobs: 1 }));
      expect(await collect(hashFiles('*.txt', { cwd: dir, pario }))).toEqual(own);
      const sums = own.map((r) => (r.ok ? `${r.digests.sha256}  ${r.path}\n` : '')).join('');
      writeFileSync(join(dir, 'SUMS'), sums);
      const report = await verify('SUMS', { cwd: dir, pario });
      expect(report).toMatchObject({ ok: true, malformed: [] });
      expect(report.files.map((f) => f.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
      const compressed = await collect(compressFiles('*.txt', { cwd: dir, pario }));
      expect(compressed.map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
      const tested = await collect(testFiles('*.gz', { cwd: dir, pario }));
      expect(tested.filter((r) => r.status === 'ok')).toHaveLength(5);
      expect(pario.progress().files).toBeGreaterThanOrEqual(20);
      expect(() => hashFiles('*.txt', { cwd: dir, pario, jobs: 2 })).toThrow(/`jobs` to be unset when `pario` is given/);
      expect(() => hashFiles('*.txt', { cwd: dir, pario: {} as typeof pario })).toThrow(/`pario` to be a handle from createPario/);
    } finally {
      await pario.close();
    }
  });

  it('decompressFileTo of a plain .gz runs on the handle it is given: no thread of its own; the handle stays warm', async () => {
    const dir = tempDir('pario-handle-decompress-');
    writeFileSync(join(dir, 'a.gz'), gzipSync('hello, handle\n'.repeat(100_000)));
    const threads = (): number => (process.report.getReport() as { workers?: unknown[] }).workers?.length ?? 0;
    const pario = createPario({ jobs: 1, lazy: true });
    try {
      expect((await collect(hashFiles('a.gz', { cwd: dir, pario })))[0]?.ok).toBe(true); // its one thread is up
      const before = threads();
      let most = 0;
      const chunks: Buffer[] = [];
      const write = (chunk: Buffer, _e: unknown, done: () => void): void => {
        chunks.push(chunk);
        most = Math.max(most, threads());
        done();
      };
      const sink = new Writable({ write });
      await decompressFileTo('a.gz', sink, { cwd: dir, pario });
      expect(most).toBe(before); // measured while it decoded: no second pool
      expect(Buffer.concat(chunks).toString()).toBe('hello, handle\n'.repeat(100_000));
      await expect(decompressFileTo('a.gz', sink, { cwd: dir, pario, jobs: 2 })).rejects.toThrow(/`jobs` to be unset/);
      const both = async (): Promise<unknown> => compressFileTo(join(dir, 'a.gz'), sink, { pario, jobs: 2 });
      await expect(both()).rejects.toThrow(/`jobs` to be unset/);
      expect((await collect(hashFiles('a.gz', { cwd: dir, pario })))[0]?.ok).toBe(true);
    } finally {
      await pario.close();
    }
  });

  it('lazy: a handle starts no thread until a task needs one; then it works as any other', async () => {
    const dir = tempDir('pario-handle-lazy-');
    writeFileSync(join(dir, 'a.txt'), 'a'.repeat(1000));
    const threads = (): number => (process.report.getReport() as { workers?: unknown[] }).workers?.length ?? 0; // live threads
    const before = threads();
    const idle = createPario({ jobs: 2, lazy: true });
    expect(threads()).toBe(before);
    await idle.close();
    const pario = createPario({ jobs: 2, lazy: true, preload: ['compress'] });
    try {
      expect(await collect(compressFiles('none-*.txt', { cwd: dir, pario }))).toEqual([]);
      expect(threads()).toBe(before);
      expect((await collect(compressFiles('*.txt', { cwd: dir, pario }))).map((r) => r.status)).toEqual(['ok']);
      expect(threads()).toBeGreaterThan(before);
    } finally {
      await pario.close();
    }
    expect(() => createPario({ lazy: 'yes' as unknown as boolean })).toThrow(/`lazy` to be a boolean/);
  });
});
