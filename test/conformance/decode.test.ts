// The decompression cases of other projects' test suites (../shared/conformance: GNU gzip, zlib's infcover, Go's
// compress/gzip, zstd's golden files, brotli's test data, fuzz and synth cases), each asserting what its source (or
// the reference tool) expects: the exact output, or a failure with pario's code and nothing left behind. The bulk
// runs in-process through the library; the streamed decoder, -c and the CLI each get their share.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { decompressFileTo, decompressFiles, FileError, testFiles } from '../../src/index.js';
import type { CompressResult } from '../../src/index.js';
import { detectFormat } from '../../workers/codecs.js';
import { decodeStream } from '../../workers/decode-stream.js';
import { CONFORMANCE, decodeCases, outputDiffers } from '../helpers/conformance.js';
import type { DecodeExpectation } from '../helpers/conformance.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const cases = decodeCases();
/** x.gz and x.zz of zlib's cases decode to the same name: the .zz ones get a folder of their own. */
const placed = (key: string): string => (key.endsWith('.zz') ? `zz/${key}` : key);

const tree = tempDir('pario-conformance-');
const out = tempDir('pario-conformance-out-');
const decompressed = new Map<string, CompressResult>();
const tested = new Map<string, CompressResult>();

beforeAll(async () => {
  for (const [key] of cases) {
    mkdirSync(dirname(join(tree, placed(key))), { recursive: true });
    copyFileSync(join(CONFORMANCE, key), join(tree, placed(key)));
  }
  for await (const result of decompressFiles('.', { cwd: tree, outDir: out, jobs: 2 })) decompressed.set(result.path, result);
  for await (const result of testFiles('.', { cwd: tree, jobs: 2 })) tested.set(result.path, result);
}, 120_000);

function verdict(key: string, expected: DecodeExpectation, result: CompressResult | undefined): void {
  expect(result, `${key}: no result`).toBeDefined();
  if (expected.ok) expect([result?.status, result?.message], key).toEqual(['ok', undefined]);
  else expect([result?.status, result?.code], `${key}: ${result?.message ?? ''}`).toEqual(['failed', expected.code]);
}

describe(`decompressFiles over the ${cases.length} cases of ../shared/conformance`, () => {
  it.each(cases)('%s', (key, expected) => {
    const result = decompressed.get(placed(key));
    verdict(key, expected, result);
    const output = join(out, placed(key).replace(/\.(gz|zz|br|zst)$/, ''));
    if (!expected.ok) {
      expect(existsSync(output), `${key}: a failed file leaves no output`).toBe(false);
      return;
    }
    expect(outputDiffers(expected, readFileSync(output)), key).toBe('');
  });

  it('leaves no temp file behind', () => {
    const all = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => e.name);
    expect(all(out).filter((name) => name.includes('.pario-'))).toEqual([]);
    expect(all(tree).filter((name) => name.includes('.pario-'))).toEqual([]);
  });
});

describe('testFiles gives the same verdict on every case', () => {
  it.each(cases)('%s', (key, expected) => verdict(key, expected, tested.get(placed(key))));
});

describe('the streamed decoder (large files, standard input) agrees, fed 7 bytes at a time (4093 past 4 KiB)', () => {
  const known = cases.filter(([key]) => detectFormat(readFileSync(join(CONFORMANCE, key)).subarray(0, 18), key) !== null);
  it.each(known)('%s', async (key, expected) => {
    const data = readFileSync(join(CONFORMANCE, key));
    const algorithm = detectFormat(data.subarray(0, 18), key);
    const step = data.byteLength <= 4096 ? 7 : 4093;
    let at = 0;
    const source = { next: (): Uint8Array | null => (at >= data.byteLength ? null : data.subarray(at, (at += step))) };
    const chunks: Buffer[] = [];
    if (algorithm === null) throw new Error(`${key}: no format`);
    const decoded = decodeStream(algorithm, source, (c) => void chunks.push(Buffer.from(c)), { size: data.byteLength });
    if (expected.ok) {
      await expect(decoded, key).resolves.toMatchObject({ bytesIn: data.byteLength });
      expect(outputDiffers(expected, Buffer.concat(chunks)), key).toBe('');
    } else {
      // brotli may name the same fault _1 or _2 by where its input stopped (BLOCK_LENGTH_1 / _2, PADDING_1 / _2)
      const code = await decoded.then(() => 'ok', (error: { code?: string }) => error.code ?? '');
      expect(code.replace(/_\d$/, ''), key).toBe(expected.code?.replace(/_\d$/, ''));
    }
  });
});

