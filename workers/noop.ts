import type { NoopTask } from './protocol.js';

/** Does nothing: `npm run bench` uses it to measure what a task costs, batched and not. */
export function noop(task: NoopTask): number {
  let n = 0;
  for (let i = 0; i < task.count; i += 1) n += 1;
  return n;
}
