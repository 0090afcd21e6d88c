import { spawnSync } from 'node:child_process';

const seen = new Map<string, boolean>();

/**
 * Whether a system tool is installed. Under CI a missing tool throws, so tests that need it fail instead of skipping.
 * Use as `describe.skipIf(!hasTool('b3sum'))`.
 */
export function hasTool(name: string): boolean {
  let found = seen.get(name);
  if (found === undefined) {
    found = spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
    seen.set(name, found);
  }
  if (!found && process.env['CI']) throw new Error(`${name} is required under CI but is not installed`);
  return found;
}

/** Runs a tool and returns stdout as bytes; throws with stderr on a non-zero exit. */
export function runTool(name: string, args: readonly string[], options: { cwd?: string; input?: Uint8Array } = {}): Buffer {
  const result = spawnSync(name, args, { cwd: options.cwd, input: options.input, maxBuffer: 1 << 28 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${name} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  return result.stdout;
}
