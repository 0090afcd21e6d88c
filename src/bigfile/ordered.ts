// Run tasks with at most `limit` started-but-unconsumed, and hand results to `consume` strictly in source order
// (pigz's write thread). Head-of-line waiting is the point: output order is input order, memory stays bounded.

type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

function settle<R>(promise: Promise<R>): Promise<Settled<R>> {
  return promise.then((value) => ({ ok: true, value }), (error: unknown) => ({ ok: false, error }));
}

export async function runOrdered<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  start: (task: T) => Promise<R>,
  consume: (result: R, task: T) => Promise<void> | void,
  limit: number,
): Promise<void> {
  const iterator = Symbol.asyncIterator in source
    ? (source as AsyncIterable<T>)[Symbol.asyncIterator]()
    : (source as Iterable<T>)[Symbol.iterator]();
  const queue: { task: T; result: Promise<Settled<R>> }[] = [];
  let exhausted = false;
  let failed = false;
  try {
    for (;;) {
      while (!exhausted && queue.length < limit) {
        const next = await iterator.next();
        if (next.done === true) exhausted = true;
        else queue.push({ task: next.value, result: settle(start(next.value)) });
      }
      const head = queue.shift();
      if (head === undefined) return;
      const settled = await head.result;
      if (!settled.ok) throw settled.error;
      await consume(settled.value, head.task);
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // Wait for every started task, so no worker still reads memory the caller may reuse; then close the source.
    await Promise.all(queue.map((entry) => entry.result));
    if (failed || !exhausted) await iterator.return?.();
  }
}
