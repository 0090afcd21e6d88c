// Decompression bombs: --max-output (and, without it, a default of max(1 GiB, 1000 × the input size)) stops a file
// whose output would pass the limit, with a message naming the file and the limit, nothing left behind, exit 1.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeCompressOptions } from '../../src/compress/options.js';
import { compressSync, decompressSync, outputLimit } from '../../workers/codecs.js';
import { DEFAULT_MAX_OUTPUT, MAX_OUTPUT_RATIO } from '../../workers/compress-protocol.js';
import { BIN } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

const MIB = 1 << 20;
const RUN_TIMEOUT = 60_000;

function pario(args: readonly string[], cwd: string): { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: RUN_TIMEOUT, killSignal: 'SIGKILL' });
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

describe('the default output limit', () => {
  it('is max(1 GiB, 1000 × the compressed size) unless a limit is given', () => {
    expect(DEFAULT_MAX_OUTPUT).toBe(1024 * MIB);
    expect(MAX_OUTPUT_RATIO).toBe(1000);
    expect(outputLimit(null, 0)).toBe(1024 * MIB);
    expect(outputLimit(null, 1 * MIB)).toBe(1024 * MIB); // 1000 × 1 MiB < 1 GiB
    expect(outputLimit(null, 2 * MIB)).toBe(2000 * MIB);
    expect(outputLimit(null, 5_000_000_000)).toBe(5_000_000_000_000);
    expect(outputLimit(10 * MIB, 5_000_000_000)).toBe(10 * MIB); // an explicit limit wins, even when smaller
  });

  it('is the library default; 0 and Infinity mean no limit', () => {
    expect(normalizeCompressOptions({}).maxOutput).toBeNull();
    expect(normalizeCompressOptions({ maxOutput: 10 * MIB }).maxOutput).toBe(10 * MIB);
    expect(normalizeCompressOptions({ maxOutput: 0 }).maxOutput).toBe(Number.MAX_SAFE_INTEGER);
    expect(normalizeCompressOptions({ maxOutput: Infinity }).maxOutput).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => normalizeCompressOptions({ maxOutput: -1 })).toThrow(/maxOutput/);
    expect(() => normalizeCompressOptions({ maxOutput: 1.5 })).toThrow(/maxOutput/);
  });
});

describe('decompression bombs', () => {
  const root = tempDir('pario-bomb-');
  // 200 MiB of zeros as 25 gzip members of 8 MiB each: about 200 KiB on disk, a 1000:1 bomb.
  const member = zlib.gzipSync(Buffer.alloc(8 * MIB), { level: 9 });
  const gzipBomb = Buffer.concat(Array.from({ length: 25 }, () => member));
  // 5 GiB of zeros as 320 zstd frames of 16 MiB, each declaring its size: about 150 KiB on disk.
  let zstdBomb = Buffer.alloc(0);

  beforeAll(() => {
    const frame = compressSync('zstd', Buffer.alloc(16 * MIB), 3);
    zstdBomb = Buffer.concat(Array.from({ length: 320 }, () => frame));
    writeFileSync(join(root, 'bomb.txt.gz'), gzipBomb);
    writeFileSync(join(root, 'bomb.bin.zst'), zstdBomb);
    writeFileSync(join(root, 'fine.txt.gz'), zlib.gzipSync('fine\n'));
  });

  it('the codecs stop at the limit: zstd frames declaring 5 GiB in all are refused without allocating them', () => {
    expect(() => decompressSync('zstd', zstdBomb, 10 * MIB)).toThrow(expect.objectContaining({ code: 'ERR_BUFFER_TOO_LARGE' }));
    expect(() => decompressSync('gzip', gzipBomb, 10 * MIB)).toThrow(expect.objectContaining({ code: 'ERR_BUFFER_TOO_LARGE' }));
  });

  it('pario decompress --max-output 10M: a per-file error naming the file and the limit, no output, exit 1', () => {
    const run = pario(['decompress', '--max-output', '10M', '-j', '2', '.'], root);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    for (const name of ['bomb.txt.gz', 'bomb.bin.zst']) {
      expect(run.stderr).toMatch(new RegExp(`^pario: ${name.replace(/\./g, '\\.')}: .*decompression bomb: output exceeds the limit of 10485760 bytes \\(--max-output\\) \\(ERR_PARIO_TOO_LARGE\\)$`, 'm'));
    }
    expect(run.stdout).toMatch(/decompressed 1 of 3 files \(2 failed\)/);
    expect(readdirSync(root).sort()).toEqual(['bomb.bin.zst', 'bomb.txt.gz', 'fine.txt', 'fine.txt.gz']); // no output, no temp
  });

  it('pario test --max-output 10M counts the bombs as bad', () => {
    const run = pario(['test', '--max-output', '10M', '--json', 'bomb.txt.gz', 'bomb.bin.zst'], root);
    expect(run.status).toBe(1);
    const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; path?: string; code?: string; message?: string });
    const files = events.filter((e) => e.type === 'file');
    expect(files.map((e) => [e.path, e.code]).sort()).toEqual([['bomb.bin.zst', 'ERR_PARIO_TOO_LARGE'], ['bomb.txt.gz', 'ERR_PARIO_TOO_LARGE']]);
  });

  it('without --max-output the default guard refuses the 5 GiB zstd bomb (34,000:1) with a message saying how to allow it', () => {
    const run = pario(['test', '-j', '1', 'bomb.bin.zst'], root);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^pario: bomb\.bin\.zst: refused as a possible decompression bomb: output exceeds the default limit of 1073741824 bytes \(1000 × the input size.*--max-output N to change it, 0 for none\) \(ERR_PARIO_TOO_LARGE\)$/m);
  });

  it('--max-output 0 / none lift the limit: the 200 MiB gzip bomb then decompresses (tested, nothing written)', () => {
    const run = pario(['test', '--max-output', '0', '--json', 'bomb.txt.gz'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`"bytesOut":${200 * MIB}`);
    expect(pario(['test', '--max-output', 'none', 'fine.txt.gz'], root).status).toBe(0);
  });
});
