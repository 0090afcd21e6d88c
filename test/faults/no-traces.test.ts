// Conditions the environment makes, never a stack trace: a NUL byte in a checksum file's name, and too few file
// descriptors (`ulimit -n`). One line, exit 1, the report written; or the run simply works with fewer workers.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/hash/verify.js';
import { runCli } from '../helpers/cli.js';
import { BIN } from '../helpers/paths.js';
import { readReport } from '../helpers/report.js';
import { tempDir } from '../helpers/temp.js';
import { makeTree } from '../helpers/tree.js';

const root = tempDir();
const paths = makeTree(join(root, 'tree'), 40, 4096, 6);
const digest = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

describe('a NUL byte in a checksum file name', () => {
  writeFileSync(join(root, 'a'), 'alpha\n');
  writeFileSync(join(root, 'SUMS'), `${digest('alpha\n')}  a\n${digest('x')}  a\0b\n`);

  it('pario check: one line naming it, FAILED open or read, exit 1 (the other lines still checked)', async () => {
    const run = await runCli(['check', 'SUMS'], { cwd: root });
    expect(run.stdout.toString()).toMatch(/^a: OK\na.b: FAILED open or read\n$/s);
    const warning = 'pario: WARNING: 1 listed file could not be read\n';
    expect(run.stderr).toBe(`pario: 'a'$'\\000''b': A file name cannot contain a NUL byte\n${warning}`);
    expect(run.code).toBe(1);
  });

  it('verify(): that entry is unreadable with code ERR_NUL_IN_NAME', async () => {
    const report = await verify(join(root, 'SUMS'), { cwd: root, jobs: 1 });
    const files = report.files.map((f) => [f.name, f.status, f.code]);
    expect(files).toEqual([['a', 'ok', undefined], ['a\0b', 'unreadable', 'ERR_NUL_IN_NAME']]);
  });
});

describe('too few file descriptors', () => {
  /** `pario ARGS` under `ulimit -n LIMIT`, from root. */
  const limited = (limit: number, args: string): { status: number | null; stdout: string; stderr: string } =>
    spawnSync('sh', ['-c', `ulimit -n ${limit}; exec "${process.execPath}" "${BIN}" ${args}`], { cwd: root, encoding: 'utf8' });
  const ONE_LINE = new RegExp(
    '^pario: too many open files \\(EMFILE(; ulimit -n is \\d+)?\\)( while starting)?: raise the limit( \\(ulimit -n\\))? or lower -j\n$');

  it('ulimit -n 40: hash works, with the workers that fit (the default -j follows the limit)', () => {
    const run = limited(40, 'hash tree');
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(spawnSync('sha256sum', paths.map((p) => join('tree', p)).sort(), { cwd: root, encoding: 'utf8' }).stdout);
    expect(run.status).toBe(0);
  });

  // Node itself holds 20-23 descriptors: at 32 a run may just fit or not, and either way it ends well.
  const CASES = [
    [32, 'hash -q tree --report r32h.json'],
    [32, 'compress -k -f --gzip --zstd -q tree --report r32.json'],
    [32, '-j 8 hash -q tree --report r32j.json'],
    [24, 'hash tree'],
  ] as const;
  for (const [limit, args] of CASES) {
    it(`ulimit -n ${limit}, pario ${args}: it works, or one line and exit 1, the report written; never a trace`, () => {
      const run = limited(limit, args);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      const report = /--report (\S+)/.exec(args)?.[1];
      if (run.status === 0) {
        expect(run.stderr).toBe('');
        if (report !== undefined) expect(readReport(join(root, report)).status).toBe('ok');
        return;
      }
      expect(run.stderr).toMatch(ONE_LINE);
      expect(run.status).toBe(1);
      if (report !== undefined && existsSync(join(root, report))) {
        const written = JSON.parse(readFileSync(join(root, report), 'utf8')) as unknown;
        expect(written).toMatchObject({ status: 'failed', errors: [{ code: 'ERR_PARIO_RUN' }] });
      }
    });
  }
});
