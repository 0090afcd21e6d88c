// How many folder handles a run holds, from the open-file limit. Node, the main thread and the workers take most of a
// small limit (pool/jobs.ts fits the workers to it), so under a small `ulimit -n` the handles are few: each held only
// while a task or a listing uses it, one folder per task, one folder listed ahead. Under an ordinary limit (1,024 and
// more) they never crowd it: at most 64 kept for reuse, 8 per task.
import { openFileLimit } from '../limits.js';

export interface HandleBudget {
  /** Handles kept open when no task uses them (opening one again costs an open and an fstat). */
  readonly idle: number;
  /** Folders one task may name (each a handle held while it runs). */
  readonly perTask: number;
  /** Folders the walk lists ahead of the one it is on. */
  readonly prefetch: number;
}

let budget: HandleBudget | undefined;

export function handleBudget(): HandleBudget {
  if (budget !== undefined) return budget;
  const limit = openFileLimit();
  if (limit === undefined) return (budget = { idle: 64, perTask: 8, prefetch: 4 });
  const clamp = (value: number, min: number, max: number): number => Math.max(min, Math.min(max, Math.floor(value)));
  // ulimit -n 40: 1 idle, 1 per task, 1 ahead; 64: 4, 3, 1; 128: 12, 7, 4; 1,024 and more: 64, 8, 4.
  budget = { idle: clamp(limit / 8 - 4, 0, 64), perTask: clamp(limit / 16 - 1, 1, 8), prefetch: limit < 128 ? 1 : 4 };
  return budget;
}
