import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pario } from '../helpers/compress-cli.js';
import { tempDir } from '../helpers/temp.js';

// Files of 8 MiB and more take the block-parallel path (src/bigfile/codec-file.ts); the same rules hold there.
describe('big files: the safety rules of the batch path', () => {
  it('--min-ratio with -f keeps the existing output when the new one is not small enough; --fsync writes a whole file', () => {
    const dir = tempDir('pario-big-safety-');
    writeFileSync(join(dir, 'noise.bin'), randomBytes(9 << 20)); // incompressible: gzip cannot reach 1.1
    writeFileSync(join(dir, 'noise.bin.gz'), 'an older output');
    const run = pario(['compress', '-f', '--min-ratio', '1.1', '--json', '-j', '2', 'noise.bin'], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('"status":"larger"');
    expect(readFileSync(join(dir, 'noise.bin.gz'), 'utf8')).toBe('an older output');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const text = Buffer.from('a line of a big log\n'.repeat(500_000)); // 10 MB
    writeFileSync(join(dir, 'big.log'), text);
    expect(pario(['compress', '--fsync', '--min-ratio', '1.1', '-j', '2', 'big.log'], dir).status).toBe(0);
    expect(execFileSync('gzip', ['-dc', join(dir, 'big.log.gz')], { maxBuffer: 64 << 20 }).equals(text)).toBe(true);
  });

  it('-c refuses a FIFO with a per-file error instead of blocking on it', () => {
    const dir = tempDir('pario-big-safety-');
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const run = pario(['compress', '-c', 'pipe'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/pipe: .*not a regular file/);
  });
});
