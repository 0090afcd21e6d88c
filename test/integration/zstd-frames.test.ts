// pario's own multi-frame .zst decoded on every core (issue 21.3): frames found by walking headers, decoded by
// zstdFrame tasks, written in order. Same bytes for every -j, frame edges included; a corrupt frame anywhere fails the
// file with nothing left under its name; truncated files and other tools' single frames take the one-thread path.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { compressBuffer } from '../../src/bigfile/index.js';
import { scanZstdFrames } from '../../src/bigfile/zstd-frames.js';
import type { FrameScan } from '../../src/bigfile/zstd-frames.js';
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

const dir = tempDir('pario-zstd-frames-');
const FRAME = 64 * 1024;
const pools = sharedPools(1, 3);
const hasZstd = has('zstd');

function scanOf(path: string): FrameScan {
  return scanFile(path, scanZstdFrames);
}

/** `path` decoded through decodeFrames on the pool of `jobs` (what decompress -c does), or its failure. */
async function decodeWith(path: string, jobs: number): Promise<Buffer> {
  return decodeAll(path, pools.get(jobs)!, scanZstdFrames, (scan) => ({ algorithm: 'zstd', ...scan }));
}

async function packed(name: string, data: Buffer): Promise<string> {
  const path = join(dir, `${name}.zst`);
  writeFileSync(path, await compressBuffer(data, { format: 'zstd', blockSize: FRAME, pool: pools.get(3)! }));
  return path;
}

describe('frames found by walking their headers', () => {
  it('one per block of pario output, skippable frames passed over, anything else to the one-thread path', async () => {
    const data = textish(5 * FRAME + 7);
    const path = await packed('walk', data);
    const scan = scanOf(path);
    expect('frames' in scan && scan.frames.map((f) => f.contentSize)).toEqual([FRAME, FRAME, FRAME, FRAME, FRAME, 7]);
    expect('frames' in scan && scan.contentSize).toBe(data.length);
    const bytes = readFileSync(path);
    const skip = Buffer.from([0x5e, 0x2a, 0x4d, 0x18, 2, 0, 0, 0, 9, 9]);
    const withSkip = join(dir, 'skip.zst');
    writeFileSync(withSkip, Buffer.concat([skip, bytes, skip]));
    const skipped = scanOf(withSkip);
    expect('frames' in skipped && skipped.frames.length).toBe(6);
    const cut = join(dir, 'cut.zst');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 3));
    expect(scanOf(cut)).toEqual({ serial: 'truncated frame' });
    writeFileSync(cut, Buffer.concat([bytes, Buffer.from('junk!junk')]));
    expect(scanOf(cut)).toEqual({ serial: `no frame at byte ${bytes.length}` });
    expect(scanOf(await packed('empty', Buffer.alloc(0)))).toEqual({ serial: 'one frame' });
    expect(scanOf(await packed('one', textish(FRAME)))).toEqual({ serial: 'one frame' });
  });
});

describe('round trips', () => {
  const sizes = [FRAME + 1, 2 * FRAME, 2 * FRAME + 1, 5 * FRAME + 7];
  it.each(sizes)('%i bytes: the same bytes with 1 and 3 workers', async (size) => {
    const data = size % 2 === 0 ? textish(size, size) : randomBytes(size, size);
    const path = await packed(`rt-${size}`, data);
    const one = await decodeWith(path, 1);
    expect(one.equals(data)).toBe(true);
    expect((await decodeWith(path, 3)).equals(one)).toBe(true);
  });

  it('0, 1, FRAME - 1 and FRAME bytes (one frame): decompressFileTo decodes them on the one-thread path', async () => {
    for (const size of [0, 1, FRAME - 1, FRAME]) {
      const data = textish(size, size);
      const sink = new PassThrough({ highWaterMark: 1 << 30 });
      await decompressFileTo(await packed(`small-${size}`, data), sink, { jobs: 2 });
      sink.end();
      expect(Buffer.concat(await sink.toArray()).equals(data)).toBe(true);
    }
  });

  it.skipIf(!hasZstd)('zstd -t and zstd -dc read the frames; decompressFileTo decodes them and zstd CLI files', async () => {
    const data = textish(9 * FRAME + 3, 5);
    const path = await packed('cli', data);
    execFileSync('zstd', ['-qt', path]);
    expect(execFileSync('zstd', ['-qdc', path]).equals(data)).toBe(true);
    for (const jobs of [1, 2]) {
      const sink = new PassThrough({ highWaterMark: 1 << 30 });
      await decompressFileTo(path, sink, { jobs });
      sink.end();
      expect(Buffer.concat(await sink.toArray()).equals(data)).toBe(true);
    }
    const single = join(dir, 'single.zst'); // the zstd CLI's one frame: the one-thread streaming path, as before
    execFileSync('zstd', ['-q', '-f', '-o', single, writeRaw('single', data)]);
    const sink = new PassThrough({ highWaterMark: 1 << 30 });
    await decompressFileTo(single, sink, { jobs: 2 });
    sink.end();
    expect(Buffer.concat(await sink.toArray()).equals(data)).toBe(true);
  });
});

