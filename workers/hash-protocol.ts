// The `hash` job kind's task and result: types and constants only (src/ imports them).
import type { Algorithm } from './algorithms.js';
import type { Failure } from './protocol.js';

/** Hash a batch of files, each with every algorithm, from one read of its bytes. */
export interface HashTask {
  /** Absolute paths, opened with openRegular (FIFOs and devices are refused, never read). */
  readonly paths: readonly string[];
  readonly algorithms: readonly Algorithm[];
  /** Once this many bytes are hashed, the rest of the batch is handed back as `deferred` (the first file always runs). */
  readonly maxBytes: number;
}

export type HashEntry =
  | { readonly ok: true; readonly index: number; readonly size: number; readonly digests: Readonly<Partial<Record<Algorithm, string>>> }
  | { readonly ok: 'deferred'; readonly index: number }
  | (Failure & { readonly index: number });

export interface HashResult {
  readonly entries: readonly HashEntry[];
}

/** Bytes read per readSync: one reused buffer per worker. */
export const HASH_READ_BYTES = 1 << 20;
