// The scheduler's in-order stage: results that finish in any order leave in their source order, with a bounded
// number held back. Used by readFiles/mapFiles with `ordered`, by hash (checksum lines in walk order) and by the
// block-parallel big-file paths (blocks and frames written in file order: pigz's write thread).
import { runWindow } from './window.js';
import { singles } from './groups.js';

/** A result that knows its position in the source order. */
export interface Positioned<R> {
  readonly index: number;
  readonly result: R;
}

/** What the in-order stage holds back: results finished but waiting for an earlier one, by count and by `sizeOf`. */
export interface Held {
  count: number;
  bytes: number;
}

/**
 * Yields results in index order (0, 1, 2, …) from a stream that delivers them in any order. `held` reports how much
 * is buffered so the producer can stop admitting work while the head of the line is still in flight.
 */
export async function* reorder<R>(
  results: AsyncIterable<Positioned<R>>, held: Held, sizeOf: (r: R) => number = () => 0,
): AsyncGenerator<R> {
  for await (const ready of reorderChunks(singles(results), held, sizeOf)) yield* ready;
}

/**
 * reorder for results that arrive in groups (a finished job's files): each group in yields the results it lets out,
 * in index order, as one array (none when it only filled a gap further on). One step per group, not per file.
 */
export async function* reorderChunks<R>(
  results: AsyncIterable<readonly Positioned<R>[]>, held: Held, sizeOf: (r: R) => number = () => 0,
): AsyncGenerator<R[]> {
  const waiting = new Map<number, R>();
  let next = 0;
  for await (const group of results) {
    for (const { index, result } of group) {
      waiting.set(index, result);
      held.count += 1;
      held.bytes += sizeOf(result);
    }
    const out: R[] = [];
    for (let ready = waiting.get(next); ready !== undefined || waiting.has(next); ready = waiting.get(next)) {
      waiting.delete(next);
      next += 1;
      held.count -= 1;
      held.bytes -= sizeOf(ready as R);
      out.push(ready as R);
    }
    if (out.length > 0) yield out;
  }
}


/**
 * Runs `start` over the source with at most `limit` tasks started and not yet consumed, and hands each result to
 * `consume` strictly in source order. Head-of-line waiting is the point: output order is input order, memory stays
 * bounded. On an error every started task is waited for, so no worker still uses memory the caller may reuse.
 */
export async function runOrdered<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  start: (task: T) => Promise<R>,
  consume: (result: R, task: T) => Promise<void> | void,
  limit: number,
): Promise<void> {
  const held: Held = { count: 0, bytes: 0 };
  const admit = (inFlight: number): boolean => inFlight + held.count < limit;
  const positioned = numbered(source);
  // A failure is held in its place like a result: the error seen is the first in source order, as the output would be.
  type Done = { readonly task: T; readonly value: R } | { readonly task: T; readonly error: unknown };
  const run = (item: Positioned<T>): Promise<Positioned<Done>> => start(item.result).then(
    (value) => ({ index: item.index, result: { task: item.result, value } }),
    (error: unknown) => ({ index: item.index, result: { task: item.result, error } }),
  );
  for await (const done of reorder(runWindow(positioned, run, { limit, admit, drain: true }), held)) {
    if ('error' in done) throw done.error;
    await consume(done.value, done.task);
  }
}

async function* numbered<T>(source: AsyncIterable<T> | Iterable<T>): AsyncGenerator<Positioned<T>> {
  let index = 0;
  for await (const result of source) yield { index: index++, result };
}
