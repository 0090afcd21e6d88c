import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { readReport } from '../helpers/report.js';
import { has } from '../helpers/oracle.js';
import { tempDir } from '../helpers/temp.js';
import { makeTree } from '../helpers/tree.js';

const report = readReport;

describe('pario compress in cron mode', () => {
  const root = tempDir();
  const paths = makeTree(join(root, 'site'), 2000, 8192, 21);
  const run = (...args: string[]) => runCli(['compress', 'site', '--gzip', '--zstd', '--manifest', 'm.json', '--report', 'r.json', ...args], { cwd: root });

  it('a second run reads nothing and writes nothing; a touched file is redone, a deleted output is rewritten', async () => {
    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    expect(report(join(root, 'r.json')).counts['ok']).toBe(2000);
    const second = await run();
    expect(second.code).toBe(0);
    const r2 = report(join(root, 'r.json'));
    expect(r2.counts['skipped:unchanged']).toBe(2000);
    expect(r2.bytesRead).toBe(0);
    writeFileSync(join(root, 'site', paths[0] ?? ''), 'new contents of a touched file');
    rmSync(join(root, 'site', `${paths[1] ?? ''}.zst`));
    const third = await run();
    expect(third.code).toBe(0);
    const r3 = report(join(root, 'r.json'));
    expect(r3.counts['ok']).toBe(2);
    expect(r3.counts['skipped:unchanged']).toBe(1998);
    expect(execFileSync('gzip', ['-dc', join(root, 'site', `${paths[0] ?? ''}.gz`)]).toString()).toBe('new contents of a touched file');
    if (has('zstd')) execFileSync('zstd', ['-tq', join(root, 'site', `${paths[1] ?? ''}.zst`)]);
  });

  it('log rotation: --rm --older-than 1d compresses and deletes only old logs; -n first says so and touches nothing', async () => {
    const logs = join(root, 'logs');
    makeTree(logs, 40, 4096, 3);
    const names = readdirSync(logs, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    const old = new Date(Date.now() - 3 * 86_400_000);
    for (const name of names.slice(0, 10)) utimesSync(name, old, old);
    const dry = await runCli(['compress', 'logs', '--rm', '--older-than', '1d', '-n'], { cwd: root });
    expect(dry.stdout.toString()).toMatch(/dry run: would compress 10 files \(.+\), would delete 10 originals, 0 unchanged, 30 left out by filters/);
    expect(names.every((n) => existsSync(n))).toBe(true);
    const real = await runCli(['compress', 'logs', '--rm', '--older-than', '1d', '--log', 'l.ndjson'], { cwd: root });
    expect(real.code).toBe(0);
    expect(names.slice(0, 10).every((n) => !existsSync(n) && existsSync(`${n}.gz`))).toBe(true);
    expect(names.slice(10).every((n) => existsSync(n) && !existsSync(`${n}.gz`))).toBe(true);
    const events = readFileSync(join(root, 'l.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string });
    expect(events.filter((e) => e.event === 'file')).toHaveLength(10);
  });

  it('--shard k/4 runs together compress every file exactly once', async () => {
    const tree = join(root, 'sharded');
    const files = makeTree(tree, 400, 1024, 8);
    for (let k = 1; k <= 4; k += 1) {
      const shard = await runCli(['compress', 'sharded', '--shard', `${k}/4`, '--json'], { cwd: root });
      expect(shard.code).toBe(0);
    }
    for (const file of files) expect(existsSync(join(tree, `${file}.gz`)), file).toBe(true);
    const again = await runCli(['compress', 'sharded', '--json'], { cwd: root });
    const events = again.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as { type?: string; status?: string; reason?: string });
    // Every input already has its output: nothing is compressed twice.
    expect(events.filter((e) => e.type === 'file' && e.status === 'ok')).toHaveLength(0);
  });

  it('the same files named another way (absolute, from another folder) are still unchanged; a changed one is replaced', async () => {
    const tree = join(root, 'renamed');
    const files = makeTree(tree, 30, 512, 4);
    const manifest = join(root, 'renamed.json');
    const first = await runCli(['compress', 'renamed', '--manifest', 'renamed.json', '--report', 'r.json'], { cwd: root });
    expect(first.code, first.stderr).toBe(0);
    // A cron job: absolute names, run from another folder (the tree itself: its outputs must not be looked up there).
    const cron = ['compress', tree, '--manifest', manifest, '--report', join(root, 'r.json')];
    const second = await runCli(cron, { cwd: join(tree, '..', 'site') });
    expect(second.code, second.stderr).toBe(0);
    expect(report(join(root, 'r.json')).counts['skipped:unchanged']).toBe(30);
    expect(readFileSync(manifest, 'utf8')).toContain(`${JSON.stringify(join(tree, files[0] ?? ''))}:`);
    writeFileSync(join(tree, files[0] ?? ''), 'changed');
    // Back to relative names: the changed file's own output is replaced without -f, the others are unchanged.
    const third = await runCli(['compress', 'renamed', '--manifest', 'renamed.json', '--report', 'r.json'], { cwd: root });
    expect(third.code, third.stderr).toBe(0);
    expect(report(join(root, 'r.json')).counts).toMatchObject({ ok: 1, 'skipped:unchanged': 29 });
    expect(execFileSync('gzip', ['-dc', join(tree, `${files[0] ?? ''}.gz`)]).toString()).toBe('changed');
  });
});
