import { constants as bufferConstants } from 'node:buffer';
import type { Failure, ReadBatchResult, ReadBatchTask, ReadRangeResult, ReadRangeTask } from '../../workers/protocol.js';
import type { FileRef } from '../../workers/file-protocol.js';
import { isAbortError } from '../errors.js';
import { batch } from '../planner/batch.js';
import type { FoundFile } from '../planner/find.js';
import { runLeased } from '../planner/leases.js';
import type { Placed } from '../planner/leases.js';
import type { ParioPool } from '../pool/pool.js';
import { runWindow } from '../pool/window.js';
import { failedFile } from '../results.js';
import type { FailedFile } from '../results.js';
import { batchBytes, rangeBytes } from './options.js';
import type { ResolvedReadOptions } from './options.js';
import { handBackPieces } from '../pool/pieces.js';

/** One file's bytes. `data` is a view of shared memory the worker filled: it was never copied or cloned. */
export interface ReadFileOk {
  readonly ok: true;
  readonly path: string;
  readonly size: number;
  readonly data: Buffer;
}

export type ReadResult = ReadFileOk | FailedFile;

/** A result with the planner's index, for ordered output. */
export interface Indexed {
  readonly index: number;
  readonly result: ReadResult;
}

interface Big {
  readonly file: FoundFile;
  readonly size: number;
  readonly buffer: SharedArrayBuffer;
  remaining: number;
  failure?: Failure;
}

interface BatchItem {
  readonly kind: 'batch';
  readonly files: readonly FoundFile[];
}
interface RangeItem {
  readonly kind: 'range';
  readonly big: Big;
  readonly offset: number;
  readonly length: number;
}
type Item = BatchItem | RangeItem;
type Done =
  | { readonly item: BatchItem; readonly result: ReadBatchResult }
  | { readonly item: RangeItem; readonly result: ReadRangeResult }
  | { readonly item: Item; readonly crashed: unknown };

/**
 * Reads every file through the pool: small files whole, in batches; files above `largeFile` in ranges by several
 * workers at once (those ranges start before any further batch). At most two tasks per worker and
 * `maxInFlightBytes` are in flight; `admit` lets an ordering stage hold the window while its buffer is full.
 */
export async function* readIndexed(
  pool: ParioPool, files: AsyncIterable<FoundFile>, o: ResolvedReadOptions, admit?: () => boolean,
): AsyncGenerator<Indexed> {
  const maxBytes = batchBytes(o);
  const urgent: Item[] = [];
  const start = (item: Item): Promise<Done> => {
    const exited = (): Promise<void> => pool.exited();
    const signal = { signal: o.signal };
    const run: Promise<Done> = item.kind === 'batch'
      ? runLeased(item.files.map(placeOf), exited, (files) => {
        const task: ReadBatchTask = { files, maxBytes, largeThreshold: o.largeFile };
        return pool.run<ReadBatchResult>('read', task, signal);
      }).then((result) => ({ item, result }))
      : runLeased([placeOf(item.big.file)], exited, ([at]) => {
        return pool.run<ReadRangeResult>('readRange', rangeTask(item.big, at as FileRef, item.offset, item.length), signal);
      }).then((result) => ({ item, result }));
    return run.catch((error: unknown): Done => {
      if (isAbortError(error) || o.signal?.aborted === true) throw error;
      return { item, crashed: error };
    });
  };
  const weight = (item: Item): number => (item.kind === 'batch' ? maxBytes : item.length);
  const source = toItems(batch(files, o.batchSize, folderOf));
  const limits = { limit: pool.jobs * 2, maxWeight: o.maxInFlightBytes, weight, admit, signal: o.signal };
  for await (const done of runWindow(source, start, limits, urgent)) {
    yield* settle(done, urgent, o);
  }
}

async function* toItems(batches: AsyncIterable<FoundFile[]>): AsyncGenerator<Item> {
  for await (const files of batches) yield { kind: 'batch', files };
}

function* settle(done: Done, urgent: Item[], o: ResolvedReadOptions): Generator<Indexed> {
  if ('crashed' in done && done.item.kind === 'batch') {
    for (const file of done.item.files) yield { index: file.index, result: failedFile(file.path, crashFailure(file, done.crashed)) };
    return;
  }
  if (done.item.kind === 'range') {
    const big = done.item.big;
    if ('crashed' in done) big.failure ??= crashFailure(big.file, done.crashed);
    else {
      const result = done.result as ReadRangeResult;
      if (!result.ok) big.failure ??= result;
    }
    big.remaining -= 1;
    if (big.remaining > 0) return;
    const whole = big.failure === undefined ? ok(big.file, Buffer.from(big.buffer)) : failedFile(big.file.path, big.failure);
    yield { index: big.file.index, result: whole };
    return;
  }
  if ('crashed' in done) return;
  const { item, result } = done as { item: BatchItem; result: ReadBatchResult };
  const deferred: FoundFile[] = [];
  for (const entry of result.entries) {
    const file = item.files[entry.index];
    if (file === undefined) continue;
    if (entry.ok === true) {
      const data = result.buffer === null ? Buffer.alloc(0) : Buffer.from(result.buffer, entry.offset, entry.size);
      yield { index: file.index, result: ok(file, data) };
    } else if (entry.ok === 'deferred') {
      deferred.push(file);
    } else if (entry.ok === 'large') {
      const failed = planBig(file, entry.size, o.jobs, urgent);
      if (failed !== undefined) yield { index: file.index, result: failed };
    } else if (entry.ok === false) {
      yield { index: file.index, result: failedFile(file.path, entry) };
    }
  }
  for (const piece of handBackPieces(deferred, item.files.length)) urgent.push({ kind: 'batch', files: piece });
}

function planBig(file: FoundFile, size: number, jobs: number, urgent: Item[]): FailedFile | undefined {
  if (size > bufferConstants.MAX_LENGTH) {
    const message = `file is ${size} bytes, larger than the largest Buffer (${bufferConstants.MAX_LENGTH})`;
    return failedFile(file.path, { code: 'ERR_FS_FILE_TOO_LARGE', message });
  }
  const step = rangeBytes(size, jobs);
  const big: Big = { file, size, buffer: new SharedArrayBuffer(size), remaining: Math.ceil(size / step) };
  for (let offset = 0; offset < size; offset += step) urgent.push({ kind: 'range', big, offset, length: Math.min(step, size - offset) });
  return undefined;
}

function rangeTask(big: Big, at: FileRef, offset: number, length: number): ReadRangeTask {
  return { at, target: big.buffer, offset, position: offset, length, expectedSize: big.size };
}

/** The folder handle a found file is opened through (batches name few of them). */
export function folderOf(file: FoundFile): unknown {
  return file.at?.dir ?? null;
}

/** Where a worker opens a found file: its place in a folder handle, or its path as given. */
export function placeOf(file: FoundFile): Placed {
  return file.at ?? file.abs;
}

function ok(file: FoundFile, data: Buffer): ReadFileOk {
  return { ok: true, path: file.path, size: data.byteLength, data };
}

function crashFailure(file: FoundFile, error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, path: file.path, code: 'ERR_WORKER_DIED', message: `the worker reading it stopped: ${message}` };
}
