import { throwIfAborted } from '../errors.js';

export interface WindowOptions<T> {
  /** Tasks in flight at most. */
  readonly limit: number;
  /** Weight (bytes) in flight at most; one task is always admitted when none is in flight. */
  readonly maxWeight?: number;
  readonly weight?: (item: T) => number;
  /** Extra gate, given the tasks in flight: while it returns false no new task starts (e.g. a reorder buffer is full). */
  readonly admit?: (inFlight: number) => boolean;
  readonly signal?: AbortSignal | undefined;
  /** On leaving early (an error, an abort, the consumer stopped), wait for every started task before returning. */
  readonly drain?: boolean;
}

type Settled<R> = { readonly key: number; readonly weight: number }
  & ({ readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown });

/**
 * Runs `start` over the items with a bounded window in flight and yields results in completion order.
 * Items are pulled lazily, so a slow consumer slows the producer and memory stays flat. `urgent` items (pushed by the
 * consumer between results, such as the parts of a large file) start before the next item of the source.
 * In-flight promises never reject, so leaving early causes no unhandled rejection.
 */
export async function* runWindow<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  start: (item: T) => Promise<R>,
  options: WindowOptions<T>,
  urgent: T[] = [],
): AsyncGenerator<R> {
  const { limit, maxWeight = Infinity, weight = () => 0, admit = () => true, signal, drain = false } = options;
  const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : toAsync(source[Symbol.iterator]());
  const inFlight = new Map<number, Promise<Settled<R>>>();
  let inFlightWeight = 0;
  let nextKey = 0;
  let sourceDone = false;
  let pending: T | undefined;
  try {
    for (;;) {
      throwIfAborted(signal);
      while (inFlight.size < limit && (inFlight.size === 0 || admit(inFlight.size))) {
        let item: T | undefined = pending;
        pending = undefined;
        if (item === undefined) item = urgent.shift();
        if (item === undefined && !sourceDone) {
          const next = await iterator.next();
          throwIfAborted(signal);
          if (next.done === true) sourceDone = true;
          else item = next.value;
        }
        if (item === undefined) break;
        const w = weight(item);
        if (inFlight.size > 0 && inFlightWeight + w > maxWeight) {
          pending = item;
          break;
        }
        const key = nextKey++;
        inFlightWeight += w;
        inFlight.set(
          key,
          start(item).then(
            (value): Settled<R> => ({ key, weight: w, ok: true, value }),
            (error: unknown): Settled<R> => ({ key, weight: w, ok: false, error }),
          ),
        );
      }
      if (inFlight.size === 0) return;
      const settled = await Promise.race(inFlight.values());
      inFlight.delete(settled.key);
      inFlightWeight -= settled.weight;
      if (!settled.ok) throw settled.error;
      yield settled.value;
    }
  } finally {
    if (drain) await Promise.all(inFlight.values()); // no worker still uses memory the caller may reuse
    if (!sourceDone) await iterator.return?.();
  }
}

async function* toAsync<T>(iterator: Iterator<T>): AsyncGenerator<T> {
  for (let next = iterator.next(); next.done !== true; next = iterator.next()) yield next.value;
}
