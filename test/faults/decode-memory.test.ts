// Decompression in bounded memory: a small .zst or .gz that expands to 256 MiB is decoded to a file, to a pipe
// (-c) and by `pario test` while the process's peak RSS stays within a bound far below the output size (it grew by
// the output size when one input chunk's output was queued whole: 2 GB of zeros took 2.2 GB).
import { spawn } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCompressor } from '../../workers/codecs.js';
import type { Algorithm } from '../../workers/codecs.js';
import { BIN } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

const OUTPUT = 256 << 20;
/** Growth allowed over the same command on a tiny file: GC slack of 1 MiB chunks in two threads, not the output. */
const BOUND = 160 << 20;
/** Prints the process's peak RSS (bytes) on stderr as it exits. */
const REPORT = 'data:text/javascript,process.on("exit",()=>process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS * 1024}\\n`))';

async function zeros(algorithm: Algorithm, size: number): Promise<Buffer> {
  const compressor = createCompressor(algorithm, 1, size);
  const parts: Buffer[] = [];
  compressor.on('data', (chunk: Buffer) => parts.push(chunk));
  const done = new Promise((resolve, reject) => compressor.on('end', resolve).on('error', reject));
  const chunk = Buffer.alloc(1 << 20);
  for (let at = 0; at < size; at += chunk.byteLength) {
    if (!compressor.write(chunk)) await new Promise((resolve) => compressor.once('drain', resolve));
  }
  compressor.end();
  await done;
  return Buffer.concat(parts);
}

/** Runs the CLI; stdout is read (and counted) as it comes. Resolves with exit code, bytes seen and peak RSS. */
function run(args: readonly string[], cwd: string): Promise<{ code: number | null; stdout: number; rss: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', REPORT, BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.byteLength));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, rss: Number(/maxRSS=(\d+)/.exec(stderr)?.[1] ?? NaN), stderr }));
  });
}

describe(`decoding ${OUTPUT >> 20} MiB of zeros from a small file`, () => {
  const cases: readonly [Algorithm, string, readonly (readonly string[])[]][] = [
    ['zstd', 'zst', [['decompress', '-f', '-j', '1'], ['decompress', '-c'], ['test', '-j', '1']]],
    ['gzip', 'gz', [['decompress', '-c']]],
  ];
  for (const [algorithm, ext, runs] of cases) {
    it(`.${ext}: ${runs.map((r) => r.join(' ')).join(', ')}: each within ${BOUND >> 20} MiB of the same run on a tiny file`, async () => {
      const dir = tempDir('pario-decode-memory-');
      writeFileSync(join(dir, `big.${ext}`), await zeros(algorithm, OUTPUT));
      writeFileSync(join(dir, `tiny.${ext}`), await zeros(algorithm, 1));
      for (const args of runs) {
        const base = await run([...args, `tiny.${ext}`], dir);
        const big = await run([...args, '--max-output', '1G', `big.${ext}`], dir);
        expect([base.code, big.code], `${args.join(' ')}: ${big.stderr}`).toEqual([0, 0]);
        if (args.includes('-c')) expect(big.stdout, args.join(' ')).toBe(OUTPUT);
        if (args.includes('-f')) expect(statSync(join(dir, 'big')).size).toBe(OUTPUT);
        expect(big.rss - base.rss, `${args.join(' ')}: peak RSS ${big.rss >> 20} MiB, tiny file ${base.rss >> 20} MiB`).toBeLessThan(BOUND);
      }
    });
  }
});
