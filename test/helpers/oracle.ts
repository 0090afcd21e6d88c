import { spawnSync } from 'node:child_process';

/**
 * Whether a system tool the tests compare against is on PATH. Under CI (CI set) a missing oracle is a failure, never a
 * skip: .ci/run installs them. Outside CI the caller may skip with it.skipIf(!has('zstd')).
 */
export function has(tool: string): boolean {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
  if (!found && process.env['CI'] !== undefined && process.env['CI'] !== '') {
    throw new Error(`oracle tool ${tool} is missing under CI: .ci/run must install it`);
  }
  return found;
}
