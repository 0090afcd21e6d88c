import type { Failure } from '../workers/protocol.js';
import { FileError } from './errors.js';

/** What a per-file failure looks like to library users: the run goes on, the file is reported. */
export interface FailedFile {
  readonly ok: false;
  readonly path: string;
  readonly error: { readonly name: string; readonly code: string; readonly message: string };
}

export function failedFile(path: string, failure: Pick<Failure, 'code' | 'message'>, name = 'FileError'): FailedFile {
  return { ok: false, path, error: { name, code: failure.code, message: failure.message } };
}

/** With failFast a failed file ends the call: this is the exception it ends with. */
export function toFileError(failed: FailedFile): FileError {
  return new FileError(failed.path, failed.error.code, failed.error.message);
}