function writeRaw(name: string, data: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

describe('damage', () => {
  const data = randomBytes(3, 6 * FRAME + 11);

  it.each([0, 2, 6])('a corrupt frame %i fails the file with nothing left under its name', async (frame) => {
    const source = await packed(`bad-${frame}`, data);
    const scan = scanOf(source);
    if (!('frames' in scan)) throw new Error('expected frames');
    const bytes = readFileSync(source);
    const hit = scan.frames[frame]!;
    bytes[hit.position + Math.floor(hit.length / 2)]! ^= 0x55; // inside a block: the walk still finds the frames
    writeFileSync(source, bytes);
    const output = join(dir, `bad-${frame}.out`);
    const task = { ...taskBase('decompress', normalizeCompressOptions({})) };
    const file = { abs: source, path: source, outputs: [output] };
    const result = await decodeParallel(pools.get(3)!, 'decompress', file, task, undefined);
    expect(result?.ok).toBe(false);
    expect(result?.code).toMatch(/^ZSTD_error_/);
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes(`bad-${frame}.out`))).toEqual([]); // no temp file either
    await expect(decodeWith(source, 1)).rejects.toMatchObject({ fileCode: expect.stringMatching(/^ZSTD_error_/) });
  });

  it('--max-output refuses the file from the frames\' declared sizes, before decoding', async () => {
    const source = await packed('bomb', data);
    const output = join(dir, 'bomb.out');
    const task = { ...taskBase('decompress', normalizeCompressOptions({ maxOutput: FRAME })) };
    const result = await decodeParallel(pools.get(3)!, 'decompress', { abs: source, path: source, outputs: [output] }, task, undefined);
    expect(result).toMatchObject({ ok: false, code: 'ERR_PARIO_TOO_LARGE' });
    expect(result?.message).toMatch(/^refused as a possible decompression bomb: output exceeds the limit of 65536 bytes/);
    expect(existsSync(output)).toBe(false);
  });

  it('a truncated file fails clearly on -c, after bytes of the input only', async () => {
    const source = await packed('short', data);
    const bytes = readFileSync(source);
    writeFileSync(source, bytes.subarray(0, bytes.length - 100));
    const sink = new PassThrough({ highWaterMark: 1 << 30 });
    await expect(decompressFileTo(source, sink, { jobs: 2 })).rejects.toMatchObject({ fileCode: 'Z_BUF_ERROR' });
    sink.end();
    const got = Buffer.concat(await sink.toArray());
    expect(data.subarray(0, got.length).equals(got)).toBe(true);
  });

  it('the CLI: decompress -c and test of a big multi-frame file; a corrupt one exits 1, no output', async () => {
    const big = randomBytes(8, 9 << 20); // over 8 MiB compressed: the big-file path
    const source = join(dir, 'cli-big.zst');
    writeFileSync(source, await compressBuffer(big, { format: 'zstd', blockSize: 1 << 20, pool: pools.get(3)! }));
    const piped = await runCli(['decompress', '-j', '2', '-c', source]);
    expect(piped.code).toBe(0);
    expect(piped.stdout.equals(big)).toBe(true);
    expect((await runCli(['test', source])).code).toBe(0);
    const bytes = readFileSync(source);
    bytes[bytes.length - 2]! ^= 1; // the last frame's checksum
    writeFileSync(source, bytes);
    const run = await runCli(['decompress', source]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('checksum');
    expect(existsSync(join(dir, 'cli-big'))).toBe(false);
  });
});
