import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
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
