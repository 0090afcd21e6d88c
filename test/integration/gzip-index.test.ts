// pario's indexed gzip (issue 21.2): big-file .gz output restarts from an empty window every indexInterval bytes and
// ends with an empty gzip member whose FEXTRA 'PX' subfield lists those points; gzip, pigz, zlib and Python read it as
// one gzip file, and pario decodes its spans on every core. Same bytes for every -j; a corrupt span fails the file with
// nothing left; a damaged or cut index falls back to the one-thread decoder or fails clearly, never wrong bytes.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressBuffer, compressFile, compressStream } from '../../src/bigfile/index.js';
import { scanGzipIndex } from '../../src/bigfile/gzip-index-scan.js';
import type { GzipSpan, SpanScan } from '../../src/bigfile/gzip-index-scan.js';
import { decodeParallel } from '../../src/bigfile/codec-decode.js';
import { taskBase } from '../../src/compress/task.js';
import { normalizeCompressOptions } from '../../src/compress/options.js';
import { decompressFileTo } from '../../src/index.js';
import { decodeAll, sharedPools, scanFile } from '../helpers/shared-pools.js';

import { textish } from '../helpers/block-inputs.js';
import { runCli } from '../helpers/cli.js';
import { has } from '../helpers/oracle.js';
import { randomBytes } from '../helpers/payloads.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('pario-gzip-index-');
const BLOCK = 64 * 1024;
const EVERY = 2 * BLOCK; // a restart point every two blocks
const pools = sharedPools(1, 3);
const hasGzip = has('gzip');
const hasPigz = has('pigz');
const hasPython = has('python3');

function scanOf(path: string): SpanScan {
  return scanFile(path, scanGzipIndex);
}

async function gz(data: Buffer, jobs = 3, extra: object = {}): Promise<Buffer> {
  return compressBuffer(data, { blockSize: BLOCK, indexInterval: EVERY, pool: pools.get(jobs)!, ...extra });
}

async function packed(name: string, data: Buffer, extra: object = {}): Promise<string> {
  const path = join(dir, `${name}.gz`);
  writeFileSync(path, await gz(data, 3, extra));
  return path;
}

/** `path` decoded span by span on the pool of `jobs` (what decompress -c does). */
async function decodeWith(path: string, jobs: number): Promise<Buffer> {
  const spans = (scan: { spans: readonly GzipSpan[]; contentSize: number }) => ({ frames: scan.spans, contentSize: scan.contentSize });
  return decodeAll(path, pools.get(jobs)!, scanGzipIndex, (scan) => ({ algorithm: 'gzip', ...spans(scan) }));
}

async function toSink(path: string, jobs = 2): Promise<Buffer> {
  const sink = new PassThrough({ highWaterMark: 1 << 30 });
  await decompressFileTo(path, sink, { jobs });
  sink.end();
  return Buffer.concat(await sink.toArray());
}

