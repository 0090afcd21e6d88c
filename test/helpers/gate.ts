// A gate for signal tests, preloaded into a pario child (node --import this-file): in the child's worker threads, the
// rename of a finished temp file to a final name containing `gate-` first appends that name to
// $PARIO_TEST_GATE/reached, then waits until $PARIO_TEST_GATE/open exists. A test that waits for `reached` knows the
// run is mid-way, with a temp file on disk, and cannot finish before the test signals it, however loaded the machine.
// When the run ends early (pario raises its stop flag, workers/stop.ts), the held rename fails instead.
// Nothing in src/ or workers/ knows of it.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename, join } from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';

const dir = process.env['PARIO_TEST_GATE'];
if (dir !== undefined && dir !== '' && !isMainThread) {
  const rename = fs.renameSync;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const stop = (workerData as { stop?: SharedArrayBuffer } | undefined)?.stop;
  const stopped = (): boolean => stop !== undefined && Atomics.load(new Int32Array(stop), 0) !== 0;
  (fs as { renameSync: typeof fs.renameSync }).renameSync = (from, to) => {
    if (basename(String(to)).includes('gate-')) {
      fs.appendFileSync(join(dir, 'reached'), `${String(to)}\n`);
      while (!fs.existsSync(join(dir, 'open'))) {
        // The run is ending (a signal, --fail-fast): the held file fails here, as a worker that meets the flag does.
        if (stopped()) throw Object.assign(new Error('stopped at the gate'), { code: 'ERR_PARIO_STOPPED' });
        Atomics.wait(pause, 0, 0, 20);
      }
    }
    rename(from, to);
  };
  syncBuiltinESMExports(); // `import { renameSync } from 'node:fs'` in the worker code sees the gated one
}
