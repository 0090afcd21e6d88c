import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepTemps } from '../../src/compress/temps.js';
import { parioGated } from '../helpers/compress-cli.js';
import { exited } from '../helpers/faults.js';
import { has } from '../helpers/oracle.js';
import { tempDir } from '../helpers/temp.js';
import { content, rng } from '../helpers/tree.js';

const FILES = 80;

/**
 * FILES inputs; the run stops before putting the outputs of the one named *gate-* in place (test/helpers/gate.ts). It
 * sorts after 40 others, so that 40 outputs or so are done by then (a stuck task also holds back those after it).
 */
function makeInputs(dir: string): string[] {
  const random = rng(5);
  const names: string[] = [];
  for (let i = 0; i < FILES; i += 1) {
    const name = i === 40 ? 'n040-gate-x.txt' : `n${String(i).padStart(3, '0')}.txt`;
    writeFileSync(join(dir, name), content(random, 25_000 + Math.floor(random() * 25_000), true));
    names.push(name);
  }
  return names;
}

const finals = (dir: string, ext: string): string[] => readdirSync(dir).filter((n) => n.endsWith(ext));
const temps = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

/** Every file under a final output name is a complete, valid archive (checked by the system tools). */
function expectValid(dir: string): void {
  const gz = finals(dir, '.gz');
  const br = finals(dir, '.br');
  if (gz.length > 0 && has('gzip')) expect(spawnSync('gzip', ['-t', ...gz], { cwd: dir }).status).toBe(0);
  if (br.length > 0 && has('brotli')) expect(spawnSync('brotli', ['-t', ...br], { cwd: dir }).status).toBe(0);
}

const ARGS = ['compress', '--gzip', '--brotli', '-j', '2', '--no-progress', '.'];

/** Starts a gated run in `dir` and resolves once it holds the gate (a temp file of n040-gate-x.txt on disk) and `ready`. */
async function midRun(dir: string, args: readonly string[], ready: () => boolean): Promise<ChildProcess> {
  const gate = tempDir('pario-gate-');
  const child = parioGated(args, dir, gate);
  // No time limit but the test's: the run cannot end before the gate opens, so this only waits for a slow machine.
  while (child.exitCode === null && !(existsSync(join(gate, 'reached')) && ready())) await new Promise((r) => setTimeout(r, 10));
  expect(child.exitCode).toBeNull();
  return child;
}

describe('interrupting a run', () => {
  it('SIGINT removes temp files and exits 130, leaving only complete outputs', async () => {
    const dir = tempDir();
    const names = makeInputs(dir);
    const child = await midRun(dir, ARGS, () => temps(dir).length > 0);
    child.kill('SIGINT');
    const { code } = await exited(child);
    expect(code).toBe(130);
    expect(temps(dir)).toEqual([]);
    expect(existsSync(join(dir, 'n040-gate-x.txt.gz')) && existsSync(join(dir, 'n040-gate-x.txt.br'))).toBe(false);
    expect(finals(dir, '.br').length).toBeLessThan(FILES);
    expect(names.every((n) => existsSync(join(dir, n)))).toBe(true);
    expectValid(dir);
  }, 120_000);

  for (const outputs of [1, 12, 30]) {
    it(`SIGKILL after ${outputs} outputs: no invalid final output, no original missing (even with --rm)`, async () => {
      const dir = tempDir();
      const names = makeInputs(dir);
      const child = await midRun(dir, outputs === 12 ? [...ARGS, '--rm'] : ARGS, () => finals(dir, '.br').length >= outputs);
      child.kill('SIGKILL');
      const { signal } = await exited(child);
      expect(signal).toBe('SIGKILL');
      expectValid(dir);
      for (const n of names) {
        // An original may be gone only with --rm, and only once both of its outputs are in place.
        if (!existsSync(join(dir, n))) expect(existsSync(join(dir, `${n}.gz`)) && existsSync(join(dir, `${n}.br`))).toBe(true);
      }
      if (outputs !== 12) expect(names.every((n) => existsSync(join(dir, n)))).toBe(true);
      // The killed run's temps (the gated file's at least) are named after its pid and can be swept.
      expect(temps(dir).length).toBeGreaterThan(0);
      await sweepTemps([dir], child.pid);
      expect(temps(dir)).toEqual([]);
    }, 120_000);
  }
});
