import type { ErrorCode } from '../workers/codes.js';

/** Base class of pario's own errors; branch on `code`, never on the message. */
export class ParioError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A bad option at a public call: names the option, what was expected and what was received. */
export class OptionError extends ParioError {
  readonly option: string;
  constructor(option: string, expected: string, received: unknown) {
    super('ERR_PARIO_OPTION', `Expected \`${option}\` to be ${expected}, got ${show(received)}`);
    this.option = option;
  }
}

/** A per-file failure raised as an exception (with `failFast`, or from single-file calls such as readFile). */
export class FileError extends ParioError {
  readonly path: string;
  /** The underlying cause's code: ENOENT, EISDIR, ERR_NOT_REGULAR_FILE, ERR_FILE_CHANGED, … */
  readonly fileCode: string;
  constructor(path: string, fileCode: string, message: string) {
    super(fileCode as ErrorCode, `${path}: ${message}`); // an ErrorCode, or the code a mapper's function threw with
    this.path = path;
    this.fileCode = fileCode;
  }
}

/** The error every aborted call rejects with: a DOMException named AbortError, with the signal's reason as cause. */
export function abortError(signal?: AbortSignal): Error {
  const error = new DOMException('The operation was aborted', 'AbortError');
  if (signal?.reason !== undefined) Object.defineProperty(error, 'cause', { value: signal.reason });
  return error;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw abortError(signal);
}

export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** "ENOSPC: no space left on device, write" → "No space left on device" (strerror's words, as gzip prints them). */
export function causeOf(error: NodeJS.ErrnoException): string {
  const text = /^[A-Z0-9_]+: (.*?)(, [a-z_]+\b.*)?$/s.exec(error.message)?.[1] ?? error.message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A system error (errno code and syscall), the environment's doing, as opposed to a bug. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  const e = error as NodeJS.ErrnoException | undefined;
  return typeof e?.code === 'string' && /^E[A-Z0-9]+$/.test(e.code) && typeof e.syscall === 'string';
}

/** EMFILE or ENFILE, also as a worker thread reports it (the message survives, the code may not). */
export function outOfDescriptors(error: unknown): boolean {
  const e = error as NodeJS.ErrnoException | undefined;
  return e?.code === 'EMFILE' || e?.code === 'ENFILE' || /^E[MN]FILE: /.test(e?.message ?? '');
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  if (typeof value === 'function') return 'a function';
  return String(value);
}
