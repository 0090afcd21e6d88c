/**
 * Groups items into arrays of up to `size`. A task round trip costs ~70 µs on this machine kind, so batching small
 * files (64 per task reach ~90k files/s, deps.md §5) is what makes many-file runs fast.
 */
export async function* batch<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let current: T[] = [];
  for await (const item of items) {
    current.push(item);
    if (current.length >= size) {
      yield current;
      current = [];
    }
  }
  if (current.length > 0) yield current;
}
