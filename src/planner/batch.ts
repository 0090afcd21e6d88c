import { handleBudget } from './fd-budget.js';

/**
 * Items into batches of up to `size`, a batch cut before it would name more than `maxFolders` folders (each a handle
 * held while its task runs). A task round trip costs ~70 µs on this machine kind, so batching small files (64 per task
 * reach ~90k files/s, deps.md §5) is what makes many-file runs fast; the folder cap keeps the handles the tasks in
 * flight hold few however sparse the tree (a deep tree has a few files per folder).
 */
export class Batcher<T> {
  private current: T[] = [];
  private readonly folders = new Set<unknown>();

  constructor(private readonly size: number, private readonly maxFolders = handleBudget().perTask) {}

  /** Adds an item that names `folders`; returns the batches it completes (none, or one, or two when size is 1). */
  add(item: T, folders: readonly unknown[]): T[][] {
    const done: T[][] = [];
    let fresh = 0;
    for (const folder of folders) if (!this.folders.has(folder)) fresh += 1;
    if (this.current.length > 0 && fresh > 0 && this.folders.size + fresh > this.maxFolders) done.push(this.take());
    for (const folder of folders) this.folders.add(folder);
    this.current.push(item);
    if (this.current.length >= this.size) done.push(this.take());
    return done;
  }

  /** The last batch, if any items wait. */
  flush(): T[] | undefined {
    return this.current.length > 0 ? this.take() : undefined;
  }

  private take(): T[] {
    const batch = this.current;
    this.current = [];
    this.folders.clear();
    return batch;
  }
}

/** Groups items into batches (see Batcher); with `folderOf`, cut at the folder budget too. */
export async function* batch<T>(items: AsyncIterable<T>, size: number, folderOf?: (item: T) => unknown): AsyncGenerator<T[]> {
  const batcher = new Batcher<T>(size, folderOf === undefined ? Infinity : undefined);
  for await (const item of items) yield* batcher.add(item, folderOf === undefined ? [] : [folderOf(item)]);
  const last = batcher.flush();
  if (last !== undefined) yield last;
}
