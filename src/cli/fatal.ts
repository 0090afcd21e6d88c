// How a run that cannot go on ends: one line on stderr and an exit code, for every condition pario expects (its own
// errors, and the environment's: a full disk, too many open files, a current folder too deep to name). Anything else
// is a bug: bin.ts prints its stack and exits 70.
import { ParioError, causeOf, isSystemError, outOfDescriptors } from '../errors.js';
import { openFileLimit } from '../system/index.js';
import { EXIT } from './context.js';

export interface Fatal {
  /** `pario: …\n` */
  readonly line: string;
  readonly code: number;
}

/** pario's own error codes that mean a usage error (exit 2); the others are failures (exit 1). */
const USAGE = new Set(['ERR_PARIO_OPTION', 'ERR_PARIO_USAGE', 'ERR_PARIO_MANIFEST', 'ERR_PARIO_LOCK']);

/** The line and exit code for an expected error, or undefined for a bug. */
export function fatal(error: unknown): Fatal | undefined {
  if (error instanceof ParioError) {
    const code = error.code === 'ERR_PARIO_LOCKED' ? EXIT.locked : USAGE.has(error.code) ? EXIT.usage : EXIT.failures;
    return { line: `pario: ${error.message}\n`, code };
  }
  if (outOfDescriptors(error)) {
    return { line: `pario: ${tooManyFiles(descriptorCode(error as NodeJS.ErrnoException))}\n`, code: EXIT.failures };
  }
  return isSystemError(error) ? { line: `pario: ${systemText(error)}\n`, code: EXIT.failures } : undefined;
}

/** EMFILE or ENFILE: the error's code, else the start of its message (an error passed on as text from a worker). */
function descriptorCode(e: NodeJS.ErrnoException): string {
  return e.code === 'EMFILE' || e.code === 'ENFILE' ? e.code : e.message.slice(0, 6);
}

function tooManyFiles(code: string): string {
  const limit = openFileLimit();
  return `too many open files (${code}${limit === undefined ? '' : `; ulimit -n is ${limit}`}): raise the limit or lower -j`;
}

/** `PATH: No space left on device`, with what to do where pario knows it. */
export function systemText(e: NodeJS.ErrnoException): string {
  const code = e.code ?? '';
  if ((code === 'ERANGE' || code === 'ENAMETOOLONG') && e.syscall === 'uv_cwd') {
    return 'the current folder\'s path is too long to read (over 4096 bytes)';
  }
  const path = typeof e.path === 'string' ? `${e.path}: ` : '';
  return `${path}${causeOf(e)}`;
}
