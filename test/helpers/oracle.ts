// System oracle tools (gzip, zstd, brotli, ...): tests that need one FAIL when CI is set and it is missing, else skip.
import { spawnSync } from 'node:child_process';

const seen = new Map<string, boolean>();

/** True when `name` runs; throws when it does not and process.env.CI is set. */
export function requireTool(name: string): boolean {
  let found = seen.get(name);
  if (found === undefined) {
    found = spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
    seen.set(name, found);
  }
  if (!found && process.env['CI']) throw new Error(`oracle tool ${name} is required in CI but is not installed`);
  return found;
}
