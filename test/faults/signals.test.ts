// SIGINT / SIGTERM in the middle of `pario compress --lock --report`: exit 130 / 143, this run's temp files removed,
// only complete outputs left, the lock released at once (a next run without --wait gets it), the report says so.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { parioGated } from '../helpers/compress-cli.js';
import { checkOutputs, exited, genTree, temps, writeTree } from '../helpers/faults.js';
import type { Tree } from '../helpers/faults.js';
import { has } from '../helpers/oracle.js';
import { tempDir } from '../helpers/temp.js';

describe('SIGINT and SIGTERM mid-run', () => {
  const base = tempDir('pario-signals-');
  let tree: Tree;
  beforeAll(() => {
    has('gzip');
    has('zstd');
    tree = genTree(200, 30_000, 1, 9 * 2 ** 20);
    tree.set('d6/gate-x.txt', Buffer.from('held at the gate\n'.repeat(1000))); // the run stops before its outputs
  });

  for (const [name, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${name}: exit ${code}, temps removed, lock released, report "interrupted"; the next --lock run completes`, async () => {
      const dir = join(base, name);
      const meta = join(base, `${name}-meta`);
      mkdirSync(meta, { recursive: true });
      writeTree(dir, tree);
      const lock = join(meta, 'run.lock');
      const report = join(meta, 'report.json');
      const args = ['compress', '--gzip', '--zstd', '-j', '2', '--no-progress', '-q', '--lock', lock, '--report', report, '.'];
      const gate = join(base, `${name}-gate`);
      mkdirSync(gate);
      const child = parioGated(args, dir, gate);
      let stderr = '';
      child.stderr?.on('data', (c: Buffer) => void (stderr += c.toString()));
      // Mid-run, provably: a worker holds gate-x.txt's finished temp file and cannot end before the gate opens.
      while (child.exitCode === null && !existsSync(join(gate, 'reached'))) await new Promise((r) => setTimeout(r, 10));
      expect(child.exitCode).toBeNull();
      expect(temps(dir).length).toBeGreaterThan(0);
      child.kill(name);
      const exit = await exited(child);
      expect(exit.code, stderr).toBe(code);
      expect(temps(dir)).toEqual([]);
      expect(temps(meta)).toEqual([]);
      expect(readFileSync(lock, 'utf8')).toBe(''); // released: the file stays, naming no holder
      const summary = JSON.parse(readFileSync(report, 'utf8')) as { status: string; command: string };
      expect(summary.status).toBe('interrupted');
      expect(summary.command).toBe('compress');
      checkOutputs(dir, tree, '.gz');
      checkOutputs(dir, tree, '.zst');
      for (const [rel, data] of tree) expect(readFileSync(join(dir, rel)).equals(data), rel).toBe(true);
      // The lock is free: no --wait needed.
      const next = await runCli(args, { cwd: dir });
      expect(next.code, next.stderr).toBe(0);
      expect(next.stderr).toBe('');
      expect(checkOutputs(dir, tree, '.gz')).toBe(tree.size);
      expect(checkOutputs(dir, tree, '.zst')).toBe(tree.size);
      expect((JSON.parse(readFileSync(report, 'utf8')) as { status: string }).status).toBe('ok');
      expect(temps(dir)).toEqual([]);
    }, 60_000);
  }
});
