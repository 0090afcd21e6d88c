// The run lock through the CLI: a kernel lock, so a paused holder keeps it however long it sleeps, and a holder that
// ends (SIGTERM, SIGKILL) frees it at once. The holder is a real run kept busy by a test-controlled standard input.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { exited } from '../helpers/faults.js';
import { BIN } from '../helpers/paths.js';
import { readReport } from '../helpers/report.js';
import { tempDir } from '../helpers/temp.js';
import { makeTree } from '../helpers/tree.js';

const root = tempDir();
makeTree(join(root, 'tree'), 20, 1024, 3);

/** `pario hash -` holding `lock` until the test ends its standard input; resolves once the lock file names it. */
async function holder(lock: string, report: string): Promise<{ child: ChildProcessWithoutNullStreams; out: () => string }> {
  const child = spawn(process.execPath, [BIN, 'hash', '-', '--lock', lock, '--report', report], { cwd: root });
  let out = '';
  child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
  const named = (): boolean => {
    try {
      return readFileSync(join(root, lock), 'utf8').includes(`"pid":${child.pid}`);
    } catch {
      return false;
    }
  };
  while (!named() && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  expect(child.exitCode).toBeNull();
  return { child, out: () => out };
}

describe('the run lock', () => {
  it('a stopped holder keeps it: the next run exits 75 (also after --wait 6s), a waiting one runs after it', async () => {
    const { child, out } = await holder('stop.lock', 'r1.json');
    child.kill('SIGSTOP');
    try {
      const second = await runCli(['hash', 'tree', '--lock', 'stop.lock', '--wait', '6s', '--report', 'r2.json'], { cwd: root });
      expect(second.code).toBe(75);
      const lockPath = join(root, 'stop.lock').replace(/[.]/g, '[.]');
      const holder = `\\(PID ${child.pid} on \\S+ since \\S+\\)`;
      const message = `another pario run holds this lock ${holder} \\(waited 6 s\\); try again later or pass --wait`;
      expect(second.stderr).toMatch(new RegExp(`^pario: ${lockPath}: ${message}\n$`));
      const third = runCli(['hash', 'tree', '--lock', 'stop.lock', '--wait', '5m', '--report', 'r3.json'], { cwd: root });
      child.kill('SIGCONT');
      child.stdin.end('hello\n');
      expect(await exited(child)).toEqual({ code: 0, signal: null });
      expect(out()).toBe(`${createHash('sha256').update('hello\n').digest('hex')}  -\n`);
      expect((await third).code).toBe(0);
      expect(readReport(join(root, 'r1.json'))).toMatchObject({ status: 'ok' });
      expect(readReport(join(root, 'r3.json'))).toMatchObject({ status: 'ok', counts: { hashed: 20 } });
    } finally {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    }
  }, 60_000);

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGKILL'] as const) {
    it(`a holder ended by ${signal} frees it at once: the next run takes it without waiting`, async () => {
      const { child } = await holder(`${signal}.lock`, `${signal}.json`);
      child.kill(signal);
      const end = await exited(child);
      if (signal === 'SIGKILL') expect(end.signal).toBe('SIGKILL');
      else expect(end.code).toBe(signal === 'SIGTERM' ? 143 : 130);
      if (signal !== 'SIGKILL') expect(readReport(join(root, `${signal}.json`))).toMatchObject({ status: 'interrupted' });
      const next = await runCli(['hash', 'tree', '--lock', `${signal}.lock`, '-q'], { cwd: root });
      expect(next.code, next.stderr).toBe(0);
    }, 30_000);
  }
});
