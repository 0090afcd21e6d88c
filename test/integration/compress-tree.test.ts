import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pario } from '../helpers/compress-cli.js';
import { has } from '../helpers/oracle.js';
import { tempDir } from '../helpers/temp.js';
import { content, makeTree, rng } from '../helpers/tree.js';

// ≥ 5,000 files, 0 B … 8 MiB (+ one just above, for the big-file path), text and binary.
const root = tempDir('pario-ctree-');
const src = join(root, 'src');
const paths = makeTree(src, 5000, 12_000, 7);
const random = rng(99);
const bigOnes: [string, number, boolean][] = [['big/one.txt', 1 << 20, true], ['big/three.bin', 3 << 20, false], ['big/eight.txt', (8 << 20) + 5, true]];
spawnSync('mkdir', ['-p', join(src, 'big')]);
for (const [rel, size, text] of bigOnes) {
  writeFileSync(join(src, rel), content(random, size, text));
  paths.push(rel);
}

/** Runs `cmd args… files…` over chunks of files; returns stdout of all chunks concatenated. */
function overChunks(cmd: string, args: string[], files: string[]): Buffer {
  const out: Buffer[] = [];
  for (let i = 0; i < files.length; i += 500) {
    const run = spawnSync(cmd, [...args, ...files.slice(i, i + 500)], { cwd: src, maxBuffer: 1 << 30 });
    expect(run.status, `${cmd} ${args.join(' ')}: ${run.stderr.toString()}`).toBe(0);
    out.push(run.stdout);
  }
  return Buffer.concat(out);
}

const originals = (): Buffer => Buffer.concat(paths.map((p) => readFileSync(join(src, p))));

describe('compress a generated tree of 5,003 files to .gz .zst .br in one run', () => {
  it('writes every output; system tools accept and restore them byte-exactly; pario restores them too', () => {
    const run = pario(['compress', '--gzip', '--zstd', '--brotli', '--brotli-quality', '5', '-j', '2', '--json', 'src'], root);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout.trim().split('\n').pop()!) as { ok: number; failed: number };
    expect(summary).toMatchObject({ ok: paths.length, failed: 0 });
    const expected = originals();
    if (has('gzip')) {
      overChunks('gzip', ['-t'], paths.map((p) => `${p}.gz`));
      expect(overChunks('gzip', ['-dc'], paths.map((p) => `${p}.gz`)).equals(expected)).toBe(true);
    }
    if (has('zstd')) {
      overChunks('zstd', ['-tq'], paths.map((p) => `${p}.zst`));
      expect(overChunks('zstd', ['-dcq'], paths.map((p) => `${p}.zst`)).equals(expected)).toBe(true);
    }
    if (has('brotli')) {
      // brotli's CLI takes one file with -c: check a sample plus every big file.
      for (const p of [...paths.slice(0, 150), ...bigOnes.map(([rel]) => rel)]) {
        const back = spawnSync('brotli', ['-dc', `${p}.br`], { cwd: src, maxBuffer: 1 << 30 });
        expect(back.status).toBe(0);
        expect(back.stdout.equals(readFileSync(join(src, p)))).toBe(true);
      }
    }
    const tested = pario(['test', '-q', '-j', '2', 'src/**/*.gz'], root);
    expect(tested.status).toBe(0);
    const restored = pario(['decompress', '-q', '-j', '2', '-o', 'back', 'src/**/*.zst'], root);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    const back = Buffer.concat(paths.map((p) => readFileSync(join(root, 'back', p))));
    expect(back.equals(expected)).toBe(true);
  }, 240_000); // ~20 s on an idle 2-core machine; generous for a loaded one
});
