import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, openSync, readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadZstd } from '../../workers/blocks.js';
import { compressBuffer, compressFile, compressFileTo, compressStream } from '../../src/bigfile/index.js';
import type { ParioPool } from '../../src/pool/pool.js';
import { createPool } from '../../src/pool/pool.js';
import { decompressStream } from '../../src/compress/decompress-to.js';
import { TEST_BLOCK, writeInputs } from '../helpers/block-inputs.js';
import { has } from '../helpers/oracle.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('pario-blocks-zstd-');
const inputs = writeInputs(dir);
const pools = new Map<number, ParioPool>([1, 2, 4].map((jobs) => [jobs, createPool(jobs)]));
afterAll(async () => {
  await Promise.all([...pools.values()].map((pool) => pool.close()));
});
const zstdReady = (loadZstd() !== null || process.env['CI'] !== undefined) && has('zstd');
const hasGzip = has('gzip');
const BIGFILE_INDEX = fileURLToPath(new URL('../../src/bigfile/index.js', import.meta.url));

describe.skipIf(!zstdReady).each([...inputs.keys()])('zstd of %s', (name) => {
  const { path, data } = inputs.get(name)!;

  it('is byte-identical for -j 1, 2, 4; zstd -t passes and zstd -dc restores the input', async () => {
    const outputs: Buffer[] = [];
    for (const jobs of [1, 2, 4]) {
      const output = join(dir, `${name}.${jobs}.zst`);
      await compressFile(path, { output, format: 'zstd', blockSize: 2 * TEST_BLOCK, pool: pools.get(jobs) });
      outputs.push(readFileSync(output));
    }
    expect(outputs[1]!.equals(outputs[0]!)).toBe(true);
    expect(outputs[2]!.equals(outputs[0]!)).toBe(true);
    const file = join(dir, `${name}.1.zst`);
    execFileSync('zstd', ['-qt', file]);
    expect(execFileSync('zstd', ['-qdc', file], { maxBuffer: 1 << 30 }).equals(data)).toBe(true);
  });
});

describe('streams and buffers', () => {
  const { path, data } = inputs.get('many-blocks')!;

  it('compressBuffer and compressStream give the same bytes as compressFile', async () => {
    const output = join(dir, 'file.gz');
    await compressFile(path, { output, pool: pools.get(2), blockSize: TEST_BLOCK });
    const expected = readFileSync(output);
    expect((await compressBuffer(data, { pool: pools.get(4), blockSize: TEST_BLOCK })).equals(expected)).toBe(true);
    const streamed = join(dir, 'stream.gz');
    const summary = await compressStream(createReadStream(path, { highWaterMark: 10_000 }), createWriteStream(streamed), {
      pool: pools.get(2), blockSize: TEST_BLOCK,
    });
    expect(summary.bytesIn).toBe(data.length);
    expect(readFileSync(streamed).equals(expected)).toBe(true);
    const piped = join(dir, 'file-to-stream.gz'); // pario compress -c big.log > big.log.gz
    const sink = createWriteStream(piped);
    await compressFileTo(path, sink, { pool: pools.get(2), blockSize: TEST_BLOCK, io: 'sequential' });
    await new Promise((resolve) => sink.end(resolve));
    expect(readFileSync(piped).equals(expected)).toBe(true);
    // A stream on an open fd (like stdout) gets blocks through reused shared slots, each written before its reuse…
    const direct = join(dir, 'file-to-fd.gz');
    const fdSink = createWriteStream('', { fd: openSync(direct, 'w') });
    await compressFileTo(path, fdSink, { pool: pools.get(2), blockSize: TEST_BLOCK });
    await new Promise((resolve) => fdSink.end(resolve));
    expect(readFileSync(direct).equals(expected)).toBe(true);
    // …and a stream that keeps the chunks (read only at the end) gets memory of its own: nothing is overwritten.
    const kept = new PassThrough({ highWaterMark: 1 << 30 });
    await compressFileTo(path, kept, { pool: pools.get(2), blockSize: TEST_BLOCK });
    kept.end();
    expect(Buffer.concat(await kept.toArray()).equals(expected)).toBe(true);
  });

  it.skipIf(!hasGzip)('stdin → stdout through a pipe: cat x | node … > x.gz restores with gzip -dc', () => {
    const script = `import(${JSON.stringify(BIGFILE_INDEX)}).then((m) => m.compressStream(process.stdin, process.stdout, `
      + `{ end: false, jobs: 2, blockSize: ${TEST_BLOCK} }))`;
    const gz = join(dir, 'piped.gz');
    execFileSync('sh', ['-c', `cat "${path}" | "${process.execPath}" -e '${script}' > "${gz}"`]);
    execFileSync('gzip', ['-t', gz]);
    expect(execFileSync('gzip', ['-dc', gz], { maxBuffer: 1 << 30 }).equals(data)).toBe(true);
  });

  it('a failing source rejects, and a stream of zero bytes is a valid empty member', async () => {
    async function* broken(): AsyncGenerator<Buffer> {
      yield Buffer.alloc(3 * TEST_BLOCK, 1);
      throw Object.assign(new Error('read failed'), { code: 'EIO' });
    }
    const sink = createWriteStream(join(dir, 'broken.gz'));
    await expect(compressStream(broken(), sink, { pool: pools.get(2), blockSize: TEST_BLOCK })).rejects.toMatchObject({ code: 'EIO' });
    sink.on('error', () => undefined); // the caller owns the sink: pending writes fail once it is destroyed
    sink.destroy();
    async function* nothing(): AsyncGenerator<Buffer> {}
    const empty = join(dir, 'empty-stream.gz');
    await compressStream(nothing(), createWriteStream(empty), { pool: pools.get(1) });
    if (hasGzip) expect(execFileSync('gzip', ['-dc', empty]).length).toBe(0);
  });

  it('several big files on one shared pool at once (two-level use): each output equals its solo run', async () => {
    const names = ['many-blocks', 'zeros', 'incompressible'];
    const solo = new Map<string, Buffer>();
    for (const name of names) {
      const output = join(dir, `${name}.solo.gz`);
      await compressFile(inputs.get(name)!.path, { output, pool: pools.get(1), blockSize: TEST_BLOCK });
      solo.set(name, readFileSync(output));
    }
    await Promise.all(names.map((name) => compressFile(inputs.get(name)!.path, {
      output: join(dir, `${name}.shared.gz`), pool: pools.get(2), blockSize: TEST_BLOCK,
    })));
    for (const name of names) expect(readFileSync(join(dir, `${name}.shared.gz`)).equals(solo.get(name)!)).toBe(true);
  });

  it('decompressStream rejects with AbortError when its signal was aborted before it started (a silent source)', async () => {
    const controller = new AbortController();
    controller.abort();
    const pending = decompressStream(new PassThrough(), new PassThrough(), { signal: controller.signal });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
