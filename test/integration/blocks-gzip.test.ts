import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, gunzipSync, inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { compressFile } from '../../src/bigfile/index.js';
import type { ParioPool } from '../../src/pool/pool.js';
import { createPool } from '../../src/pool/pool.js';
import { TEST_BLOCK, writeInputs } from '../helpers/block-inputs.js';
import { has } from '../helpers/oracle.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('pario-blocks-gzip-');
const inputs = writeInputs(dir);
const pools = new Map<number, ParioPool>([1, 2, 4].map((jobs) => [jobs, createPool(jobs)]));
afterAll(async () => {
  await Promise.all([...pools.values()].map((pool) => pool.close()));
});
const hasGzip = has('gzip');
const hasPigz = has('pigz');

async function gzipWith(jobs: number, path: string, extra: object = {}): Promise<Buffer> {
  const output = join(dir, `${jobs}-${Math.random().toString(36).slice(2)}.gz`);
  await compressFile(path, { output, pool: pools.get(jobs), blockSize: TEST_BLOCK, ...extra });
  return readFileSync(output);
}

describe.each([...inputs.keys()])('gzip of %s', (name) => {
  const { path, data } = inputs.get(name)!;

  it('is byte-identical for -j 1, 2, 4 and for sequential reads; the trailer holds zlib.crc32 and ISIZE', async () => {
    const one = await gzipWith(1, path);
    expect((await gzipWith(2, path)).equals(one)).toBe(true);
    expect((await gzipWith(4, path)).equals(one)).toBe(true);
    expect((await gzipWith(2, path, { io: 'sequential' })).equals(one)).toBe(true);
    expect(one.readUInt32LE(one.length - 8)).toBe(crc32(data));
    expect(one.readUInt32LE(one.length - 4)).toBe(data.length);
  });

  it.skipIf(!hasGzip)('passes gzip -t, and gzip -dc restores the input byte-exactly', async () => {
    const gz = await gzipWith(2, path);
    const file = join(dir, `${name}.check.gz`);
    execFileSync('sh', ['-c', `cat > "${file}"`], { input: gz });
    execFileSync('gzip', ['-t', file]);
    expect(execFileSync('gzip', ['-dc', file], { maxBuffer: 1 << 30 }).equals(data)).toBe(true);
  });

  it.skipIf(!hasPigz)('zlib format (Adler-32 combined) is read by pigz -dz and Node inflate', async () => {
    const output = join(dir, `${name}.zz`);
    await compressFile(path, { output, pool: pools.get(4), blockSize: TEST_BLOCK, format: 'zlib' });
    const zz = readFileSync(output);
    expect(inflateSync(zz).equals(data)).toBe(true);
    expect(execFileSync('pigz', ['-dcz', output], { maxBuffer: 1 << 30 }).equals(data)).toBe(true);
  });
});

describe('gzip options', () => {
  const { path, data } = inputs.get('many-blocks')!;

  it.skipIf(!hasGzip)('--independent blocks still make one valid member, a little larger', async () => {
    const primed = await gzipWith(2, path);
    const independent = await gzipWith(2, path, { independent: true });
    expect(independent.length).toBeGreaterThan(primed.length);
    const file = join(dir, 'independent.gz');
    execFileSync('sh', ['-c', `cat > "${file}"`], { input: independent });
    expect(execFileSync('gzip', ['-dc', file], { maxBuffer: 1 << 30 }).equals(data)).toBe(true);
  });

  it('the default 1 MiB blocks, levels 1 and 9, and a header name/mtime round-trip', async () => {
    for (const level of [1, 9]) {
      const output = join(dir, `default-${level}.gz`);
      const summary = await compressFile(path, { output, pool: pools.get(2), level, mtime: 1_700_000_000, name: 'many.bin' });
      expect(summary).toMatchObject({ bytesIn: data.length, blocks: Math.ceil(data.length / (1 << 20)) });
      const gz = readFileSync(output);
      expect(gz.readUInt32LE(4)).toBe(1_700_000_000);
      if (hasGzip) expect(execFileSync('gzip', ['-dc', output], { maxBuffer: 1 << 30 }).equals(data)).toBe(true);
    }
  });

  it('huge blocks (64 MiB × 11 in flight) skip the output slot ring and still produce the same stream', async () => {
    const output = join(dir, 'huge-blocks.gz');
    await compressFile(path, { output, pool: pools.get(4), blockSize: 64 << 20 });
    const single = join(dir, 'huge-blocks-buffer.gz');
    await compressFile(path, { output: single, pool: pools.get(1), blockSize: 64 << 20 });
    expect(readFileSync(output).equals(readFileSync(single))).toBe(true);
    expect(gunzipSync(readFileSync(output)).equals(data)).toBe(true);
  });

  it('refuses an existing output, reports a missing input by code, and leaves no temp file', async () => {
    const output = join(dir, 'exists.gz');
    await compressFile(path, { output, pool: pools.get(1), blockSize: TEST_BLOCK });
    await expect(compressFile(path, { output, pool: pools.get(1) })).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(compressFile(join(dir, 'missing.bin'), { pool: pools.get(1) })).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(compressFile(dir, { output: join(dir, 'dir.gz'), pool: pools.get(1) })).rejects.toMatchObject({ code: 'EISDIR' });
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(compressFile(fifo, { pool: pools.get(1) })).rejects.toMatchObject({ code: 'ERR_NOT_REGULAR_FILE' });
    const leftovers = execFileSync('ls', ['-a', dir]).toString().split('\n').filter((n) => n.endsWith('.pario-tmp'));
    expect(leftovers).toEqual([]);
  });

  it('an abort rejects with AbortError and leaves neither output nor temp file', async () => {
    const controller = new AbortController();
    const output = join(dir, 'aborted.gz');
    const run = compressFile(path, { output, pool: pools.get(2), blockSize: TEST_BLOCK, level: 9, signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const names = execFileSync('ls', ['-a', dir]).toString().split('\n');
    expect(names.filter((n) => n.startsWith('.aborted.gz') || n === 'aborted.gz')).toEqual([]);
  });
});