/** A Writable that keeps what it is given. */
function sink(): Writable & { bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _e, done) => void (chunks.push(Buffer.from(chunk)), done()) });
  return Object.assign(stream, { bytes: () => Buffer.concat(chunks) });
}

describe('decompressFileTo (-c): every deviation and every trailing-data case, and some of each source', () => {
  const sample = cases.filter(([, e], i) => e.deviation !== undefined || e.code === 'ERR_PARIO_TRAILING_DATA' || i % 40 === 0);
  it.each(sample)('%s', async (key, expected) => {
    const writable = sink();
    const run = decompressFileTo(join(CONFORMANCE, key), writable);
    if (expected.ok) {
      await run;
      expect(outputDiffers(expected, writable.bytes()), key).toBe('');
    } else {
      await expect(run, key).rejects.toBeInstanceOf(FileError);
      await expect(run, key).rejects.toMatchObject({ fileCode: expected.code });
      expect(writable.bytes().byteLength, `${key}: a small file's output is checked whole before any byte is written`).toBe(0);
    }
  });
});

describe('through the CLI (a sample: one spawn costs ~0.2 s)', () => {
  it('pario test names the cause of each bad file, exit 1', async () => {
    const files = ['go/hello-garbage.gz', 'brotli/derived/two-streams.br', 'zlib/hdr10-need-dictionary.zz', 'go/hello.txt.gz'];
    const run = await runCli(['test', ...files], { cwd: CONFORMANCE });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('pario: go/hello-garbage.gz: trailing data after the end of the last gzip member: not a gzip member');
    expect(run.stderr).toContain('pario: brotli/derived/two-streams.br: trailing data after the end of the brotli stream '
      + '(17 bytes from byte 17)');
    expect(run.stderr).toMatch(/two-streams\.br: .*\(ERR_PARIO_TRAILING_DATA\)\n/);
    expect(run.stderr).toMatch(/pario: zlib\/hdr10-need-dictionary\.zz: zlib: the stream needs a preset dictionary \(DICTID 00000001\)/);
    expect(run.stderr).toMatch(/hdr10-need-dictionary\.zz: .*\(Z_NEED_DICT\)\n/);
    expect(run.stderr).not.toContain('hello.txt.gz');
  });

  it('decompress -c - reads standard input: gzip members one after another, then NUL padding (gzip tests/trailing-nul)', async () => {
    const files = ['gzip/mixed-two-members.gz', 'gzip/trailing-nul-00.gz'];
    const input = Buffer.concat(files.map((file) => readFileSync(join(CONFORMANCE, file))));
    const run = await runCli(['decompress', '-c', '-'], { input });
    expect([run.code, run.stderr]).toEqual([0, '']);
    const expected = (await import('node:zlib')).gunzipSync(input);
    expect(run.stdout.equals(expected)).toBe(true);
  });

  it('decompress -c of a .zst followed by garbage: exit 1, the cause named with its place', async () => {
    const run = await runCli(['decompress', '-c', 'zstd/derived/frame-then-garbage.zst'], { cwd: CONFORMANCE });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('pario: zstd/derived/frame-then-garbage.zst: '
      + 'trailing data after the end of the last zstd frame (7 bytes from byte 448): '
      + 'not a zstd frame (zstd -d refuses it too) (ERR_PARIO_TRAILING_DATA)\n');
  });
});
