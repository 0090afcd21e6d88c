import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compress } from '../../workers/compress.js';
import type { CompressTask, DecompressTask } from '../../workers/compress-protocol.js';
import { decompress, test as testFiles } from '../../workers/decompress.js';
import { tempDir } from '../helpers/temp.js';
import { has as requireTool } from '../helpers/oracle.js';

const specs: CompressTask['specs'] = [
  { algorithm: 'gzip', level: 6 }, { algorithm: 'brotli', level: 5 }, { algorithm: 'zstd', level: 3 },
];
const exts = ['.gz', '.br', '.zst'];

function setup(): string {
  return tempDir('pario-cw-');
}
function task(dir: string, names: string[], extra: Partial<CompressTask> = {}): CompressTask {
  const files = names.map((name) => ({ abs: join(dir, name), path: name, outputs: exts.map((ext) => join(dir, name + ext)) }));
  return { files, specs, force: false, fsync: false, remove: false, minRatio: 0, bigFileMin: Infinity, minSize: 0, maxBytes: Infinity, ...extra };
}
function dtask(dir: string, names: string[], extra: Partial<DecompressTask> = {}): DecompressTask {
  const files = names.map((name) => ({ abs: join(dir, name), path: name, outputs: [join(dir, 'out-' + name.replace(/\.[a-z]+$/, ''))] }));
  return { files, force: false, fsync: false, remove: false, maxOutput: Number.MAX_SAFE_INTEGER, bigFileMin: Infinity, minSize: 0, maxBytes: Infinity, ...extra };
}

