import { spawnSync } from 'node:child_process';
import { has } from './oracle.js';

/** Whether a system tool is installed (under CI a missing one throws: see oracle.ts). */
export const hasTool = has;

/** Runs a tool and returns stdout as bytes; throws with stderr on a non-zero exit. */
export function runTool(name: string, args: readonly string[], options: { cwd?: string; input?: Uint8Array } = {}): Buffer {
  const result = spawnSync(name, args, { cwd: options.cwd, input: options.input, maxBuffer: 1 << 28 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${name} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  return result.stdout;
}
