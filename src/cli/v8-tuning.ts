// The CLI's JavaScript only routes files: the bytes go through WASM, native code and the kernel. With V8's default
// budget its optimizing compiler still recompiled that routing code in every isolate (main and each worker) during a
// run: ~8% of all CPU samples over 5,000 files on 2 cores went to compiler threads. A raised budget leaves short-lived
// code in the baseline tiers and still optimizes what runs long. `npm run bench` measures it: compress-many/gzip-6
// has an entry with V8's default budget beside pario's own.
// The budget is raised only for a run that starts a pool (V8 flags are process-wide and a worker's isolate reads them
// when it is created, so this happens just before the first worker starts): changing any V8 flag makes V8 refuse
// Node's code cache for its own modules loaded afterwards, which cost `pario --version` ~40 ms (0.24 vs 0.20 s).
// A budget given on node's command line (node --interrupt-budget=N; NODE_OPTIONS refuses V8 flags like this one)
// wins; the library API never sets flags.
// Only Node 20's V8 (11.3) has --interrupt-budget. V8 12 (Node 22) and 13 (Node 24) dropped it for invocation counts,
// and setting an unknown flag prints "Error: unrecognized flag" on stderr (it cannot be caught or silenced), so the
// flag is chosen by V8 version, never probed. Measured (CPU seconds, user+sys of every thread, median of 10 alternating
// runs, gzip -6 of the bench's 5,000-file corpus (138 MB) on 2 cores, busy host): Node 20 with the 8 MB budget 6.07 s,
// with V8's default 6.51 s (the budget saves 7%); Node 24 as it is 5.70 s, with the same ×118 raise of
// --invocation-count-for-turbofan 5.57 s, and of -maglev too 5.84 s: within the runs' spread (5.0–6.7 s), so on
// V8 12 and later pario sets no flag at all.
import { setFlagsFromString } from 'node:v8';

let raised = false;

/**
 * The flag that raises this V8's tier-up budget, or undefined: on V8 12 and later (no such flag, and the
 * invocation-count equivalent measured no better than the default), and when node's command line set a budget.
 * V8 11.4–11.8 (Node 21, unsupported) is left alone too: only 11.3's flag was checked.
 */
export function budgetFlag(v8: string = process.versions.v8, execArgv: readonly string[] = process.execArgv): string | undefined {
  const [major = 0, minor = 0] = v8.split('.').map(Number);
  if (major > 11 || (major === 11 && minor > 3)) return undefined;
  if (execArgv.some((arg) => /^--interrupt[-_]budget/.test(arg))) return undefined;
  return `--interrupt-budget=${RAISED_BUDGET}`;
}

/**
 * 500 KB, not the 8 MB first chosen: 8 MB kept long-running main-thread code (per-file results, checksum lines,
 * stats) in the baseline tiers too. Node 20, 2 cores, alternating runs: hash of 50,000 small files 1.54 s with 500 KB,
 * 1.88 s with 8 MB, 1.56 s with V8's default; check of their 100,000 lines 1.80 / 2.15 / 1.66 s; an unchanged rerun
 * of them 1.37 / 1.83 / 1.35 s; the hash of node_modules (2,924 files) 0.43 / 0.43 / 0.47 s; gzip -6 of it 2.16 /
 * 2.19 s (8 MB).
 */
const RAISED_BUDGET = 500_000;

export function raiseInterruptBudget(): void {
  if (raised) return;
  raised = true;
  const flag = budgetFlag();
  if (flag !== undefined) setFlagsFromString(flag);
}
