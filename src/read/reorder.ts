/** A result that knows its position in the planner's order. */
export interface Positioned<R> {
  readonly index: number;
  readonly result: R;
}

/**
 * Yields results in index order (0, 1, 2, …) from a stream that delivers them in any order. `held` reports how much
 * is buffered so the producer can stop admitting work while the head of the line is still in flight.
 */
export async function* reorder<R>(
  results: AsyncIterable<Positioned<R>>, held: { bytes: number }, sizeOf: (r: R) => number,
): AsyncGenerator<R> {
  const waiting = new Map<number, R>();
  let next = 0;
  for await (const { index, result } of results) {
    waiting.set(index, result);
    held.bytes += sizeOf(result);
    for (let ready = waiting.get(next); ready !== undefined || waiting.has(next); ready = waiting.get(next)) {
      waiting.delete(next);
      next += 1;
      held.bytes -= sizeOf(ready as R);
      yield ready as R;
    }
  }
}
