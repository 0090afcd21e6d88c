// Standard output that cannot be written, for every command that writes to it: a pipe whose reader is gone exits 141
// saying nothing (as cat and gzip end on SIGPIPE); /dev/full exits 1 with `pario: stdout: No space left on device`
// (gzip's words), never a stack trace. The pipe's reader is closed before the run starts: no race with the run.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { exited } from '../helpers/faults.js';
import { BIN } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

const root = tempDir();
writeFileSync(join(root, 'a.txt'), 'alpha\n'.repeat(1000));
writeFileSync(join(root, 'a.txt.gz'), gzipSync('alpha\n'.repeat(1000)));
writeFileSync(join(root, 'big.bin'), randomBytes(9 << 20)); // the block-parallel path
writeFileSync(join(root, 'SUMS'), spawnSync('sha256sum', ['a.txt'], { cwd: root }).stdout);

const COMMANDS: ReadonlyArray<readonly string[]> = [
  ['cat', 'a.txt'],
  ['hash', 'a.txt', 'big.bin'],
  ['check', 'SUMS'],
  ['read', '--json', 'a.txt'],
  ['compress', '-c', 'a.txt'],
  ['compress', '-c', 'big.bin'],
  ['compress', '-c', '--zstd', '-'],
  ['decompress', '-c', 'a.txt.gz'],
  ['--version'], // printed before the CLI loads: a failed write leaves it to the CLI
];

/** A write end of a pipe whose only reader is already closed: every write fails with EPIPE. */
function brokenPipe(): number {
  const fifo = join(root, `fifo-${Math.random().toString(36).slice(2)}`);
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(fifo, constants.O_WRONLY);
  closeSync(reader);
  return writer;
}

async function run(args: readonly string[], stdout: number): Promise<{ code: number | null; stderr: string }> {
  const input = args.includes('-') ? openSync(join(root, 'big.bin'), 'r') : 'ignore';
  const child = spawn(process.execPath, [BIN, ...args], { cwd: root, stdio: [input, stdout, 'pipe'] });
  closeSync(stdout);
  if (typeof input === 'number') closeSync(input);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => void (stderr += d.toString()));
  const { code } = await exited(child);
  return { code, stderr };
}

describe('stdout that cannot be written', () => {
  for (const args of COMMANDS) {
    it(`pario ${args.join(' ')}: a closed pipe exits 141 quietly; /dev/full exits 1 with one line`, async () => {
      expect(await run(args, brokenPipe())).toEqual({ code: 141, stderr: '' });
      expect(await run(args, openSync('/dev/full', 'w'))).toEqual({ code: 1, stderr: 'pario: stdout: No space left on device\n' });
    });
  }
});
