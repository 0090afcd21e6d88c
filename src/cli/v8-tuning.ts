// The CLI's JavaScript only routes files: the bytes go through WASM, native code and the kernel. With V8's default
// budget its optimizing compiler still recompiled that routing code in every isolate (main and each worker) during a
// run: ~8% of all CPU samples over 5,000 files on 2 cores went to compiler threads. An 8 MB budget leaves short-lived
// code in the baseline tiers and still optimizes what runs long. `npm run bench` measures it: compress-many/gzip-6
// has an entry with V8's default budget beside pario's own.
// The budget is raised only for a run that starts a pool (V8 flags are process-wide and a worker's isolate reads them
// when it is created, so this happens just before the first worker starts): changing any V8 flag makes V8 refuse
// Node's code cache for its own modules loaded afterwards, which cost `pario --version` ~40 ms (0.24 vs 0.20 s).
// A budget given on node's command line (node --interrupt-budget=N; NODE_OPTIONS refuses V8 flags like this one)
// wins; the library API never sets flags.
import { setFlagsFromString } from 'node:v8';

let raised = false;

export function raiseInterruptBudget(): void {
  if (raised || process.execArgv.some((arg) => /^--interrupt[-_]budget/.test(arg))) return;
  raised = true;
  setFlagsFromString('--interrupt-budget=8000000');
}
