// Odd files for compress and hash (beyond read-odd-files.test.ts): a named path that does not exist, files deleted
// while a run is going, a file that grows or shrinks while it is read, 0-byte files, and a 4 GiB+ sparse file.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, statSync, truncateSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { checkOutputs, exited, genTree, temps, waitFor, walk, writeTree } from '../helpers/faults.js';
import { has } from '../helpers/oracle.js';
import { BIN } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';
import { content, rng } from '../helpers/tree.js';

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
const MiB = 2 ** 20;

/** A node child changing `path` every millisecond until killed: appending 32 KiB, or cutting 32 KiB off the end. */
function changer(path: string, how: 'grow' | 'shrink'): ChildProcess {
  const code = how === 'grow'
    ? `const fs=require('fs');const b=Buffer.alloc(32768,120);setInterval(()=>fs.appendFileSync(${JSON.stringify(path)},b),1)`
    : `const fs=require('fs');setInterval(()=>{const s=fs.statSync(${JSON.stringify(path)}).size;if(s>32768)fs.truncateSync(${JSON.stringify(path)},s-32768)},1)`;
  return spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
}

describe('odd files for compress and hash', () => {
  const root = tempDir('pario-odd-');
  has('gzip');
  has('zstd');
  has('sha256sum');

  it('a named path that does not exist: a per-file ENOENT naming it, the rest done, exit 1', async () => {
    const dir = join(root, 'missing');
    writeTree(dir, new Map([['real.txt', Buffer.from('real\n')]]));
    const c = await runCli(['compress', '-q', '--no-progress', 'nope.txt', 'real.txt'], { cwd: dir });
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/^pario: nope\.txt: .*ENOENT/);
    expect(c.stderr.trim().split('\n')).toHaveLength(1);
    expect(spawnSync('gzip', ['-dc', 'real.txt.gz'], { cwd: dir, encoding: 'utf8' }).stdout).toBe('real\n');
    const h = await runCli(['hash', '--no-progress', 'nope.txt', 'real.txt'], { cwd: dir });
    expect(h.code).toBe(1);
    expect(h.stderr).toBe('pario: nope.txt: No such file or directory\n');
    expect(h.stdout.toString()).toBe(spawnSync('sha256sum', ['real.txt'], { cwd: dir, encoding: 'utf8' }).stdout);
  });

  it('files deleted while compress runs: ENOENT naming each one not yet read, every output valid, no temps', async () => {
    const dir = join(root, 'deleted');
    const tree = genTree(400, 20_000, 0, 0, 3);
    writeTree(dir, tree);
    const doomed = [...tree.keys()].filter((_, i) => i % 3 === 1);
    const child = spawn(process.execPath, [BIN, 'compress', '-j', '1', '--no-progress', '-q', '.'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => void (stderr += c.toString()));
    await waitFor(() => walk(dir).some((rel) => rel.endsWith('.gz')), child);
    for (const rel of doomed) unlinkSync(join(dir, rel));
    const { code } = await exited(child);
    const lines = stderr.split('\n').filter((l) => l !== '');
    expect(code).toBe(lines.length > 0 ? 1 : 0);
    for (const line of lines) {
      expect(line).toMatch(/^pario: (\S+): .*ENOENT/);
      expect(doomed).toContain(/^pario: (\S+): /.exec(line)?.[1]);
    }
    checkOutputs(dir, tree, '.gz');
    for (const rel of tree.keys()) if (!doomed.includes(rel)) expect(existsSync(join(dir, `${rel}.gz`)), rel).toBe(true);
    expect(temps(dir)).toEqual([]);
  }, 60_000);

  for (const how of ['grow', 'shrink'] as const) {
    it(`a 20 MiB file that ${how}s while compressed: ERR_FILE_CHANGED, or an output equal to one version of it`, async () => {
      const dir = join(root, `changing-${how}`);
      const path = join(dir, 'live.log');
      const original = content(rng(4), 20 * MiB, true);
      writeTree(dir, new Map([['live.log', original]]));
      const writer = changer(path, how);
      try {
        await waitFor(() => statSync(path).size !== original.length, writer);
        const run = await runCli(['compress', '--no-progress', '-q', 'live.log'], { cwd: dir });
        writer.kill('SIGKILL');
        await exited(writer);
        const final = readFileSync(path);
        if (run.code === 0) {
          // Appending keeps a prefix, cutting leaves one: the output must be exactly some prefix seen by the run.
          const out = spawnSync('gzip', ['-dc', 'live.log.gz'], { cwd: dir, maxBuffer: 1 << 30 }).stdout;
          const reference = how === 'grow' ? final : original;
          expect(out.equals(reference.subarray(0, out.length))).toBe(true);
        } else {
          expect(run.code).toBe(1);
          expect(run.stderr).toMatch(/^pario: live\.log: .*(ERR_FILE_CHANGED|changed)/);
          expect(existsSync(join(dir, 'live.log.gz'))).toBe(false);
        }
        expect(temps(dir)).toEqual([]);
      } finally {
        writer.kill('SIGKILL');
      }
    }, 60_000);
  }

  it('hash of a growing file reads to end of file, like sha256sum: the digest is that of the bytes it reports', async () => {
    const dir = join(root, 'hash-growing');
    const path = join(dir, 'live.log');
    writeTree(dir, new Map([['live.log', content(rng(6), 20 * MiB, true)]]));
    const writer = changer(path, 'grow');
    try {
      await waitFor(() => statSync(path).size > 20 * MiB, writer);
      const run = await runCli(['hash', '--json', '--no-progress', 'live.log'], { cwd: dir });
      writer.kill('SIGKILL');
      await exited(writer);
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout.toString()) as { size: number; digests: { sha256: string } };
      const final = readFileSync(path);
      expect(result.size).toBeGreaterThanOrEqual(20 * MiB);
      expect(result.size).toBeLessThanOrEqual(final.length);
      // What was hashed is one prefix of the file (appends only), and the reported size is its length.
      expect(result.digests.sha256).toBe(sha256(final.subarray(0, result.size)));
    } finally {
      writer.kill('SIGKILL');
    }
  }, 60_000);

  it('0-byte files: valid empty .gz and .zst, and the empty digest', async () => {
    const dir = join(root, 'empty');
    const tree = new Map([['a', Buffer.alloc(0)], ['sub/b.txt', Buffer.alloc(0)], ['c.bin', Buffer.alloc(0)]]);
    writeTree(dir, tree);
    const c = await runCli(['compress', '--gzip', '--zstd', '-q', '--no-progress', '.'], { cwd: dir });
    expect(c.code, c.stderr).toBe(0);
    expect(checkOutputs(dir, tree, '.gz')).toBe(3);
    expect(checkOutputs(dir, tree, '.zst')).toBe(3);
    const h = await runCli(['hash', '--no-progress', 'a', 'c.bin', 'sub/b.txt'], { cwd: dir });
    expect(h.stdout.toString()).toBe(spawnSync('sha256sum', ['a', 'c.bin', 'sub/b.txt'], { cwd: dir, encoding: 'utf8' }).stdout);
  });

  it('a 4 GiB + 4 KiB sparse file: zstd (block-parallel frames) passes zstd -t with the exact size; hash = sha256sum', async () => {
    const dir = join(root, 'sparse');
    writeTree(dir, new Map([['huge.sparse', Buffer.alloc(0)]]));
    const path = join(dir, 'huge.sparse');
    const size = 2 ** 32 + 4096;
    truncateSync(path, size);
    // Markers at the start, at 2 GiB, across the 4 GiB boundary and at the very end, so wrong offsets show.
    const fd = openSync(path, 'r+');
    for (const at of [0, 2 ** 31, 2 ** 32 - 2, size - 5]) writeSync(fd, Buffer.from('pario'), 0, 5, at);
    closeSync(fd);
    try {
      const c = await runCli(['compress', '--zstd', '-q', '--no-progress', 'huge.sparse'], { cwd: dir });
      expect(c.code, c.stderr).toBe(0);
      // zstd -t checks every frame's XXH64 of its content; -lv gives the exact total content size.
      expect(spawnSync('zstd', ['-t', '-q', 'huge.sparse.zst'], { cwd: dir }).status).toBe(0);
      const listed = spawnSync('zstd', ['-lv', 'huge.sparse.zst'], { cwd: dir, encoding: 'utf8' }).stdout;
      expect(listed).toContain(`(${size} B)`);
      const h = await runCli(['hash', '--no-progress', 'huge.sparse'], { cwd: dir });
      expect(h.code, h.stderr).toBe(0);
      // sha256sum huge.sparse of this exact file (run once: it takes 10+ s here, pario's hash about 3 s).
      expect(h.stdout.toString()).toBe('867e576d7c4b9bd5c2adb017bf3a64bbaa78b5d0ff5dc924136d08e578bd14da  huge.sparse\n');
    } finally {
      unlinkSync(path);
      if (existsSync(`${path}.zst`)) unlinkSync(`${path}.zst`);
    }
  }, 120_000);
});
