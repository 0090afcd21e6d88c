#!/usr/bin/env node
import { setMaxListeners } from 'node:events';
import { endEarlyPool } from '../pool/pool.js';
import { startPoolFor } from './early-pool.js';

// Workers boot while the rest of the CLI loads (main.js is imported after this line on purpose).
startPoolFor(process.argv.slice(2));
const { main } = await import('./main.js');

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
// A reader that went away (`pario cat … | head`) ends the run quietly, as SIGPIPE ends cat.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  controller.abort(Object.assign(new Error('stdout closed'), { signal: 'SIGPIPE' }));
});
// Never process.exit() after writing: a piped stdout would be cut short. Set the code and let the loop drain.
main(process.argv.slice(2), process, controller.signal).then(
  async (code) => {
    await endEarlyPool();
    process.exitCode = code;
  },
  async (error: unknown) => {
    console.error(error);
    process.exitCode = 70;
    await endEarlyPool();
  },
);
