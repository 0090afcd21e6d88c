import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFile, hashFiles, verify } from '../../src/index.js';
import { hasTool, runTool } from '../helpers/hash-tools.js';
import { collect, tempDir } from '../helpers/temp.js';
import { byteOrder, makeTrickyTree, TRICKY_NAMES } from '../helpers/tricky-tree.js';

describe('hashFiles / hashFile / verify', () => {
  const dir = makeTrickyTree('pario-hash-api-');

  it('yields every file sorted by path, with every algorithm from one read, the same for 1 and 2 jobs', async () => {
    // Named one by one: fast-glob 3.3.3 never lists names holding LF or CR when walking a folder (see README).
    const given = [...TRICKY_NAMES].reverse();
    const one = await collect(hashFiles(given, { cwd: dir, jobs: 1, algorithms: ['sha256', 'blake3', 'xxh128'] }));
    const two = await collect(hashFiles(given, { cwd: dir, jobs: 2, algorithms: ['sha256', 'blake3', 'xxh128'] }));
    expect(two).toEqual(one);
    expect(one.map((r) => r.path)).toEqual(byteOrder(TRICKY_NAMES));
    for (const result of one) {
      expect(result.ok).toBe(true);
      if (result.ok) expect(Object.keys(result.digests)).toEqual(['sha256', 'blake3', 'xxh128']);
    }
  });

  it.skipIf(!hasTool('sha256sum'))('digests equal sha256sum, small batches and deferrals included', async () => {
    const many = tempDir('pario-hash-many-');
    const names: string[] = [];
    for (let i = 0; i < 300; i++) {
      const name = `f${String(i).padStart(3, '0')}`;
      writeFileSync(join(many, name), Buffer.alloc(i * 1000, i));
      names.push(name);
    }
    const results = await collect(hashFiles('*', { cwd: many, jobs: 2 }));
    const expected = runTool('sha256sum', names, { cwd: many }).toString();
    expect(results.map((r) => (r.ok ? `${r.digests.sha256}  ${r.path}\n` : '')).join('')).toBe(expected);
  });

  it.skipIf(!hasTool('b3sum'))('big files (16 MiB up, a task\'s budget) hash as b3sum and crypto do, around 1 MiB read edges', async () => {
    const big = tempDir('pario-hash-big-');
    const MiB = 1 << 20;
    // Around where the 1 MiB reads end (an exact MiB multiple ends on a 0-byte read), between small files of the same
    // batch, and enough bytes that the batch hands files back (16 MiB a task).
    const sizes: Record<string, number> = { a: 100, b: 16 * MiB, c: 16 * MiB + 1, d: 7, e: 17 * MiB - 1, f: 0 };
    for (const [name, size] of Object.entries(sizes)) {
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i += 4093) bytes[i] = (i / 4093 + name.charCodeAt(0)) & 0xff;
      writeFileSync(join(big, name), bytes);
    }
    const names = Object.keys(sizes);
    for (const jobs of [1, 2]) {
      const results = await collect(hashFiles(names, { cwd: big, jobs, algorithms: ['sha256', 'blake3'] }));
      const lines = results.map((r) => (r.ok ? `${r.digests.blake3}  ${r.path}\n` : '')).join('');
      expect(lines).toBe(runTool('b3sum', names, { cwd: big }).toString());
      for (const r of results) {
        expect(r.ok && r.size).toBe(sizes[r.path]);
        expect(r.ok && r.digests.sha256).toBe(createHash('sha256').update(readFileSync(join(big, r.path))).digest('hex'));
      }
    }
  });

  it('reports unreadable files as data and hashFile rejects with the code', async () => {
    const d = tempDir('pario-hash-fail-');
    mkdirSync(join(d, 'sub'));
    writeFileSync(join(d, 'ok'), 'x');
    const results = await collect(hashFiles(['ok', 'missing', 'sub'], { cwd: d, recursive: false }));
    expect(results.map((r) => [r.path, r.ok ? 'ok' : r.error.code])).toEqual([['missing', 'ENOENT'], ['ok', 'ok'], ['sub', 'EISDIR']]);
    await expect(hashFile(join(d, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await hashFile('ok', { cwd: d, algorithms: 'md5' })).digests).toEqual({ md5: '9dd4e461268c8034f5c8564e155c67a6' });
  });

  it('rejects bad options when called', () => {
    expect(() => hashFiles('*', { algorithms: ['sha3' as 'sha256'] })).toThrow(/algorithms/);
  });

  it.skipIf(!hasTool('b3sum'))('verify accepts b3sum files and reports failures by status', async () => {
    const d = tempDir('pario-verify-');
    for (const name of ['a', 'b', 'c']) writeFileSync(join(d, name), name);
    writeFileSync(join(d, 'B3SUMS'), runTool('b3sum', ['a', 'b', 'c'], { cwd: d }));
    expect(await verify('B3SUMS', { cwd: d })).toMatchObject({ ok: true, malformed: [] });
    writeFileSync(join(d, 'b'), 'changed');
    chmodSync(join(d, 'B3SUMS'), 0o644);
    writeFileSync(join(d, 'B3SUMS'), `${runTool('b3sum', ['a', 'b', 'c'], { cwd: d }).toString().replace('  b\n', '  gone\n')}junk\n`);
    const report = await verify('B3SUMS', { cwd: d, algorithm: 'blake3' });
    expect(report.ok).toBe(false);
    expect(report.files.map((f) => [f.name, f.status])).toEqual([['a', 'ok'], ['gone', 'missing'], ['c', 'ok']]);
    expect(report.malformed).toEqual([4]);
  });
});
