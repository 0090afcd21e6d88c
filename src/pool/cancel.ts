// A call's AbortSignal reaches its tasks as a shared flag (workers/stop.ts), never as a terminated thread (Piscina's
// way, which can abort the whole process on Node 20): the task stops at its next file or chunk and returns.
import { STOP_FIELD } from '../../workers/protocol.js';
import { abortError } from '../errors.js';

const flags = new WeakMap<AbortSignal, Int32Array>();

/** One flag per signal, raised when it aborts (one listener per signal, however many tasks). */
function flagOf(signal: AbortSignal): Int32Array {
  let flag = flags.get(signal);
  if (flag === undefined) {
    const made = new Int32Array(new SharedArrayBuffer(4));
    signal.addEventListener('abort', () => Atomics.store(made, 0, 1), { once: true });
    flags.set(signal, made);
    flag = made;
  }
  return flag;
}

/**
 * Runs `start(task)` with the signal's flag added to the task. When the signal aborts, the task stops at its next file
 * or chunk and the call then rejects with an AbortError: nothing of the call runs after its rejection.
 */
export function runCancellable<R>(task: object, signal: AbortSignal | undefined, start: (task: object) => Promise<R>): Promise<R> {
  if (signal === undefined) return start(task);
  if (signal.aborted) return Promise.reject(abortError(signal));
  return start({ ...task, [STOP_FIELD]: flagOf(signal) }).then(
    (result) => (signal.aborted ? Promise.reject(abortError(signal)) : result),
    (error: unknown) => Promise.reject(signal.aborted ? abortError(signal) : error),
  );
}
