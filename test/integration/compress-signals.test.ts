import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepTemps } from '../../src/compress/temps.js';
import { parioChild } from '../helpers/compress-cli.js';
import { has } from '../helpers/oracle.js';
import { tempDir } from '../helpers/temp.js';
import { content, rng } from '../helpers/tree.js';

const FILES = 80;

function makeInputs(dir: string): string[] {
  const random = rng(5);
  const names: string[] = [];
  for (let i = 0; i < FILES; i += 1) {
    const name = `f${String(i).padStart(3, '0')}.txt`;
    writeFileSync(join(dir, name), content(random, 25_000 + Math.floor(random() * 25_000), true));
    names.push(name);
  }
  return names;
}

async function waitFor(test: () => boolean, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 3000 && child.exitCode === null; i += 1) {
    if (test()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
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

describe('interrupting a run', () => {
  it('SIGINT removes temp files and exits 130, leaving only complete outputs', async () => {
    const dir = tempDir();
    const names = makeInputs(dir);
    const child = parioChild(ARGS, dir);
    await waitFor(() => temps(dir).length > 0 && finals(dir, '.br').length >= 3, child);
    child.kill('SIGINT');
    const { code } = await exited(child);
    expect(code).toBe(130);
    expect(temps(dir)).toEqual([]);
    expect(finals(dir, '.br').length).toBeLessThan(FILES);
    expect(names.every((n) => existsSync(join(dir, n)))).toBe(true);
    expectValid(dir);
  }, 120_000);

  for (const outputs of [1, 12, 30]) {
    it(`SIGKILL after ${outputs} outputs: no invalid final output, no original missing (even with --rm)`, async () => {
      const dir = tempDir();
      const names = makeInputs(dir);
      const child = parioChild(outputs === 12 ? [...ARGS, '--rm'] : ARGS, dir);
      await waitFor(() => finals(dir, '.br').length >= outputs, child);
      child.kill('SIGKILL');
      const { signal } = await exited(child);
      expect(signal).toBe('SIGKILL');
      expectValid(dir);
      for (const n of names) {
        // An original may be gone only with --rm, and only once both of its outputs are in place.
        if (!existsSync(join(dir, n))) expect(existsSync(join(dir, `${n}.gz`)) && existsSync(join(dir, `${n}.br`))).toBe(true);
      }
      if (outputs !== 12) expect(names.every((n) => existsSync(join(dir, n)))).toBe(true);
      // Stale temps of the killed run are named after its pid and can be swept.
      await sweepTemps([dir], child.pid);
      expect(temps(dir)).toEqual([]);
    }, 120_000);
  }
});
