// Hashes a known list of files through the pool and yields the results in list order, whatever the completion order,
// with a bounded number of results held back. Consecutive files with the same algorithms share one task.
import type { DigestKind } from '../../workers/algorithms.js';
import type { HashResult, HashTask } from '../../workers/hash-protocol.js';
import { Batcher } from '../planner/batch.js';
import type { FoundAt, Placed } from '../planner/leases.js';
import { outOfDescriptors } from '../errors.js';
import type { ParioPool } from '../pool/pool.js';
import { reorderChunks } from '../pool/order.js';
import type { Held, Positioned } from '../pool/order.js';
import { scheduleChunks } from '../pool/scheduler.js';
import type { Lane, Settlement } from '../pool/scheduler.js';
import { failedFile, type FailedFile } from '../results.js';
import { groups } from '../pool/groups.js';

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

/** A file with its position in the list. */
interface Numbered {
  readonly index: number;
  readonly item: HashItem;
}

/** A task: files that share their algorithms. */
interface Batch {
  readonly files: readonly Numbered[];
  readonly algorithms: readonly DigestKind[];
}

type Out = Positioned<HashFileResult>;

/** `items` may stream in (a sorted walk): hashing starts with the first batch, not after the last file is found. */
export async function* hashInOrder(
  pool: ParioPool, source: Iterable<HashItem> | AsyncIterable<HashItem>, options: HashEngineOptions = {},
): AsyncGenerator<HashFileResult> {
  for await (const results of hashChunks(pool, groups(source, options.batchSize ?? BATCH_SIZE), options)) yield* results;
}

/**
 * hashInOrder for files that come in groups (a check file's lines as each piece is read), with the results yielded in
 * groups too: every stage takes one step per group, not per file (main-thread work per file is what a run over many
 * small files waits for). Groups may be of any size, empty ones included.
 */
export async function* hashChunks(
  pool: ParioPool, source: Iterable<readonly HashItem[]> | AsyncIterable<readonly HashItem[]>, options: HashEngineOptions = {},
): AsyncGenerator<HashFileResult[]> {
  const { signal, batchSize = BATCH_SIZE, maxBatchBytes = 16 << 20, maxHeld = 16384 } = options;
  const lane: Lane<Numbered, Batch, Out> = {
    doing: 'hashing',
    places: (batch) => batch.files.map(({ item }): Placed => item.at ?? item.abs),
    run: async (batch, files, call) => {
      const named = namedOf(batch.files);
      const task: HashTask = { files, algorithms: batch.algorithms, maxBytes: maxBatchBytes, ...(named === undefined ? {} : { named }) };
      return settle(batch, await call('hash', task));
    },
    failed: ({ index, item }, failure) => ({ index, result: failedFile(item.path, failure) }),
    batch: (files) => ({ files, algorithms: (files[0] as Numbered).item.algorithms }),
    // A worker that died for lack of descriptors (a low `ulimit -n`): not the files' fault; the run ends saying so.
    fatal: outOfDescriptors,
  };
  const held: Held = { count: 0, bytes: 0 };
  const admit = (): boolean => held.count < maxHeld;
  yield* reorderChunks(scheduleChunks(lane, batches(source, batchSize), { pool, signal, admit }), held);
}

/** Files per task by default. */
const BATCH_SIZE = 256;

async function* batches(
  source: Iterable<readonly HashItem[]> | AsyncIterable<readonly HashItem[]>, size: number,
): AsyncGenerator<Batch> {
  const batcher = new Batcher<Numbered>(size); // a batch names few folders: each is a handle held while it runs
  let algorithms: readonly DigestKind[] = [];
  let index = 0;
  for await (const group of source) {
    for (const item of group) {
      if (!sameList(algorithms, item.algorithms)) { // a task hashes its files with one list of algorithms
        const rest = batcher.flush();
        if (rest !== undefined) yield { files: rest, algorithms };
        algorithms = item.algorithms;
      }
      for (const files of batcher.add({ index, item }, [item.at?.dir ?? null])) yield { files, algorithms };
      index += 1;
    }
  }
  const last = batcher.flush();
  if (last !== undefined) yield { files: last, algorithms };
}

function settle(batch: Batch, result: HashResult): Settlement<Numbered, Out>[] {
  const settled: Settlement<Numbered, Out>[] = [];
  for (const entry of result.entries) {
    const file = batch.files[entry.index];
    if (file === undefined) continue;
    const { index, item } = file;
    if (entry.ok === 'deferred') settled.push({ handBack: file });
    else if (entry.ok === true) {
      settled.push({ result: { index, result: { ok: true, path: item.path, size: entry.size, digests: entry.digests } } });
    }
    else if (outOfDescriptors(entry)) throw Object.assign(new Error(`${entry.code}: too many open files`), { code: entry.code });
    else settled.push({ result: { index, result: failedFile(item.path, entry) } });
  }
  return settled;
}

function sameList(a: readonly DigestKind[], b: readonly DigestKind[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

/** The task's `named`: true when every file of the batch was named, else their indices (undefined: none was). */
function namedOf(files: readonly Numbered[]): true | number[] | undefined {
  const indices: number[] = [];
  files.forEach(({ item }, i) => void (item.named === true && indices.push(i)));
  return indices.length === 0 ? undefined : indices.length === files.length ? true : indices;
}
