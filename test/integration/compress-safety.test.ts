import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pario } from '../helpers/compress-cli.js';
import { has } from '../helpers/oracle.js';
import { BIN } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';
import { compressFiles, decompressFiles } from '../../src/index.js';
import { collect } from '../helpers/temp.js';

const text = 'safe output, always\n'.repeat(500);

function tmps(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((n) => n.endsWith('.tmp'));
}

describe('existing outputs, --rm and --remove-larger', () => {
  it('leaves an existing output untouched without -f (and says so), replaces it with -f', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), text);
    writeFileSync(join(dir, 'a.txt.gz'), 'not mine');
    const run = pario(['compress', 'a.txt'], dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('a.txt.gz already exists');
    expect(readFileSync(join(dir, 'a.txt.gz'), 'utf8')).toBe('not mine');
    expect(pario(['compress', '-f', 'a.txt'], dir).status).toBe(0);
    if (has('gzip')) expect(execFileSync('gzip', ['-dc', join(dir, 'a.txt.gz')], { encoding: 'utf8' })).toBe(text);
  });

  it('--rm keeps the original when any of its outputs fails, and removes it when all are in place', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ok.txt'), text);
    writeFileSync(join(dir, 'bad.txt'), text);
    mkdirSync(join(dir, 'bad.txt.br')); // the .br output cannot be written
    const run = pario(['compress', '--gzip', '--brotli', '--rm', 'ok.txt', 'bad.txt'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/bad\.txt.*EISDIR/);
    expect(existsSync(join(dir, 'ok.txt'))).toBe(false);
    expect(readFileSync(join(dir, 'bad.txt'), 'utf8')).toBe(text);
    expect(existsSync(join(dir, 'ok.txt.gz')) && existsSync(join(dir, 'ok.txt.br'))).toBe(true);
    expect(tmps(dir)).toEqual([]);
  });

  it('--remove-larger drops outputs that are not smaller and keeps the original', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.bin'), Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 97) % 256)));
    const results = await collect(compressFiles('x.bin', { cwd: dir, minRatio: 1, remove: true, jobs: 1 }));
    expect(results[0]).toMatchObject({ status: 'skipped', reason: 'larger', removed: false });
    expect(readdirSync(dir)).toEqual(['x.bin']);
  });

  it('copies mode and sub-second mtime to outputs and back', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'm.txt'), text);
    chmodSync(join(dir, 'm.txt'), 0o604);
    await collect(compressFiles('m.txt', { cwd: dir, algorithms: ['zstd'], jobs: 1 }));
    await collect(decompressFiles('m.txt.zst', { cwd: dir, outDir: 'back', jobs: 1 }));
    const [a, b, c] = ['m.txt', 'm.txt.zst', 'back/m.txt'].map((p) => statSync(join(dir, p)));
    expect([b!.mode & 0o777, c!.mode & 0o777]).toEqual([0o604, 0o604]);
    expect(Math.abs(b!.mtimeMs - a!.mtimeMs)).toBeLessThan(0.01);
    expect(Math.abs(c!.mtimeMs - a!.mtimeMs)).toBeLessThan(0.01);
    expect(a!.mtimeMs % 1000).not.toBe(0);
  });
});

describe('load balancing', () => {
  it('slow levels split batches by bytes and every file still gets done exactly once', async () => {
    const dir = tempDir();
    for (let i = 0; i < 60; i += 1) writeFileSync(join(dir, `f${i}.txt`), `${i} `.repeat(5000));
    const results = await collect(compressFiles('*.txt', { cwd: dir, algorithms: ['brotli'], level: 9, jobs: 2 }));
    expect(results.map((r) => r.path).sort()).toEqual(Array.from({ length: 60 }, (_, i) => `f${i}.txt`).sort());
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.br'))).toHaveLength(60);
  });
});

describe('per-file errors name the path, the rest is done, exit 1', () => {
  it('compress: missing input, FIFO, an output name that is a folder, an output folder that cannot exist', () => {
    const dir = tempDir();
    for (const name of ['good1.txt', 'good2.txt', 'dirout.txt']) writeFileSync(join(dir, name), text);
    mkdirSync(join(dir, 'dirout.txt.gz'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const run = pario(['compress', 'good1.txt', 'missing.txt', 'fifo', 'dirout.txt', 'good2.txt'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/missing\.txt: .*ENOENT/);
    expect(run.stderr).toMatch(/fifo: .*ERR_NOT_REGULAR_FILE/);
    expect(run.stderr).toMatch(/dirout\.txt: .*EISDIR/);
    expect(existsSync(join(dir, 'good1.txt.gz')) && existsSync(join(dir, 'good2.txt.gz'))).toBe(true);
    writeFileSync(join(dir, 'blocker'), 'a file where the output folder should be');
    const blocked = pario(['compress', '-o', 'blocker/out', 'good1.txt'], dir);
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toMatch(/good1\.txt: .*(ENOTDIR|ENOENT)/);
    expect(tmps(dir)).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('compress: a read-only output folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), text);
    mkdirSync(join(dir, 'ro'));
    chmodSync(join(dir, 'ro'), 0o555);
    const run = pario(['compress', '-o', 'ro', 'a.txt'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/a\.txt: .*EACCES/);
  });

  it('decompress: a corrupt .gz is an error with no output left, the good one is restored', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.txt'), text);
    expect(pario(['compress', 'good.txt'], dir).status).toBe(0);
    const gz = readFileSync(join(dir, 'good.txt.gz'));
    writeFileSync(join(dir, 'bad.txt.gz'), Buffer.concat([gz.subarray(0, 30), Buffer.alloc(30, 7)]));
    writeFileSync(join(dir, 'short.txt.gz'), gz.subarray(0, gz.length - 4));
    const run = pario(['decompress', '-o', 'out', 'good.txt.gz', 'bad.txt.gz', 'short.txt.gz'], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/bad\.txt\.gz: /);
    expect(run.stderr).toMatch(/short\.txt\.gz: /);
    expect(readdirSync(join(dir, 'out'))).toEqual(['good.txt']);
    expect(readFileSync(join(dir, 'out', 'good.txt'), 'utf8')).toBe(text);
    const tested = pario(['-t', 'good.txt.gz', 'bad.txt.gz'], dir);
    expect(tested.status).toBe(1);
    expect(tested.stderr).toMatch(/bad\.txt\.gz: /);
  });

  it('-c writes one file to stdout and nothing on disk; -d -c restores it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), text);
    const packed = spawnSync(process.execPath, [BIN, 'compress', '-c', '--zstd', 'a.txt'], { cwd: dir });
    expect(packed.status).toBe(0);
    expect(readdirSync(dir)).toEqual(['a.txt']);
    if (has('zstd')) expect(spawnSync('zstd', ['-dc'], { input: packed.stdout }).stdout.toString()).toBe(text);
    writeFileSync(join(dir, 'a.txt.zst'), packed.stdout);
    const back = spawnSync(process.execPath, [BIN, '-d', '-c', 'a.txt.zst'], { cwd: dir });
    expect(back.stdout.toString()).toBe(text);
    expect(spawnSync(process.execPath, [BIN, 'compress', '-c', '--gzip', '--zstd', 'a.txt'], { cwd: dir }).status).toBe(2);
  });
});
