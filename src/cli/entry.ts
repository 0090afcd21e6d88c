// The CLI process: wires main() to the real streams, signals and exit code (bin.ts loads it).
import { setMaxListeners } from 'node:events';
import { holdLongCurrentFolder, openFileLimit } from '../system/index.js';
import { startHandleFor } from './early-pool.js';
import { fatal } from './fatal.js';
import { rawArgv } from './raw-names.js';
import { guardStdout } from './stdout-guard.js';

// In a folder whose path is too long to read, work from a held handle on it (workers could not start there).
holdLongCurrentFolder();
openFileLimit(); // read while a file can still be opened
// Workers boot while the rest of the CLI loads (main.js is imported below on purpose).
const early = await startHandleFor(process.argv.slice(2));

// SIGINT/SIGTERM abort the run: running tasks stop, temp files are removed, and the exit code says which signal.
// A second signal ends the process at once.
const controller = new AbortController();
// Every task in flight (jobs × 2, and the blocks of a big file) listens on this one signal: no leak, no warning.
setMaxListeners(0, controller.signal);
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  process.on(name, () => {
    if (controller.signal.aborted) process.exit(name === 'SIGTERM' ? 143 : 130);
    controller.abort(Object.assign(new Error(`Interrupted by ${name}`), { signal: name }));
  });
}
// A reader that went away (`pario cat … | head`) ends the run quietly, as SIGPIPE ends cat; a full disk says so.
const stdout = guardStdout(process.stdout, process.stderr, controller);

// Never process.exit() after writing: a piped stdout would be cut short. Set the code and let the loop drain.
let code: number;
try {
  const { main } = await import('./main.js');
  code = await main(rawArgv(process.argv.slice(2)), process, controller.signal, early); // names as bytes (raw-names.ts)
} catch (error) {
  // main() turns every expected condition into a line and a code; what reaches here is a bug (or EMFILE loading it).
  const known = fatal(error);
  if (known === undefined) console.error(error);
  else process.stderr.write(known.line);
  code = known?.code ?? 70;
}
await early?.end();
process.exitCode = stdout.settle(code);
