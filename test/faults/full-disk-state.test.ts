// The run's own files on a full disk (a 1 MiB tmpfs filled to the last byte): a manifest, a --report, a --log or
// --update SUMS that cannot be written is one line naming it and the cause, exit 1, never a stack trace; the report
// is still written when the manifest cannot be, and says why; nothing half-written is left on the disk.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { walk } from '../helpers/faults.js';
import { readReport } from '../helpers/report.js';
import { CI, mountTmpfs } from '../helpers/tmpfs.js';
import { makeTree } from '../helpers/tree.js';

const { root, disk, mounted, error } = mountTmpfs('1m', 'full-disk state tests');
const sha = /^[0-9a-f]{64} {2}tree\//;

describe.skipIf(!mounted && !CI)('a full disk under the manifest, the report, the log', () => {
  beforeAll(() => {
    expect(mounted, `mount -t tmpfs failed under CI: ${error}`).toBe(true);
    makeTree(join(root, 'tree'), 30, 2048, 4);
    try {
      writeFileSync(join(disk, 'filler'), Buffer.alloc(2 << 20, 1));
    } catch (e) {
      expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC'); // the disk is full now
    }
  });

  it('--manifest: one line, exit 1, the hash lines printed, the report written and saying why', async () => {
    const manifest = join(disk, 'm.json');
    const run = await runCli(['hash', 'tree', '--manifest', manifest, '--report', 'r.json', '--no-progress'], { cwd: root });
    expect(run.stderr).toBe(`pario: ${manifest}: cannot save the manifest: No space left on device\n`);
    expect(run.code).toBe(1);
    expect(run.stdout.toString().split('\n').filter((l) => l !== '').every((l) => sha.test(l))).toBe(true);
    const report = readReport(join(root, 'r.json')) as unknown as { status: string; counts: Record<string, number>; errors: unknown[] };
    expect(report).toMatchObject({ status: 'failed', counts: { hashed: 30 } });
    expect(report.errors).toEqual([{ path: manifest, code: 'ENOSPC', message: 'cannot save the manifest: No space left on device' }]);
    expect(walk(disk).sort()).toEqual(['filler', 'm.json.lock']); // no temp file left (the lock file stays, empty)
  });

  it('compress --manifest: the outputs are made, the manifest is not, exit 1', async () => {
    const manifest = join(disk, 'c.json');
    const run = await runCli(['compress', '-k', '-q', 'tree', '--manifest', manifest, '--report', 'c-report.json'], { cwd: root });
    expect([run.code, run.stderr]).toEqual([1, `pario: ${manifest}: cannot save the manifest: No space left on device\n`]);
    expect(readReport(join(root, 'c-report.json'))).toMatchObject({ status: 'failed', counts: { ok: 30 } });
  });

  for (const [flag, what] of [['--report', 'report'], ['--log', 'log'], ['--update', '']] as const) {
    it(`${flag} on the full disk: one line naming it, exit 1`, async () => {
      const path = join(disk, `${what || 'SUMS'}.out`);
      const run = await runCli(['hash', 'tree', flag, path, '-q'], { cwd: root });
      // --update SUMS keeps its manifest beside it (SUMS.pario.json): that cannot be saved either.
      const manifest = what === '' ? `pario: ${path}.pario.json: cannot save the manifest: No space left on device\n` : '';
      expect(run.stderr).toBe(`pario: ${path}: cannot write${what === '' ? '' : ` the ${what}`}: No space left on device\n${manifest}`);
      expect(run.code).toBe(1);
      // Nothing else on the disk but lock files and the log (opened for appending: created, nothing in it).
      expect(walk(disk).filter((f) => f !== 'filler' && !f.endsWith('.lock') && f !== 'log.out')).toEqual([]);
      if (what === 'log') expect(readFileSync(path, 'utf8')).toBe('');
    });
  }
});
