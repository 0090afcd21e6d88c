// Runs the built CLI synchronously (compress tests), or as a child to signal mid-run.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { BIN } from './paths.js';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function pario(args: readonly string[], cwd: string): CliRun {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export function parioChild(args: readonly string[], cwd: string): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

const GATE = new URL('./gate.js', import.meta.url).href;

/**
 * parioChild with test/helpers/gate.ts preloaded: its workers stop before renaming an output named *gate-* into place
 * (appending its name to `gate`/reached) until `gate`/open exists. The run cannot end before the test lets it.
 */
export function parioGated(args: readonly string[], cwd: string, gate: string): ChildProcess {
  const env = { ...process.env, PARIO_TEST_GATE: gate };
  return spawn(process.execPath, ['--import', GATE, BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
}
