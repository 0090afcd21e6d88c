import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { GNU_TIME } from '../run/tools.js';
import { workPath } from '../run/workdir.js';
import { shell } from './commands.js';
import type { Command } from '../run/types.js';

/**
 * The one-liner a power user types instead of pario, the anchor every many-file row must beat:
 * `find . -type f -print0 | xargs -0 -P N -n 64 TOOL`. Compressing, the walk skips the outputs (`! -name '*.gz'`):
 * find still walks while the first batches write, and would hand them their own outputs.
 */
export function xargsLine(jobs: number, toolLine: string, skipSuffix?: string): string {
  const skip = skipSuffix === undefined ? '' : ` ! -name '*.${skipSuffix}'`;
  return `find . -type f${skip} -print0 | xargs -0 -P ${jobs} -n 64 ${toolLine}`;
}

export function xargsCommand(jobs: number, toolLine: string, cwd: string, extra: Partial<Command> = {}, skipSuffix?: string): Command {
  return shell(xargsLine(jobs, toolLine, skipSuffix), { cwd, ...extra });
}

let serial = 0;

/**
 * The codec's own CPU: the same tool on the same bytes as ONE stream (`xargs -0 cat < LIST | TOOL > /dev/null`), only
 * the tool's user + sys counted (GNU time around it). What the one-liner spends beyond this is its per-file cost.
 */
export function streamCpu(cwd: string, list: string, streamLine: string): () => Promise<number | undefined> {
  return async () => {
    if (GNU_TIME === undefined) return undefined;
    const out = workPath(`stream-cpu-${serial++}.txt`);
    try {
      const line = `xargs -0 cat -- < '${list}' | ${GNU_TIME} -f '%U %S' -o '${out}' ${streamLine} > /dev/null`;
      const r = spawnSync('/bin/sh', ['-c', line], { cwd, stdio: 'ignore', timeout: 600_000 });
      if (r.status !== 0) return undefined;
      const [user, sys] = (readFileSync(out, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
      return user === undefined || sys === undefined || !Number.isFinite(user + sys) ? undefined : (user + sys) * 1000;
    } finally {
      rmSync(out, { force: true });
    }
  };
}
