// Imported first by the CLI entry, before any worker starts (V8 flags are process-wide; a worker's isolate reads them
// when it is created). The CLI's JavaScript only routes files: the bytes go through WASM, native code and the kernel.
// With V8's default budget its optimizing compiler still recompiled that routing code in every isolate (main and
// each worker) during a run: ~8% of all CPU samples over 5,000 files on 2 cores went to compiler threads. An 8 MB
// budget leaves short-lived code in the baseline tiers and still optimizes what runs long. Measured, 14 interleaved
// runs each of `compress --gzip -6` over the bench's 5,000 files: wall median 3.79 -> 3.64 s, CPU 7.20 -> 6.85 s.
// A budget the user gives (node --interrupt-budget=..., NODE_OPTIONS) wins; the library API never sets flags.
import { setFlagsFromString } from 'node:v8';

const given = [...process.execArgv, process.env['NODE_OPTIONS'] ?? ''].join(' ');
if (!given.includes('--interrupt-budget')) setFlagsFromString('--interrupt-budget=8000000');
