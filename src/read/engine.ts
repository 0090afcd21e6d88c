import { constants as bufferConstants } from 'node:buffer';
import type { Failure, ReadBatchResult, ReadBatchTask, ReadRangeResult, ReadRangeTask } from '../../workers/protocol.js';
import type { FileRef } from '../../workers/file-protocol.js';
import { batch } from '../planner/batch.js';
import type { FoundFile } from '../planner/find.js';
import type { Placed } from '../planner/leases.js';
import type { ParioPool } from '../pool/pool.js';
import { asJobs, schedule } from '../pool/scheduler.js';
import type { Lane, Settlement } from '../pool/scheduler.js';
import { failedFile } from '../results.js';
import type { FailedFile } from '../results.js';
import { batchBytes, rangeBytes } from './options.js';
import type { ResolvedReadOptions } from './options.js';

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

/** A batch of small files, or one range of a big file (its ranges run on several workers at once). */
type Job =
  | { readonly kind: 'batch'; readonly files: readonly FoundFile[]; readonly weight: number }
  | { readonly kind: 'range'; readonly files: readonly [FoundFile]; readonly weight: number; readonly big: Big; readonly offset: number };

/**
 * Reads every file through the pool: small files whole, in batches; files above `largeFile` in ranges by several
 * workers at once (those ranges start before any further batch). At most two tasks per worker and
 * `maxInFlightBytes` are in flight; `admit` lets an ordering stage hold the window while its buffer is full.
 */
export function readIndexed(
  pool: ParioPool, files: AsyncIterable<FoundFile>, o: ResolvedReadOptions, admit?: () => boolean,
): AsyncGenerator<Indexed> {
  const lane = readLane(batchBytes(o), o.largeFile, o.jobs);
  const jobs = asJobs(batch(files, o.batchSize, folderOf), lane);
  return schedule(lane, jobs, { pool, signal: o.signal, maxWeight: o.maxInFlightBytes, admit: admit && (() => admit()) });
}

/** One file of `size` bytes read whole by several workers at once, each filling its own ranges (readFile). */
export async function readWhole(pool: ParioPool, path: string, abs: string, size: number, signal?: AbortSignal): Promise<ReadResult> {
  const file: FoundFile = { path, abs, index: 0 };
  if (size === 0) return ok(file, Buffer.alloc(0)); // no range to read
  const lane = readLane(0, 0, pool.jobs);
  const jobs = lane.big?.(file, size) ?? [];
  if ('result' in jobs) return jobs.result.result;
  for await (const { result } of schedule(lane, jobs, { pool, signal })) return result;
  throw new Error(`pario: no result for ${path}`); // unreachable: the last range settles the file
}

function readLane(maxBytes: number, largeThreshold: number, workers: number): Lane<FoundFile, Job, Indexed> {
  const lane: Lane<FoundFile, Job, Indexed> = {
    doing: 'reading',
    places: (job) => job.files.map(placeOf),
    run: async (job, refs, call) => {
      if (job.kind === 'range') {
        const task: ReadRangeTask = {
          at: refs[0] as FileRef, target: job.big.buffer, offset: job.offset, position: job.offset, length: job.weight,
          expectedSize: job.big.size,
        };
        return rangeDone(job.big, await call('readRange', task));
      }
      const task: ReadBatchTask = { files: refs, maxBytes, largeThreshold };
      return batchDone(job.files, await call('read', task));
    },
    failed: (file, failure) => ({ index: file.index, result: failedFile(file.path, failure) }),
    batch: (files) => ({ kind: 'batch', files, weight: maxBytes }),
    big: (file, size) => bigJobs(file, size, workers),
    crashed: (job, failure) => (job.kind === 'range'
      ? rangeDone(job.big, { ok: false, path: job.big.file.path, ...failure })
      : job.files.map((file) => ({ result: lane.failed(file, failure) }))),
  };
  return lane;
}

type Settled = Settlement<FoundFile, Indexed>;

function batchDone(files: readonly FoundFile[], result: ReadBatchResult): Settled[] {
  const settled: Settled[] = [];
  for (const entry of result.entries) {
    const file = files[entry.index];
    if (file === undefined) continue;
    if (entry.ok === true) {
      const data = result.buffer === null ? Buffer.alloc(0) : Buffer.from(result.buffer, entry.offset, entry.size);
      settled.push({ result: { index: file.index, result: ok(file, data) } });
    } else if (entry.ok === 'deferred') settled.push({ handBack: file });
    else if (entry.ok === 'large') settled.push({ big: file, size: entry.size });
    else if (entry.ok === false) settled.push({ result: { index: file.index, result: failedFile(file.path, entry) } });
  }
  return settled;
}

/** One range is done: the file settles with the last of its ranges (failed if any failed). */
function rangeDone(big: Big, result: ReadRangeResult): Settled[] {
  if (!result.ok) big.failure ??= result;
  big.remaining -= 1;
  if (big.remaining > 0) return [];
  const whole = big.failure === undefined ? ok(big.file, Buffer.from(big.buffer)) : failedFile(big.file.path, big.failure);
  return [{ result: { index: big.file.index, result: whole } }];
}

function bigJobs(file: FoundFile, size: number, jobs: number): Job[] | { result: Indexed } {
  if (size > bufferConstants.MAX_LENGTH) {
    const message = `file is ${size} bytes, larger than the largest Buffer (${bufferConstants.MAX_LENGTH})`;
    return { result: { index: file.index, result: failedFile(file.path, { code: 'ERR_FS_FILE_TOO_LARGE', message }) } };
  }
  const step = rangeBytes(size, jobs);
  const big: Big = { file, size, buffer: new SharedArrayBuffer(size), remaining: Math.ceil(size / step) };
  const ranges: Job[] = [];
  for (let offset = 0; offset < size; offset += step) {
    ranges.push({ kind: 'range', files: [file], big, offset, weight: Math.min(step, size - offset) });
  }
  return ranges;
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
