import type { TransferListItem, Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { WORKER_MODULES } from '../../workers/protocol.js';
import type { JobKind, ResultOf, TaskOf, WorkerData, WorkerModule } from '../../workers/protocol.js';
import { runCancellable } from './cancel.js';
import { lazyPool } from './lazy.js';
import { Progress } from './progress.js';
import { WORKER_ENTRY } from './worker-url.js';

export interface RunOptions {
  readonly signal?: AbortSignal | undefined;
  readonly transferList?: readonly TransferListItem[];
}

/** One warm pool: every thread starts at once and stays until close(), so no task pays a thread start. */
export interface ParioPool {
  readonly jobs: number;
  readonly progress: Progress;
  /** Runs one task of job kind `name` (the protocol's table types the task and the result). */
  run<K extends JobKind>(name: K, task: TaskOf<K>, options?: RunOptions): Promise<ResultOf<K>>;
  /** Lets running tasks finish, then ends the threads. */
  close(): Promise<void>;
  /** Ends the run now: tasks not started are dropped, running ones stop at their next file or chunk (no thread is cut). */
  destroy(): Promise<void>;
  /**
   * Resolves once every thread the pool has let go (a task aborted or failed on it, or the pool ended) has exited:
   * until then such a thread may still be inside a call using a folder handle, which must not be closed yet.
   */
  exited(): Promise<void>;
}

/**
 * A worker's young generation, at most, when the pool runs only pario's own jobs: their bytes live outside V8's heap
 * (buffers, native and WASM memory) and their objects are small and short-lived, while V8 lets each isolate's young
 * generation grow to tens of MB. 2 cores, 2 workers, medians of interleaved runs, same wall times: gzip of 20,000 tiny
 * files peak RSS 182 -> 147 MB (Node 20) and 295-312 -> 245 MB (Node 24); check of 200,000 lines 186-196 -> 165 MB;
 * gzip of node_modules 234 -> 214 MB. A pool that preloads the `map` module (createPario's default) keeps V8's default
 * for user mappers; a mapper run on a pool that did not preload it works the same, with more frequent minor collections.
 */
const WORKER_YOUNG_MB = 4;

function youngGeneration(preload: readonly WorkerModule[]): { resourceLimits?: { maxYoungGenerationSizeMb: number } } {
  return preload.includes('map') ? {} : { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } };
}

/** How long destroy() waits for running tasks to stop at their next check before terminating their threads. */
const STOP_GRACE_MS = 10_000;

/**
 * `preload`: the worker modules the run will use (default: all), loaded by every thread's warm-up task (a hash run
 * loads only the hasher, not zlib and the codecs). A task of a kind not preloaded still works: it loads on first use.
 */
export function createPool(jobs: number, preload: readonly WorkerModule[] = WORKER_MODULES, options: PoolOptions = {}): ParioPool {
  if (options.lazy === true) return lazyPool(jobs, (progress) => startPool(jobs, preload, progress));
  return startPool(jobs, preload, new Progress());
}

export interface PoolOptions {
  /** Start the threads with the first task, not at once: a run that may need none (an unchanged rerun) costs none. */
  readonly lazy?: boolean;
}

