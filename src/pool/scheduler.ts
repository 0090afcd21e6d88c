// The one loop every engine runs its files through (read, map, hash, compress): jobs go to the pool with a bounded
// window in flight (runWindow), the folders a job names are leased while it runs (runLeased), and each file of a
// finished job settles as a result, a hand-back or a big file. Hand-backs are queued again in pieces, big files go to
// the engine's own path, and a job whose worker died becomes one failure per file with one code, ERR_WORKER_DIED.
// An engine says only what is its own, as a Lane: how a job becomes a task, and how a task's reply becomes results.
import type { FileRef } from '../../workers/file-protocol.js';
import { WORKER_DIED } from '../../workers/protocol.js';
import type { JobKind, ResultOf, TaskOf } from '../../workers/protocol.js';
import { isAbortError } from '../errors.js';
import { runLeased } from '../planner/leases.js';
import type { Placed } from '../planner/leases.js';
import type { ParioPool } from './pool.js';
import { runWindow } from './window.js';

/** A unit of work in the window: some files, and the bytes it may hold in memory while in flight. */
export interface Job<F> {
  readonly files: readonly F[];
  readonly weight?: number;
}

/** What a finished job says of one of its files. A file it says nothing of settles later (one range of several). */
export type Settlement<F, R> =
  | { readonly result: R }
  /** Not started: the task's byte budget was spent first. */
  | { readonly handBack: F }
  /** Not started: too big for a batch, `size` bytes. */
  | { readonly big: F; readonly size: number }
  /** More work the job found (a listed folder's subfolders, files it left): queued before all else (see Lane.before). */
  | { readonly found: F };

/** One task on the pool, typed by the protocol's table. */
export type Call = <K extends JobKind>(kind: K, task: TaskOf<K>) => Promise<ResultOf<K>>;

export interface FailureInfo {
  readonly code: string;
  readonly message: string;
}

export interface Lane<F, J extends Job<F>, R> {
  /** What a worker does to a file, for the message when it dies: "the worker <doing> it stopped: …". */
  readonly doing: string;
  /** The files and folders a job's worker opens: their folder handles stay open while it runs. */
  places(job: J): readonly Placed[];
  /**
   * Runs a job with the refs of its places, in order, through `call` (the pool's run with the run's signal: the
   * scheduler is what talks to the pool); resolves with what it says of its files.
   */
  run(job: J, refs: readonly FileRef[], call: Call): Promise<readonly Settlement<F, R>[]>;
  /** A file's result when it cannot be done (its worker died, the big path refused it). */
  failed(file: F, failure: FailureInfo): R;
  /** A job of files handed back. */
  batch(files: readonly F[]): J;
  /** What a job found, cut into jobs' files (default: one job of all). */
  pieces?(found: readonly F[]): readonly (readonly F[])[];
  /**
   * Whether found job `a` goes before queued job `b` (default: always, so the newest found goes first). A lane whose
   * output is in order says where each job's files sort, so that the job the output waits for is always the next.
   */
  before?(a: J, b: J): boolean;
  /** The jobs that do a file too big for a batch (they start before any further job), or its result. */
  big?(file: F, size: number): readonly J[] | { readonly result: R };
  /** What a job whose worker died says of its files (default: each fails). */
  crashed?(job: J, failure: FailureInfo): readonly Settlement<F, R>[];
  /** Errors that end the run rather than fail the job's files (aborts always do). */
  fatal?(error: unknown): boolean;
}

export interface ScheduleOptions<R = unknown> {
  readonly pool: Pick<ParioPool, 'jobs' | 'exited' | 'run'>;
  readonly signal?: AbortSignal | undefined;
  /** Jobs in flight at most. @default two per worker */
  readonly limit?: number;
  /** Job weight in flight at most (one job always runs). */
  readonly maxWeight?: number;
  /** While it returns false no new job starts (an in-order stage's buffer is full). */
  readonly admit?: ((inFlight: number) => boolean) | undefined;
  /** Once a result matches, the run ends after the rest of its job's results (--fail-fast: what finished is told). */
  readonly stopAfter?: ((result: R) => boolean) | undefined;
}

