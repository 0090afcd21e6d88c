import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { has } from '../helpers/oracle.js';
import { tempDir } from '../helpers/temp.js';
import { content, rng } from '../helpers/tree.js';

describe('pario compress: big files take the block-parallel path', () => {
  const dir = tempDir();
  const random = rng(42);
  // 12 MiB: above the 8 MiB threshold; text-like and random halves.
  const data = Buffer.concat([content(random, 6 << 20, true), content(random, 6 << 20, false)]);
  writeFileSync(join(dir, 'big.bin'), data);

  it('gzip, deflate and zstd outputs are identical for -j 1 and -j 2, restored by the system tools, trailer CRC right', async () => {
    const outputs: Record<string, Buffer[]> = { gz: [], zz: [], zst: [] };
    for (const jobs of ['1', '2']) {
      const run = await runCli(['compress', '--gzip', '--deflate', '--zstd', '-f', '-j', jobs, 'big.bin'], { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
      for (const ext of ['gz', 'zz', 'zst']) outputs[ext]?.push(readFileSync(join(dir, `big.bin.${ext}`)));
    }
    for (const ext of ['gz', 'zz', 'zst']) expect(outputs[ext]?.[0]?.equals(outputs[ext]?.[1] ?? Buffer.alloc(0)), ext).toBe(true);
    const gz = readFileSync(join(dir, 'big.bin.gz'));
    // The first member's trailer sits before pario's index member (16 + payload + 10 bytes; the payload ends with its length).
    const trailer = gz.byteLength - 26 - gz.readUInt32LE(gz.byteLength - 14) - 8;
    expect(gz.readUInt32LE(trailer)).toBe(crc32(data));
    expect(gz.readUInt32LE(trailer + 4)).toBe(data.byteLength);
    if (has('gzip')) expect(execFileSync('gzip', ['-dc', join(dir, 'big.bin.gz')], { maxBuffer: 64 << 20 }).equals(data)).toBe(true);
    if (has('zstd')) expect(execFileSync('zstd', ['-dcq', join(dir, 'big.bin.zst')], { maxBuffer: 64 << 20 }).equals(data)).toBe(true);
    if (has('pigz')) expect(execFileSync('pigz', ['-dzc', join(dir, 'big.bin.zz')], { maxBuffer: 64 << 20 }).equals(data)).toBe(true);
    expect(statSync(join(dir, 'big.bin.gz')).mtimeMs).toBeCloseTo(statSync(join(dir, 'big.bin')).mtimeMs, -1);
  });

  it('a big brotli input is one streaming task; --rm removes the original only when all outputs are written', async () => {
    copyFileSync(join(dir, 'big.bin'), join(dir, 'rm.bin'));
    const run = await runCli(['compress', '--gzip', '--brotli', '--brotli-quality', '3', '--rm', 'rm.bin'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(dir, 'rm.bin'))).toBe(false);
    if (has('brotli')) expect(execFileSync('brotli', ['-dc', join(dir, 'rm.bin.br')], { maxBuffer: 64 << 20 }).equals(data)).toBe(true);
    const pario = await runCli(['decompress', '-c', 'rm.bin.gz'], { cwd: dir });
    expect(pario.stdout.equals(data)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('--rm keeps a big original when one of its outputs fails (an output name that is a folder)', async () => {
    copyFileSync(join(dir, 'big.bin'), join(dir, 'keep.bin'));
    execFileSync('mkdir', [join(dir, 'keep.bin.zst')]);
    const run = await runCli(['compress', '--gzip', '--zstd', '--rm', 'keep.bin'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('keep.bin');
    expect(readFileSync(join(dir, 'keep.bin')).equals(data)).toBe(true);
  });

  it('-c and standard input use the same path and give the same bytes', async () => {
    const file = await runCli(['compress', '-c', 'big.bin'], { cwd: dir });
    const stdin = await runCli(['compress', '-c', '-'], { cwd: dir, input: data });
    expect(file.code).toBe(0);
    expect(stdin.code).toBe(0);
    expect(file.stdout.equals(stdin.stdout)).toBe(true);
    expect(file.stdout.equals(readFileSync(join(dir, 'big.bin.gz')))).toBe(true);
  });

  it('in a run over a folder, gzip inputs under 32 MiB are compressed whole by one worker (libdeflate\'s bytes, no index)', async () => {
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    copyFileSync(join(dir, 'big.bin'), join(tree, 'big.bin'));
    writeFileSync(join(tree, 'small.txt'), 'small file '.repeat(100));
    const lib = (await import('libdeflate')) as { gzip(input: Uint8Array, level: number): Uint8Array };
    const run = await runCli(['compress', '-q', 'tree'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const gz = readFileSync(join(tree, 'big.bin.gz'));
    expect(gz.equals(Buffer.from(lib.gzip(data, 6)))).toBe(true);
    // The same file named alone, with zstd beside gzip, or with a block size given, takes the block path: pario's
    // index member follows the data.
    for (const args of [['tree/big.bin'], ['--gzip', '--zstd', 'tree'], ['--block-size', '1M', 'tree']]) {
      const alone = await runCli(['compress', '-f', '-q', ...args], { cwd: dir });
      expect(alone.code, alone.stderr).toBe(0);
      const blocks = readFileSync(join(tree, 'big.bin.gz'));
      expect(blocks.equals(gz), args.join(' ')).toBe(false);
      expect(blocks.equals(readFileSync(join(dir, 'big.bin.gz'))), args.join(' ')).toBe(true);
    }
    if (has('gzip')) expect(execFileSync('gzip', ['-dc', join(tree, 'big.bin.gz')], { maxBuffer: 64 << 20 }).equals(data)).toBe(true);
  });
});
