// The public API. Everything else is internal.
export { createPario, readFile, readFiles } from './pario.js';
export type { Pario, PerCall } from './pario.js';
export type { ReadFileOk, ReadResult } from './read/engine.js';
export type { ReadOptions } from './read/options.js';
export type { BaseOptions } from './options.js';
export type { FailedFile } from './results.js';
export type { ProgressSnapshot } from './pool/progress.js';
export { FileError, OptionError, ParioError, isAbortError } from './errors.js';
