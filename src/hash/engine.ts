// Hashes a known list of files through the pool and yields the results in list order, whatever the completion order,
// with a bounded number of results held back. Consecutive files with the same algorithms share one task.
import type { DigestKind } from '../../workers/algorithms.js';
import type { HashResult, HashTask } from '../../workers/hash-protocol.js';
import { handleBudget } from '../planner/fd-budget.js';
import type { FoundAt, Placed } from '../planner/leases.js';
import { outOfDescriptors } from '../errors.js';
import type { ParioPool } from '../pool/pool.js';
import { reorder } from '../pool/order.js';
import type { Held, Positioned } from '../pool/order.js';
import { schedule } from '../pool/scheduler.js';
import type { Lane, Settlement } from '../pool/scheduler.js';
import { failedFile, type FailedFile } from '../results.js';

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

/** A task: files by their position in the list, with the algorithms they all share. */
interface Batch {
  readonly files: readonly number[];
  readonly algorithms: readonly DigestKind[];
}

/** `items` may stream in (a sorted walk): hashing starts with the first batch, not after the last file is found. */
export async function* hashInOrder(
  pool: ParioPool, source: Iterable<HashItem> | AsyncIterable<HashItem>, options: HashEngineOptions = {},
): AsyncGenerator<HashFileResult> {
  const { signal, batchSize = 256, maxBatchBytes = 16 << 20, maxHeld = 16384 } = options;
  /** Items batched but not yet yielded, by position. */
  const items = new Map<number, HashItem>();
  const item = (i: number): HashItem => items.get(i) as HashItem;
  const lane: Lane<number, Batch, Positioned<HashFileResult>> = {
    doing: 'hashing',
    places: (batch) => batch.files.map((i): Placed => item(i).at ?? item(i).abs),
    run: async (batch, files, call) => {
      const named = batch.files.filter((i) => item(i).named === true).map((i) => item(i).abs);
      const task: HashTask = { files, algorithms: batch.algorithms, maxBytes: maxBatchBytes, ...(named.length > 0 ? { named } : {}) };
      return settle(batch, await call('hash', task), item);
    },
    failed: (i, failure) => ({ index: i, result: failedFile(item(i).path, failure) }),
    batch: (files) => ({ files, algorithms: item(files[0] as number).algorithms }),
    // A worker that died for lack of descriptors (a low `ulimit -n`): not the files' fault; the run ends saying so.
    fatal: outOfDescriptors,
  };
  const held: Held = { count: 0, bytes: 0 };
  const admit = (): boolean => held.count < maxHeld;
  let next = 0;
  for await (const result of reorder(schedule(lane, batches(source, items, batchSize), { pool, signal, admit }), held)) {
    items.delete(next++); // results leave in list order
    yield result;
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
      yield { files: indexes, algorithms };
      indexes = [];
      folders.clear();
    }
    folders.add(folder);
    if (indexes.length === 0) algorithms = item.algorithms;
    indexes.push(i);
    i += 1;
  }
  if (indexes.length > 0) yield { files: indexes, algorithms };
}

function settle(batch: Batch, result: HashResult, item: (i: number) => HashItem): Settlement<number, Positioned<HashFileResult>>[] {
  const settled: Settlement<number, Positioned<HashFileResult>>[] = [];
  for (const entry of result.entries) {
    const i = batch.files[entry.index];
    if (i === undefined) continue;
    if (entry.ok === 'deferred') settled.push({ handBack: i });
    else if (entry.ok === true) {
      settled.push({ result: { index: i, result: { ok: true, path: item(i).path, size: entry.size, digests: entry.digests } } });
    }
    else if (outOfDescriptors(entry)) throw Object.assign(new Error(`${entry.code}: too many open files`), { code: entry.code });
    else settled.push({ result: { index: i, result: failedFile(item(i).path, entry) } });
  }
  return settled;
}

function sameList(a: readonly DigestKind[], b: readonly DigestKind[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}
