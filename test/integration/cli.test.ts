import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, ROOT } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('pario CLI', () => {
  it('--help lists the commands and exit codes; --version prints the package version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.toString()).toMatch(/read <patterns\.\.\.>/);
    expect(help.stdout.toString()).toMatch(/Exit codes: 0 all done, 1 some files failed/);
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.toString().trim()).toBe(version);
  });

  it('usage errors exit 2 with a message', async () => {
    const bad = await runCli(['read', FIXTURES, '-j', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--jobs/);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
  });

  it('read counts the fixtures and exits 0; a missing file is named on stderr and exits 1, the rest still read', async () => {
    const ok = await runCli(['read', 'basic', '--dot'], { cwd: FIXTURES });
    expect(ok.code).toBe(0);
    expect(ok.stdout.toString()).toMatch(/^read 9 files, /);
    const partial = await runCli(['read', 'basic/hello.txt', 'basic/missing.txt', 'basic/binary.bin'], { cwd: FIXTURES });
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain('pario: basic/missing.txt: no such file or directory');
    expect(partial.stdout.toString()).toMatch(/^read 2 files, .*, 1 failed/);
  });

  it('--json prints one NDJSON event per file and a summary', async () => {
    const run = await runCli(['read', 'basic', '--json', '--exclude', '*.gz'], { cwd: FIXTURES });
    const events = run.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as { event: string; path?: string; files?: number });
    // 8 since issue 18 item 3: the folder's dot file (.hidden) is read too.
    expect(events.filter((e) => e.event === 'file')).toHaveLength(8);
    expect(events.at(-1)).toMatchObject({ event: 'summary', files: 8, failed: 0 });
  });

  it('cat prints the files in the order given, complete even through a pipe', async () => {
    const dir = tempDir();
    const big = Buffer.alloc(24 << 20, 'pario ');
    writeFileSync(join(dir, 'big.txt'), big);
    const run = await runCli(['cat', join(FIXTURES, 'basic/hello.txt'), join(dir, 'big.txt'), join(FIXTURES, 'basic/hello.txt')]);
    expect(run.code).toBe(0);
    const hello = readFileSync(join(FIXTURES, 'basic/hello.txt'));
    const want = Buffer.concat([hello, big, hello]);
    expect(run.stdout.byteLength).toBe(want.byteLength);
    expect(createHash('sha256').update(run.stdout).digest('hex')).toBe(createHash('sha256').update(want).digest('hex'));
  });
});