describe('the writer', () => {
  const sizes = [0, 1, EVERY - 1, EVERY, EVERY + 1, 2 * EVERY - 1, 2 * EVERY, 2 * EVERY + 1, 5 * EVERY + 7];
  it.each(sizes)('%i bytes: same bytes for -j 1 and 3, one gzip file to zlib, spans at every interval', async (size) => {
    const data = size % 2 === 0 ? textish(size, size) : randomBytes(size, size);
    const one = await gz(data, 1);
    expect((await gz(data, 3)).equals(one)).toBe(true);
    expect(gunzipSync(one).equals(data)).toBe(true);
    const path = join(dir, `w-${size}.gz`);
    writeFileSync(path, one);
    const scan = scanOf(path);
    const spans = Math.ceil(size / EVERY);
    if (spans < 2) {
      expect(scan).toEqual({ serial: 'no pario index' }); // one span: no index member, the plain gzip of before
      expect(one.readUInt32LE(one.length - 4)).toBe(size);
      return;
    }
    if ('serial' in scan) throw new Error(scan.serial);
    expect(scan.spans.map((s) => s.contentSize)).toEqual(Array.from({ length: spans }, (_, i) => Math.min(EVERY, size - i * EVERY)));
    expect(scan.contentSize).toBe(size);
    const decoded = await decodeWith(path, 1);
    expect(decoded.equals(data)).toBe(true);
    expect((await decodeWith(path, 3)).equals(decoded)).toBe(true);
  });

  it('a file (read in parallel or in order) and a stream of odd chunks give the same bytes as a buffer', async () => {
    const data = textish(5 * EVERY + 99, 4);
    const expected = await gz(data);
    const raw = join(dir, 'routes.txt');
    writeFileSync(raw, data);
    for (const io of ['parallel', 'sequential'] as const) {
      const output = join(dir, `routes-${io}.gz`);
      await compressFile(raw, { output, blockSize: BLOCK, indexInterval: EVERY, pool: pools.get(3)!, io });
      expect(readFileSync(output).equals(expected), io).toBe(true);
    }
    const cuts = [0, 1, 4098, 74_098, 274_098];
    const chunks = Readable.from(cuts.map((at, i) => data.subarray(at, cuts[i + 1])));
    const sink = new PassThrough({ highWaterMark: 1 << 30 });
    await compressStream(chunks, sink, { blockSize: BLOCK, indexInterval: EVERY, pool: pools.get(3)!, end: false });
    sink.end();
    expect(Buffer.concat(await sink.toArray()).equals(expected)).toBe(true);
  });

  it('indexInterval 0 writes no index; zlib and zstd outputs have none', async () => {
    const data = textish(5 * EVERY, 9);
    const plain = await gz(data, 3, { indexInterval: 0 });
    expect(plain.readUInt32LE(plain.length - 4)).toBe(data.length);
    expect(plain.length).toBeLessThan((await gz(data)).length);
    const zz = await gz(data, 3, { format: 'zlib' });
    expect(zz.equals(await gz(data, 3, { format: 'zlib', indexInterval: 0 }))).toBe(true);
  });

  it.skipIf(!hasGzip || !hasPigz || !hasPython)('gzip, pigz and Python read it byte-exactly (and the empty file)', async () => {
    for (const [name, data] of [['text', textish(7 * EVERY + 5, 3)], ['empty', Buffer.alloc(0)]] as const) {
      const path = await packed(`oracle-${name}`, data);
      execFileSync('gzip', ['-t', path]);
      execFileSync('pigz', ['-t', path]);
      expect(execFileSync('gzip', ['-dc', path], { maxBuffer: 1 << 30 }).equals(data)).toBe(true);
      expect(execFileSync('pigz', ['-dc', path], { maxBuffer: 1 << 30 }).equals(data)).toBe(true);
      const py = 'import gzip, sys; sys.stdout.buffer.write(gzip.open(sys.argv[1]).read())';
      expect(execFileSync('python3', ['-c', py, path], { maxBuffer: 1 << 30 }).equals(data)).toBe(true);
    }
  });
});