describe('compress job', () => {
  it('writes every algorithm from one read, with mode and sub-second mtime copied and no temp left', async () => {
    const dir = setup();
    const data = Buffer.from('hello pario\n'.repeat(5000));
    writeFileSync(join(dir, 'a.txt'), data);
    chmodSync(join(dir, 'a.txt'), 0o640);
    utimesSync(join(dir, 'a.txt'), 1_700_000_000.123456, 1_600_000_000.654321);
    const [result] = await compress(task(dir, ['a.txt']));
    expect(result).toMatchObject({ ok: true, path: 'a.txt', bytesIn: data.length, removed: false });
    expect(result!.outputs.map((o) => o.status)).toEqual(['written', 'written', 'written']);
    const src = statSync(join(dir, 'a.txt'));
    for (const ext of exts) {
      const st = statSync(join(dir, 'a.txt' + ext));
      expect(st.mode & 0o777).toBe(0o640);
      expect(Math.abs(st.mtimeMs - src.mtimeMs)).toBeLessThan(0.01);
    }
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'a.txt.br', 'a.txt.gz', 'a.txt.zst']);
    if (requireTool('gzip')) expect(spawnSync('gzip', ['-dc', join(dir, 'a.txt.gz')]).stdout.equals(data)).toBe(true);
  });

  it('leaves an existing output untouched without force and replaces it with force', async () => {
    const dir = setup();
    writeFileSync(join(dir, 'a.txt'), 'abc');
    writeFileSync(join(dir, 'a.txt.gz'), 'precious');
    const [skipped] = await compress(task(dir, ['a.txt']));
    expect(skipped!.outputs[0]).toMatchObject({ status: 'exists', code: 'EEXIST' });
    expect(readFileSync(join(dir, 'a.txt.gz'), 'utf8')).toBe('precious');
    const [forced] = await compress(task(dir, ['a.txt'], { force: true }));
    expect(forced!.outputs[0]).toMatchObject({ status: 'written' });
  });

  it('replaces an output symlink itself and never writes through it', async () => {
    const dir = setup();
    writeFileSync(join(dir, 'a.txt'), 'abc');
    writeFileSync(join(dir, 'victim'), 'keep me');
    symlinkSync(join(dir, 'victim'), join(dir, 'a.txt.gz'));
    await compress(task(dir, ['a.txt'], { force: true }));
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('keep me');
    expect(lstatSync(join(dir, 'a.txt.gz')).isSymbolicLink()).toBe(false);
  });

  it('defers the files left once the task byte budget is spent', async () => {
    const dir = setup();
    for (const name of ['a', 'b', 'c']) writeFileSync(join(dir, name), 'x'.repeat(1000));
    const results = await compress(task(dir, ['a', 'b', 'c'], { maxBytes: 1500 }));
    expect(results.map((r) => [r.path, r.deferred ?? false])).toEqual([['a', false], ['b', false], ['c', true]]);
    expect(existsSync(join(dir, 'c.gz'))).toBe(false);
  });

  it('compresses an empty file to valid outputs', async () => {
    const dir = setup();
    writeFileSync(join(dir, 'empty'), '');
    const [result] = await compress(task(dir, ['empty']));
    expect(result!.outputs.map((o) => o.status)).toEqual(['written', 'written', 'written']);
    if (requireTool('zstd')) expect(spawnSync('zstd', ['-t', join(dir, 'empty.zst')]).status).toBe(0);
  });

  it('reports missing inputs, directories and FIFOs as data naming the path', async () => {
    const dir = setup();
    mkdirSync(join(dir, 'dir.txt'));
    spawnSync('mkfifo', [join(dir, 'fifo')]);
    const results = await compress(task(dir, ['missing.txt', 'dir.txt', 'fifo']));
    expect(results.map((r) => [r.ok, r.path, r.code])).toEqual([
      [false, 'missing.txt', 'ENOENT'], [false, 'dir.txt', 'EISDIR'], [false, 'fifo', 'ERR_NOT_REGULAR_FILE'],
    ]);
  });

  it('--rm deletes the input only when every output is in place', async () => {
    const dir = setup();
    writeFileSync(join(dir, 'a.txt'), 'a'.repeat(1000));
    writeFileSync(join(dir, 'b.txt'), 'b'.repeat(1000));
    mkdirSync(join(dir, 'b.txt.br')); // one output of b cannot be written
    const results = await compress(task(dir, ['a.txt', 'b.txt'], { remove: true }));
    expect(results.map((r) => [r.ok, r.removed])).toEqual([[true, true], [false, false]]);
    expect(existsSync(join(dir, 'a.txt'))).toBe(false);
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('b'.repeat(1000));
  });

  it('drops outputs that are not smaller enough (minRatio) and keeps the original', async () => {
    const dir = setup();
    writeFileSync(join(dir, 'r.bin'), randomBytes(5000));
    const [result] = await compress(task(dir, ['r.bin'], { minRatio: 1, remove: true }));
    expect(result!.outputs.map((o) => o.status)).toEqual(['larger', 'larger', 'larger']);
    expect(readdirSync(dir)).toEqual(['r.bin']);
  });

  it('streams inputs above the whole-read limit with one read for every algorithm', async () => {
    const dir = setup();
    const big = Buffer.concat([randomBytes(1 << 20), Buffer.alloc(33 << 20, 'x')]);
    writeFileSync(join(dir, 'big.bin'), big);
    const t = task(dir, ['big.bin'], { specs: [{ algorithm: 'gzip', level: 1 }, { algorithm: 'zstd', level: 1 }] });
    const [result] = await compress({ ...t, files: [{ ...t.files[0]!, outputs: [join(dir, 'big.bin.gz'), join(dir, 'big.bin.zst')] }] });
    expect(result!.ok).toBe(true);
    const [back] = await decompress(dtask(dir, ['big.bin.gz']));
    expect(back).toMatchObject({ ok: true });
    expect(readFileSync(join(dir, 'out-big.bin')).equals(big)).toBe(true);
    const [tested] = await testFiles(dtask(dir, ['big.bin.zst']));
    expect(tested!.outputs[0]).toMatchObject({ status: 'tested', bytes: big.length });
  });
});

describe('decompress and test jobs', () => {
  it('restores every format, refuses corrupt input without leaving output, and enforces the size limit', async () => {
    const dir = setup();
    const data = Buffer.from('restore me\n'.repeat(999));
    writeFileSync(join(dir, 'a.txt'), data);
    await compress(task(dir, ['a.txt']));
    const good = await decompress(dtask(dir, ['a.txt.gz']));
    expect(good[0]).toMatchObject({ ok: true, outputs: [{ algorithm: 'gzip', status: 'written', bytes: data.length }] });
    expect(readFileSync(join(dir, 'out-a.txt')).equals(data)).toBe(true);
    const gz = readFileSync(join(dir, 'a.txt.gz'));
    writeFileSync(join(dir, 'bad.gz'), gz.subarray(0, gz.length - 12));
    const [bad] = await decompress(dtask(dir, ['bad.gz']));
    expect(bad).toMatchObject({ ok: false, path: 'bad.gz' });
    expect(existsSync(join(dir, 'out-bad'))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const tested = await testFiles(dtask(dir, ['a.txt.br', 'a.txt.zst', 'bad.gz', 'a.txt'], { maxOutput: 100 }));
    expect(tested.map((r) => [r.ok, r.code])).toEqual([
      [false, 'ERR_PARIO_TOO_LARGE'], [false, 'ERR_PARIO_TOO_LARGE'], [false, expect.any(String)], [false, 'ERR_PARIO_UNKNOWN_FORMAT'],
    ]);
  });
});
