// Hashes a known list of files through the pool and yields the results in list order, whatever the completion order,
// with a bounded number of results held back. Consecutive files with the same algorithms share one task.
import type { DigestKind } from '../../workers/algorithms.js';
import type { FileRef } from '../../workers/file-protocol.js';
import type { HashResult, HashTask } from '../../workers/hash-protocol.js';
import { handleBudget } from '../planner/fd-budget.js';
import { runLeased } from '../planner/leases.js';
import type { FoundAt, Placed } from '../planner/leases.js';
import { isAbortError, outOfDescriptors } from '../errors.js';
import type { ParioPool } from '../pool/pool.js';
import { runWindow } from '../pool/window.js';
import { failedFile, type FailedFile } from '../results.js';
import { handBackPieces } from '../pool/pieces.js';

export interface HashedFile {
  readonly ok: true;
  readonly path: string;
  readonly size: number;
  /** Lowercase hex per algorithm. */
  readonly digests: Readonly<Partial<Record<DigestKind, string>>>;
}

export type HashFileResult = HashedFile | FailedFile;

export interface HashItem {
  /** As printed. */
  readonly path: string;
  /** As an absolute path. */
  readonly abs: string;
  /** Where the worker opens it (a name in a folder handle); absent: `abs` as given (a name from a checksum file). */
  readonly at?: FoundAt | undefined;
  readonly algorithms: readonly DigestKind[];
  /** Named explicitly (a command-line file, a check line): a character device is then read, as sha256sum does. */
  readonly named?: boolean;
}

export interface HashEngineOptions {
  readonly signal?: AbortSignal | undefined;
  /** Files per task (a task costs ~70 µs; 256 small files per task measured fastest for hashing). @default 256 */
  readonly batchSize?: number;
  /** Bytes one task hashes before handing the rest of its batch back. @default 16 MiB */
  readonly maxBatchBytes?: number;
  /** Results finished but not yet yielded (waiting for an earlier, slower file), at most. @default 16384 */
  readonly maxHeld?: number;
}

interface Batch {
  readonly indexes: readonly number[];
  readonly algorithms: readonly DigestKind[];
}

type Done = { readonly batch: Batch; readonly result: HashResult } | { readonly batch: Batch; readonly crashed: unknown };

/** `items` may stream in (a sorted walk): hashing starts with the first batch, not after the last file is found. */
export async function* hashInOrder(
  pool: ParioPool, source: Iterable<HashItem> | AsyncIterable<HashItem>, options: HashEngineOptions = {},
): AsyncGenerator<HashFileResult> {
  const { signal, batchSize = 256, maxBatchBytes = 16 << 20, maxHeld = 16384 } = options;
  const held = new Map<number, HashFileResult>();
  /** Items batched but not yet yielded, by position. */
  const items = new Map<number, HashItem>();
  const urgent: Batch[] = [];
  const start = (batch: Batch): Promise<Done> => {
    const places = batch.indexes.map((i): Placed => items.get(i)?.at ?? items.get(i)?.abs ?? '');
    const named = batch.indexes.filter((i) => items.get(i)?.named === true).map((i) => items.get(i)?.abs ?? '');
    const run = (files: FileRef[]): Promise<HashResult> => {
      const task: HashTask = { files, algorithms: batch.algorithms, maxBytes: maxBatchBytes, ...(named.length > 0 ? { named } : {}) };
      return pool.run<HashResult>('hash', task, { signal });
    };
    return runLeased(places, () => pool.exited(), run).then(
      (result): Done => ({ batch, result }),
      (error: unknown): Done => {
        // A worker that died for lack of descriptors (a low `ulimit -n`): not the files' fault; the run ends saying so.
        if (isAbortError(error) || signal?.aborted === true || outOfDescriptors(error)) throw error;
        return { batch, crashed: error };
      },
    );
  };
  let next = 0;
  const window = { limit: pool.jobs * 2, admit: () => held.size < maxHeld, signal };
  for await (const done of runWindow(batches(source, items, batchSize), start, window, urgent)) {
    settle(done, items, held, urgent);
    for (let ready = held.get(next); ready !== undefined; ready = held.get(next)) {
      held.delete(next);
      items.delete(next);
      next += 1;
      yield ready;
    }
  }
}

async function* batches(
  source: Iterable<HashItem> | AsyncIterable<HashItem>, items: Map<number, HashItem>, size: number,
): AsyncGenerator<Batch> {
  let indexes: number[] = [];
  let algorithms: readonly DigestKind[] = [];
  const folders = new Set<unknown>(); // a batch names few folders: each is a handle held while it runs
  const maxFolders = handleBudget().perTask;
  let i = 0;
  for await (const item of source) {
    items.set(i, item);
    const folder = item.at?.dir ?? null;
    const full = indexes.length >= size || (!folders.has(folder) && folders.size >= maxFolders);
    if (indexes.length > 0 && (full || !sameList(algorithms, item.algorithms))) {
      yield { indexes, algorithms };
      indexes = [];
      folders.clear();
    }
    folders.add(folder);
    if (indexes.length === 0) algorithms = item.algorithms;
    indexes.push(i);
    i += 1;
  }
  if (indexes.length > 0) yield { indexes, algorithms };
}

function settle(done: Done, items: ReadonlyMap<number, HashItem>, held: Map<number, HashFileResult>, urgent: Batch[]): void {
  const { batch } = done;
  if ('crashed' in done) {
    const message = done.crashed instanceof Error ? done.crashed.message : String(done.crashed);
    for (const i of batch.indexes) held.set(i, failedFile(items.get(i)?.path ?? '', { code: 'ERR_PARIO_WORKER', message }));
    return;
  }
  const deferred: number[] = [];
  for (const entry of done.result.entries) {
    const i = batch.indexes[entry.index];
    if (i === undefined) continue;
    const path = items.get(i)?.path ?? '';
    if (entry.ok === 'deferred') deferred.push(i);
    else if (entry.ok === true) held.set(i, { ok: true, path, size: entry.size, digests: entry.digests });
    else if (outOfDescriptors(entry)) throw Object.assign(new Error(`${entry.code}: too many open files`), { code: entry.code });
    else held.set(i, failedFile(path, entry));
  }
  for (const piece of handBackPieces(deferred, batch.indexes.length)) urgent.push({ indexes: piece, algorithms: batch.algorithms });
}

function sameList(a: readonly DigestKind[], b: readonly DigestKind[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}
