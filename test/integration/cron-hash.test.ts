import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/runs/lock.js';
import { runCli } from '../helpers/cli.js';
import { readReport } from '../helpers/report.js';
import { tempDir } from '../helpers/temp.js';
import { makeTree } from '../helpers/tree.js';

const report = readReport;

describe('pario hash in cron mode', () => {
  const root = tempDir();
  const paths = makeTree(join(root, 'tree'), 10_000, 2048, 5);
  const run = (...args: string[]) => runCli(['hash', 'tree', '--manifest', 'm.json', '--report', 'r.json', ...args], { cwd: root });

  it('a second run over an unchanged tree of 10,000 files reads no file contents and prints the same lines', async () => {
    const first = await run();
    expect(first.code).toBe(0);
    expect(report(join(root, 'r.json'))).toMatchObject({ status: 'ok', counts: { hashed: 10_000 } });
    expect(report(join(root, 'r.json')).bytesRead).toBeGreaterThan(0);
    const second = await run();
    expect(second.code).toBe(0);
    expect(report(join(root, 'r.json'))).toMatchObject({ status: 'ok', counts: { unchanged: 10_000 }, bytesRead: 0 });
    expect(second.stdout.equals(first.stdout)).toBe(true);
  });

  it('touching one file redoes exactly it, deleting one drops it, and a same-size binary change is caught', async () => {
    const touched = join(root, 'tree', paths[1] ?? '');
    writeFileSync(touched, 'changed contents');
    rmSync(join(root, 'tree', paths[2] ?? ''));
    // Same size, bytes that decode to the same UTF-8 text (U+FFFD): gzipper's cache misses this; raw digests do not.
    const binary = join(root, 'tree', paths[0] ?? '');
    writeFileSync(binary, Buffer.from([0x89, 0xff, 0x00]));
    const before = await run();
    writeFileSync(binary, Buffer.from([0x89, 0xfe, 0x00]));
    const later = new Date(Date.now() + 5000);
    utimesSync(binary, later, later);
    const after = await run();
    expect(before.code).toBe(0);
    expect(after.code).toBe(0);
    expect(report(join(root, 'r.json'))).toMatchObject({ counts: { unchanged: 9_998, hashed: 1 } });
    const lines = after.stdout.toString().split('\n');
    expect(lines).toHaveLength(10_000); // 9,999 lines and the final empty string
    expect(lines.some((l) => l.endsWith(paths[2] ?? 'x'))).toBe(false);
    expect(after.stdout.toString()).not.toBe(before.stdout.toString());
    const manifest = JSON.parse(readFileSync(join(root, 'm.json'), 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(manifest.entries)).toHaveLength(9_999);
  });

  it('a corrupt manifest stops the run with exit 2 naming the file; it is never overwritten', async () => {
    writeFileSync(join(root, 'bad.json'), '{"kind": "pario-manifest", "ver');
    const bad = await runCli(['hash', 'tree', '--manifest', 'bad.json'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json');
    expect(readFileSync(join(root, 'bad.json'), 'utf8')).toBe('{"kind": "pario-manifest", "ver');
  });

  it('a held lock makes a second run exit 75, or wait with --wait until it is released', async () => {
    const lock = join(root, 'run.lock');
    const release = await acquireLock(lock, 0);
    const locked = await runCli(['hash', 'tree', '--lock', 'run.lock'], { cwd: root });
    expect(locked.code).toBe(75);
    expect(locked.stderr).toMatch(/run\.lock: another pario run holds this lock/);
    setTimeout(() => void release(), 1500);
    const waited = await runCli(['hash', 'tree', '--lock', 'run.lock', '--wait', '20s'], { cwd: root });
    expect(waited.code).toBe(0);
  });

  it('--shard k/8 runs cover every file once and their merged manifests equal one unsharded manifest', async () => {
    makeTree(join(root, 'small'), 1500, 512, 9);
    const all = await runCli(['hash', 'small', '--manifest', 'all.json'], { cwd: root });
    expect(all.code).toBe(0);
    const sums: string[] = [];
    for (let k = 1; k <= 8; k += 1) {
      const shard = await runCli(['hash', 'small', '--shard', `${k}/8`, '--manifest', `s${k}.json`], { cwd: root });
      expect(shard.code).toBe(0);
      writeFileSync(join(root, `s${k}.sums`), shard.stdout);
      sums.push(`s${k}.sums`);
    }
    const merged = await runCli(['manifest', 'merge', ...[1, 2, 3, 4, 5, 6, 7, 8].map((k) => `s${k}.json`)], { cwd: root });
    expect(merged.code).toBe(0);
    expect(merged.stdout.toString()).toBe(readFileSync(join(root, 'all.json'), 'utf8'));
    const mergedSums = await runCli(['manifest', 'merge', ...sums], { cwd: root });
    expect(mergedSums.stdout.equals(all.stdout)).toBe(true);
    const twice = await runCli(['manifest', 'merge', 's1.json', 's1.json'], { cwd: root });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/is in both s1\.json and s1\.json/);
  });

  it('--dry-run touches nothing and reports what it would do', async () => {
    const dry = await runCli(['hash', 'tree', '-n', '--manifest', 'fresh.json', '--max-size', '1k'], { cwd: root });
    expect(dry.code).toBe(0);
    expect(dry.stdout.toString()).toMatch(/dry run: would hash \d+ files \(.+\), 0 unchanged, \d+ left out by filters/);
    expect(() => readFileSync(join(root, 'fresh.json'))).toThrow();
  });
});
