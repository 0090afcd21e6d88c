// Cooperative stop. The main thread never terminates a thread in the middle of a task: Node 20 aborts the whole
// process when a thread ends between creating a zlib handle and initialising it ("close before init", seen with
// --fail-fast under load), and a native codec may hold other state a termination would cut. Instead the main thread
// raises a flag, for the whole pool (it is ending) or for one call (its AbortSignal fired), and the task loops look
// at it between files and between chunks: a stopped file fails, its temp file is removed on the usual error path,
// and the files not started go back unread.
import { workerData } from 'node:worker_threads';
import type { WorkerData } from './protocol.js';

const pool = (workerData as WorkerData | undefined)?.stop;
const poolFlag = pool === undefined ? undefined : new Int32Array(pool);
let taskFlag: Int32Array | undefined;

/** Called by the entry as a task starts (threads run one task at a time): the flag of the call it belongs to. */
export function enterTask(flag: Int32Array | undefined): void {
  taskFlag = flag;
}

export function stopRequested(): boolean {
  return (poolFlag !== undefined && Atomics.load(poolFlag, 0) !== 0) || (taskFlag !== undefined && Atomics.load(taskFlag, 0) !== 0);
}

/** The error a stopped task ends with (ERR_PARIO_STOPPED); its result is never shown to anyone. */
export function stoppedError(): Error {
  return Object.assign(new Error('stopped: the run ended or was aborted'), { code: 'ERR_PARIO_STOPPED' });
}

/** Ends the current file when the run is ending. */
export function throwIfStopped(): void {
  if (stopRequested()) throw stoppedError();
}