function startPool(jobs: number, preload: readonly WorkerModule[], progress: Progress): ParioPool {
  const stop = new SharedArrayBuffer(4);
  const workerData: WorkerData = { progress: progress.buffer, stop };
  const piscina = new Piscina({
    filename: WORKER_ENTRY.href,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 60_000,
    concurrentTasksPerWorker: 1,
    workerData,
    // Workers use their own memory: no stdin, and their stdout/stderr are not needed.
    trackUnmanagedFds: true,
    ...youngGeneration(preload),
  });
  // Piscina 5.3.2 replaces a worker whose 'exit' arrives after destroy() returned (a worker an abort terminated
  // mid-task exits late), so a destroyed pool could start threads again. Track every thread that became ready and,
  // when ending, wait until all have exited, destroying again whatever replaced them: no thread outlives the pool.
  const alive = new Map<Worker, Promise<void>>();
  piscina.on('workerCreate', () => {
    for (const thread of piscina.threads) {
      if (!alive.has(thread)) {
        const exited = new Promise<void>((done) => thread.once('exit', () => done()));
        alive.set(thread, exited.then(() => void alive.delete(thread)));
      }
    }
  });
  const endStragglers = async (): Promise<void> => {
    while (alive.size > 0) {
      await Promise.all(alive.values());
      await piscina.destroy();
    }
  };
  // Every thread loads the worker code at once (one no-op task each), and the pool is never torn down before they
  // have: terminating a thread in the middle of loading an ES module aborts the whole process on Node 20 (V8
  // "IsGraphAsync must be used on an instantiated module"), which a run that ends within milliseconds would hit.
  const warmed = Promise.all(Array.from({ length: jobs }, () => piscina.run({ count: 0, preload }, { name: 'noop' }))).then(
    () => undefined,
    () => undefined,
  );
  /** Every task Piscina holds (queued or running), settled or not: destroy() waits for them before ending threads. */
  const inFlight = new Set<Promise<unknown>>();
  const track = <R>(running: Promise<R>): Promise<R> => {
    const settled = running.then(() => undefined, () => undefined);
    inFlight.add(settled);
    void settled.then(() => inFlight.delete(settled));
    return running;
  };
  let ended = false;
  /** close() and destroy() differ only in how Piscina ends: both wait for the warm-up and then for every thread. */
  const end = async (how: () => Promise<void>): Promise<void> => {
    if (ended) return;
    ended = true;
    await warmed;
    await how();
    await endStragglers();
  };
  // Piscina emits 'error' for a message from a worker whose task it already dropped (a result racing destroy() after
  // an abort or --fail-fast) and for errors outside any task. Task failures reach their run() promise anyway; an
  // unhandled 'error' event would crash the process, so it is swallowed once the pool is ending and noted otherwise.
  // A thread that could not start for lack of descriptors (EMFILE under a low `ulimit -n`) is not worth a warning:
  // Piscina starts another, and a run that cannot go on says so in one line (cli/fatal.ts).
  piscina.on('error', (error: unknown) => {
    const text = error instanceof Error ? error.message : String(error);
    if (!ended && !/initialization failure: E[MN]FILE/.test(text)) process.emitWarning(`pario worker pool: ${text}`);
  });
  return {
    jobs,
    progress,
    run<K extends JobKind>(name: K, task: TaskOf<K>, options: RunOptions = {}): Promise<ResultOf<K>> {
      const runOptions: { name: string; transferList?: TransferListItem[] } = { name };
      if (options.transferList !== undefined) runOptions.transferList = [...options.transferList];
      // Piscina terminates the thread of a task whose signal aborts: the signal goes to the task as a flag instead.
      return runCancellable(task, options.signal, (sent) => track(piscina.run(sent, runOptions) as Promise<ResultOf<K>>));
    },
    close: () => end(() => piscina.close()),
    destroy: () => {
      Atomics.store(new Int32Array(stop), 0, 1); // running tasks stop at their next file or chunk
      return end(async () => {
        // Queued tasks start and return at once (the flag); running ones end at their next file or chunk. Only then
        // are the threads ended, all idle: nothing is cut. Piscina's close() is not used: its wait never ends when a
        // thread failed to start (EMFILE), and the destroy() it calls at its end would race ours. While no thread is
        // left to run what is queued, destroy() rejects it.
        // A task that does not return within STOP_GRACE_MS (a read hung on a dead NFS server, a mapper that loops)
        // has its thread terminated after all: the run must end.
        const until = Date.now() + STOP_GRACE_MS;
        while (inFlight.size > 0 && piscina.threads.length > 0 && Date.now() < until) {
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([Promise.all(inFlight), new Promise((wake) => (timer = setTimeout(wake, 50)))]);
          clearTimeout(timer);
        }
        await piscina.destroy();
      });
    },
    exited: async () => {
      const current = new Set<Worker>(piscina.threads);
      await Promise.all([...alive].filter(([thread]) => !current.has(thread)).map(([, gone]) => gone));
    },
  };
}
