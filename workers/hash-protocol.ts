// The `hash` job kind's task and result: types and constants only (src/ imports them).
import type { DigestKind } from './algorithms.js';
import type { FileRef } from './file-protocol.js';
import type { Failure } from './protocol.js';

/** Hash a batch of files, each with every algorithm, from one read of its bytes. */
export interface HashTask {
  /** The files, opened with openInput through their folders' handles (FIFOs and devices are refused, never read). */
  readonly files: readonly FileRef[];
  readonly algorithms: readonly DigestKind[];
  /** Once this many bytes are hashed, the rest of the batch is handed back as `deferred` (the first file always runs). */
  readonly maxBytes: number;
  /**
   * Which files were named explicitly (a command-line file, a check line): every one (true), or their indices in
   * `files`. A character device among them is read, as sha256sum does. (Not their paths: a check batch named every
   * path twice in each message, and the worker looked each file up in that list.)
   */
  readonly named?: true | readonly number[];
}

export type HashEntry =
  | { readonly ok: true; readonly index: number; readonly size: number; readonly digests: Readonly<Partial<Record<DigestKind, string>>> }
  | { readonly ok: 'deferred'; readonly index: number }
  | (Failure & { readonly index: number });

export interface HashResult {
  readonly entries: readonly HashEntry[];
}

/** Bytes read per readSync: one reused buffer per worker. */
export const HASH_READ_BYTES = 1 << 20;

/**
 * `hashTree`: folders listed and their files hashed by the worker (`pario hash DIR` with no filter: the main thread
 * then spends nothing per file), and files left over by such a task. `refs[i]` is a folder when `folders[i]`: a name
 * in its parent's handle, opened without following a link (a root as given), listed and closed by the worker.
 */
export interface HashTreeTask {
  readonly refs: readonly FileRef[];
  readonly folders: readonly boolean[];
  readonly algorithms: readonly DigestKind[];
  /** Once this many bytes are hashed, the task's further files are handed back as `deferred` (listed all the same). */
  readonly maxBytes: number;
  /** Entries left out (--exclude), as the walk leaves them out; absent when nothing is. */
  readonly exclude?: TreeExclude;
}

/**
 * The walk's excludes: an entry whose printed path or path relative to the walked folder matches one of `patterns`
 * (picomatch, dot files included; a pattern without a slash already made `**\/NAME`) is left out, a folder with all
 * under it. `folders[i]` is folder ref i's printed and relative path (its entries' are derived from them).
 */
export interface TreeExclude {
  readonly patterns: readonly string[];
  readonly folders: readonly (readonly [printed: string, relative: string])[];
}

/** A file's outcome: hashed, handed back, or failed. */
export type TreeFile =
  | { readonly ok: true; readonly size: number; readonly digests: Readonly<Partial<Record<DigestKind, string>>> }
  | { readonly ok: 'deferred' }
  | Failure;

/**
 * A listed folder's entries in byte order of their paths (a subfolder sorts as `name/`), packed (one object a folder,
 * not three a file, in both threads' messages): `sizes[i]` is a hashed file's size (its digests are next in `hex`,
 * each algorithm's in the task's order, digestHexLength long), or FOLDER, DEFERRED (handed back) or FAILED (its
 * failure is next in `failures`).
 */
export interface TreeListing {
  readonly ok: 'listed';
  /** The folder's identity: the main thread reopens it (as its subfolders' parent) only if it is still this one. */
  readonly dev: number;
  readonly ino: number;
  readonly names: readonly string[];
  readonly sizes: readonly number[];
  readonly hex: string;
  readonly failures: readonly Failure[];
}
export const FOLDER = -1;
export const DEFERRED = -2;
export const FAILED = -3;

/** A ref's outcome: a folder's listing, or a file's (also of a folder that is no longer one: a link is refused). */
export type TreeOutcome = TreeListing | TreeFile;

export interface HashTreeResult {
  readonly outcomes: readonly TreeOutcome[];
}