describe('damage', () => {
  const data = randomBytes(5, 6 * EVERY + 11);
  const task = (maxOutput?: number) => taskBase('decompress', normalizeCompressOptions(maxOutput === undefined ? {} : { maxOutput }));

  it.each([0, 3, 6])('a corrupt span %i fails the file with nothing left under its name', async (span) => {
    const source = await packed(`bad-${span}`, data);
    const scan = scanOf(source);
    if ('serial' in scan) throw new Error(scan.serial);
    const bytes = readFileSync(source);
    const hit = scan.spans[span]!;
    bytes[hit.position + Math.floor(hit.length / 2)]! ^= 0x55; // a stored block's content: only the CRC can tell
    writeFileSync(source, bytes);
    expect('spans' in scanOf(source)).toBe(true);
    const output = join(dir, `bad-${span}.out`);
    const result = await decodeParallel(pools.get(3)!, 'decompress', { abs: source, path: source, outputs: [output] }, task(), undefined);
    expect(result).toMatchObject({ ok: false, code: 'Z_DATA_ERROR' });
    expect(result?.message).toContain('gzip: corrupt data');
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes(`bad-${span}.out`))).toEqual([]); // no temp file either
    await expect(toSink(source)).rejects.toMatchObject({ fileCode: 'Z_DATA_ERROR' });
  });

  it('a garbled index (a point moved, a span CRC, version, count, end, subfield id) goes to the one-thread decoder', async () => {
    const source = await packed('garbled', data);
    const clean = readFileSync(source);
    const member = clean.length - 10 - clean.readUInt32LE(clean.length - 14) - 16; // the index member
    const point = member + 16 + 24 + 20; // the second point: compressed offset, uncompressed offset, CRC-32
    const cases = [[point, 1, 'damaged'], [point + 1, 1, 'damaged'], [point + 8, 1, 'damaged'], [point + 16, 1, 'damaged'],
      [member + 16, 1, 'unknown'], [member + 16 + 4, 1, 'damaged'], [member + 16 + 16, 1, 'damaged'],
      [member + 12, 1, 'no pario']] as const;
    for (const [at, flip, why] of cases) {
      const bytes = Buffer.from(clean);
      bytes[at]! ^= flip;
      writeFileSync(source, bytes);
      expect((scanOf(source) as { serial: string }).serial).toContain(why);
      expect((await toSink(source)).equals(data)).toBe(true);
    }
  });

  it('a cut index fails clearly on the one-thread path', async () => {
    const source = await packed('cut', data);
    const bytes = readFileSync(source);
    writeFileSync(source, bytes.subarray(0, bytes.length - 5));
    expect(scanOf(source)).toEqual({ serial: 'no pario index' });
    await expect(toSink(source)).rejects.toMatchObject({ fileCode: 'Z_BUF_ERROR' });
  });

  it('--max-output refuses the file from the index\'s total, before decoding', async () => {
    const source = await packed('bomb', data);
    const output = join(dir, 'bomb.out');
    const file = { abs: source, path: source, outputs: [output] };
    const result = await decodeParallel(pools.get(3)!, 'decompress', file, task(EVERY), undefined);
    expect(result).toMatchObject({ ok: false, code: 'ERR_PARIO_TOO_LARGE' });
    expect(existsSync(output)).toBe(false);
  });

  it.skipIf(!hasPigz)('a pigz-made .gz has no index and decodes on the one-thread path as before', async () => {
    const raw = join(dir, 'pigz-input');
    writeFileSync(raw, data);
    execFileSync('pigz', ['-k', '-f', raw]);
    expect(scanOf(`${raw}.gz`)).toEqual({ serial: 'no pario index' });
    expect((await toSink(`${raw}.gz`)).equals(data)).toBe(true);
  });

  it('the CLI: decompress -c and test of a big indexed file; a corrupt one exits 1, no output', async () => {
    const big = randomBytes(8, 9 << 20); // over 8 MiB compressed: the big-file path
    const source = join(dir, 'cli-big.gz');
    writeFileSync(source, await compressBuffer(big, { blockSize: 1 << 20, indexInterval: 2 << 20, pool: pools.get(3)! }));
    const scanned = scanOf(source);
    expect('spans' in scanned ? scanned.spans : []).toHaveLength(5);
    const piped = await runCli(['decompress', '-j', '2', '-c', source]);
    expect(piped.code).toBe(0);
    expect(piped.stdout.equals(big)).toBe(true);
    expect((await runCli(['test', source])).code).toBe(0);
    const bytes = readFileSync(source);
    bytes[3 << 20]! ^= 1; // inside the second span
    writeFileSync(source, bytes);
    const run = await runCli(['decompress', source]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cli-big.gz');
    expect(run.stderr).toContain('incorrect data check');
    expect(existsSync(join(dir, 'cli-big'))).toBe(false);
  });
});
