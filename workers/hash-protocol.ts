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
