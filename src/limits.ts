// The process's open-file limit, read once: how many worker threads fit (pool/jobs.ts), how many folder handles a run
// keeps (planner/fd-budget.ts), and what the one line says when a run runs out of descriptors (cli/fatal.ts).
import { readFileSync } from 'node:fs';

let limit: { readonly value: number | undefined } | undefined;

/**
 * The soft RLIMIT_NOFILE (Linux: /proc/self/limits), or undefined where it cannot be read. Read once: the message of
 * a run that ran out of descriptors needs it when no file can be opened any more.
 */
export function openFileLimit(): number | undefined {
  if (limit !== undefined) return limit.value;
  try {
    const line = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'latin1'));
    limit = { value: line?.[1] === undefined ? undefined : Number(line[1]) };
  } catch {
    return undefined;
  }
  return limit.value;
}
