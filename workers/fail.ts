import type { Failure } from './protocol.js';

/** Turns anything thrown in a worker into a Failure that keeps its code across the thread boundary. */
export function toFailure(path: string, error: unknown): Failure {
  const err = error as NodeJS.ErrnoException | undefined;
  const code = typeof err?.code === 'string' ? err.code : 'ERR_PARIO_JOB';
  const message = error instanceof Error ? describe(err as NodeJS.ErrnoException) : String(error);
  return { ok: false, path, code, message };
}

/** A failure built from a known condition rather than a caught error. */
export function failure(path: string, code: string, message: string): Failure {
  return { ok: false, path, code, message };
}

// "ENOENT: no such file or directory, open '/x'" → "no such file or directory": the path is reported separately.
function describe(error: NodeJS.ErrnoException): string {
  if (typeof error.code === 'string' && typeof error.syscall === 'string') {
    const match = /^[A-Z0-9_]+: ([^,]+)/.exec(error.message);
    if (match?.[1] !== undefined) return match[1];
  }
  return error.message;
}
