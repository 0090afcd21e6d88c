import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/paths.js';
import { ENGINE_VARIABLES, readRecipes, relocate } from '../helpers/recipes.js';
import { tempDir } from '../helpers/temp.js';
import { makeTree } from '../helpers/tree.js';

/** A `pario` on PATH that runs the built CLI, as `npm install -g pario` would. */
function shim(): string {
  const bin = tempDir('pario-bin-');
  writeFileSync(join(bin, 'pario'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'pario'), 0o755);
  return bin;
}

const BASE_ENV: NodeJS.ProcessEnv = { ...process.env, PATH: `${shim()}:${process.env['PATH'] ?? ''}` };
for (const name of ENGINE_VARIABLES) delete BASE_ENV[name];

function sh(command: string, cwd: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, env: { ...BASE_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Report {
  status: string;
  command: string;
  counts: Record<string, number>;
  shard?: { index: number; count: number; engine?: string; variables?: Record<string, string> };
  shards?: { count: number; engine?: string; reports: unknown[] };
}

const read = (path: string): Report => JSON.parse(readFileSync(path, 'utf8')) as Report;

describe('README "Running on many machines": every recipe, run with the variables its engine sets', () => {
  for (const recipe of readRecipes()) {
    it(`${recipe.title}: 8 tasks cover every file once, and the merge step gives what one run gives`, async () => {
      const root = tempDir();
      const files = makeTree(join(root, 'data'), 40, 600, 7);
      mkdirSync(join(root, 'out'));
      const cwd = recipe.cwd === '/' || recipe.cwd === '.' ? root : relocate(recipe.cwd, root);
      const limit = pLimit(4);
      const tasks = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((k) => limit(() => {
        const { command, env } = recipe.task(k);
        return sh(relocate(command, root), cwd, env);
      })));
      for (const task of tasks) expect(task, task.stderr).toMatchObject({ code: 0, stderr: '' });
      const shares = readdirSync(join(root, 'out')).filter((n) => n.endsWith('.report.json')).map((n) => read(join(root, 'out', n)));
      expect(shares.map((r) => r.shard?.index).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      for (const share of shares) {
        expect(share.shard?.count).toBe(8);
        expect(share.shard?.engine).toBe(recipe.title === 'gnu-parallel' ? undefined : recipe.title);
      }
      const merged = await sh(relocate(recipe.merge, root), root);
      expect(merged, merged.stderr).toMatchObject({ code: 0, stderr: '' });
      const report = read(join(root, 'out', 'report.json'));
      expect(report.status).toBe('ok');
      expect(report.shards?.count).toBe(8);
      expect(Object.values(report.counts).reduce((a, b) => a + b, 0)).toBe(files.length);
      const data = join(root, 'data');
      if (report.command === 'compress') {
        for (const file of files) expect(existsSync(join(root, 'out', 'gz', `${file}.gz`)), file).toBe(true);
      }
      if (existsSync(join(root, 'out', 'SHA256SUMS'))) {
        const one = await sh('pario hash .', data);
        expect(readFileSync(join(root, 'out', 'SHA256SUMS'), 'utf8')).toBe(one.stdout);
      }
      if (existsSync(join(root, 'out', 'manifest.json'))) {
        const manifest = JSON.parse(readFileSync(join(root, 'out', 'manifest.json'), 'utf8')) as { command: string; entries: Record<string, unknown> };
        expect(Object.keys(manifest.entries).sort()).toEqual([...files].sort());
        if (manifest.command === 'hash') {
          await sh(`pario hash --manifest ${join(root, 'one.json')} . > /dev/null`, data);
          expect(readFileSync(join(root, 'out', 'manifest.json'), 'utf8')).toBe(readFileSync(join(root, 'one.json'), 'utf8'));
        }
      }
    }, 120_000);
  }
});

describe('--shard auto through the CLI', () => {
  it('no engine variable, or one out of range: exit 2 before anything runs, naming the variables', async () => {
    const root = tempDir();
    makeTree(join(root, 'data'), 5, 100, 1);
    const none = await sh('pario hash --shard auto --report r.json data', root);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('pario: --shard auto: no task index in the environment (looked for AWS_BATCH_JOB_ARRAY_INDEX, SLURM_ARRAY_TASK_ID, ');
    expect(none.stdout).toBe('');
    expect(existsSync(join(root, 'r.json'))).toBe(false);
    const out = await sh('pario compress --shard auto data', root, { CI_NODE_INDEX: '4', CI_NODE_TOTAL: '3' });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('pario: --shard auto: task 4 of 3 is out of range (CI_NODE_INDEX=4, CI_NODE_TOTAL=3)');
  });

  it('--log records the share and the engine in its summary', async () => {
    const root = tempDir();
    makeTree(join(root, 'data'), 5, 100, 1);
    const run = await sh('pario hash --shard auto/2 --log run.log data', root, { JOB_COMPLETION_INDEX: '0' });
    expect(run.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(root, 'run.log'), 'utf8').trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
    expect(summary).toMatchObject({ event: 'summary', shard: { index: 1, count: 2, engine: 'kubernetes', variables: { JOB_COMPLETION_INDEX: '0' } } });
  });
});
