// Standard output's failures, handled here for every command. A reader that went away (EPIPE: `pario hash … | head`)
// ends the run quietly with 141, as SIGPIPE ends cat and gzip; any other write error (ENOSPC on /dev/full, EIO) ends
// it with one line, `pario: stdout: No space left on device`, and exit 1, as gzip says it. Either way the run is
// aborted at once: nothing more is worth computing for an output that cannot be written.
import { causeOf } from '../errors.js';
import { EXIT } from './context.js';

export interface StdoutGuard {
  /** The exit code of a run that would end with `code`: 141 or 1 once stdout failed (saying why, once). */
  settle(code: number): number;
}

export function guardStdout(stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream, controller: AbortController): StdoutGuard {
  let failure: NodeJS.ErrnoException | undefined;
  let said = false;
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (failure !== undefined) return;
    failure = error;
    controller.abort(Object.assign(new Error(`stdout: ${error.message}`), { signal: error.code === 'EPIPE' ? 'SIGPIPE' : 'stdout' }));
  });
  const settle = (code: number): number => {
    if (failure === undefined) return code;
    if (failure.code === 'EPIPE') return EXIT.brokenPipe;
    if (!said) stderr.write(`pario: stdout: ${causeOf(failure)}\n`);
    said = true;
    return EXIT.failures;
  };
  // A write that fails after the run's code is known (the last lines, flushed at exit) still decides it.
  process.on('exit', (code) => {
    if (failure !== undefined) process.exitCode = settle(code);
  });
  return { settle };
}