/** Runs the jobs and yields every file's result, in completion order. Hand-backs and big files are queued urgently. */
export async function* schedule<F, J extends Job<F>, R>(
  lane: Lane<F, J, R>, jobs: AsyncIterable<J> | Iterable<J>, options: ScheduleOptions<R>,
): AsyncGenerator<R> {
  for await (const results of scheduleChunks(lane, jobs, options)) yield* results;
}

/**
 * schedule, with the results a finished job settles yielded together (in completion order, job by job): a run over
 * many small files takes one step of each stage per job, not per file (see groups.ts).
 */
export async function* scheduleChunks<F, J extends Job<F>, R>(
  lane: Lane<F, J, R>, jobs: AsyncIterable<J> | Iterable<J>, options: ScheduleOptions<R>,
): AsyncGenerator<R[]> {
  const { pool, signal, stopAfter } = options;
  const urgent: J[] = [];
  const exited = (): Promise<void> => pool.exited();
  const call: Call = (kind, task) => pool.run(kind, task, { signal });
  const start = (job: J): Promise<{ job: J; settled: readonly Settlement<F, R>[] }> =>
    runLeased(lane.places(job), exited, (refs) => lane.run(job, refs, call)).then(
      (settled) => ({ job, settled }),
      (error: unknown) => {
        if (isAbortError(error) || signal?.aborted === true || lane.fatal?.(error) === true) throw error;
        const failure = { code: WORKER_DIED, message: `the worker ${lane.doing} it stopped: ${messageOf(error)}` };
        const settled = lane.crashed?.(job, failure) ?? job.files.map((file) => ({ result: lane.failed(file, failure) }));
        return { job, settled };
      },
    );
  const window = {
    limit: options.limit ?? pool.jobs * 2,
    maxWeight: options.maxWeight ?? Infinity,
    weight: (job: J) => job.weight ?? 0,
    admit: options.admit,
    signal,
  };
  for await (const { job, settled } of runWindow(jobs, start, window, urgent)) {
    const handedBack: F[] = [];
    const found: F[] = [];
    const results: R[] = [];
    let stop = false;
    for (const one of settled) {
      let result: R | undefined;
      if ('result' in one) result = one.result;
      else if ('handBack' in one) handedBack.push(one.handBack);
      else if ('found' in one) found.push(one.found);
      else {
        const routed = lane.big?.(one.big, one.size) ?? [];
        if ('result' in routed) result = routed.result;
        else urgent.push(...routed);
      }
      if (result === undefined) continue;
      stop ||= stopAfter?.(result) === true;
      results.push(result);
    }
    if (results.length > 0) yield results;
    if (stop) return;
    for (const piece of handBackPieces(handedBack, job.files.length)) urgent.push(lane.batch(piece));
    if (found.length > 0) queueFound(lane, found, urgent);
  }
}

/** Found work as jobs, each put before the first queued job it goes before (at the end when none). */
function queueFound<F, J extends Job<F>>(lane: Lane<F, J, unknown>, found: readonly F[], urgent: J[]): void {
  const jobs = (lane.pieces?.(found) ?? [found]).map((piece) => lane.batch(piece));
  const before = lane.before ?? ((): boolean => true);
  const rest = urgent.splice(0); // rebuilt in one pass: no spread of a folder's thousands of subfolders into one call
  let i = 0;
  for (const job of jobs) {
    while (i < rest.length && !before(job, rest[i] as J)) urgent.push(rest[i++] as J);
    urgent.push(job);
  }
  while (i < rest.length) urgent.push(rest[i++] as J);
}

/** Batches of files as a lane's jobs. */
export async function* asJobs<F, J extends Job<F>>(
  batches: AsyncIterable<readonly F[]>, lane: Pick<Lane<F, J, unknown>, 'batch'>,
): AsyncGenerator<J> {
  for await (const files of batches) yield lane.batch(files);
}

/**
 * Files a worker handed back (its task's byte budget was spent) are queued again in pieces the size of what that
 * task got through. In one piece they were a chain that one worker ran at a time while the others ran dry; in pieces
 * every idle worker takes one (bench case compress-many/brotli-11-flat: 2.70 → 2.32 s).
 */
export function handBackPieces<T>(deferred: readonly T[], taskSize: number): T[][] {
  const piece = Math.max(1, taskSize - deferred.length);
  const pieces: T[][] = [];
  for (let i = 0; i < deferred.length; i += piece) pieces.push(deferred.slice(i, i + piece));
  return pieces;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
