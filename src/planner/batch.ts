import { handleBudget } from './fd-budget.js';

/**
 * Groups items into arrays of up to `size`. A task round trip costs ~70 µs on this machine kind, so batching small
 * files (64 per task reach ~90k files/s, deps.md §5) is what makes many-file runs fast. With `folderOf`, a batch is
 * also cut before it would name more folders than handleBudget().perTask (8 under an ordinary limit), so that the
 * folder handles the tasks in flight hold stay few however sparse the tree (a deep tree has a few files per folder).
 */
export async function* batch<T>(items: AsyncIterable<T>, size: number, folderOf?: (item: T) => unknown): AsyncGenerator<T[]> {
  let current: T[] = [];
  const folders = new Set<unknown>();
  const maxFolders = handleBudget().perTask;
  for await (const item of items) {
    if (folderOf !== undefined) {
      const folder = folderOf(item);
      if (!folders.has(folder) && folders.size >= maxFolders && current.length > 0) {
        yield current;
        current = [];
        folders.clear();
      }
      folders.add(folder);
    }
    current.push(item);
    if (current.length >= size) {
      yield current;
      current = [];
      folders.clear();
    }
  }
  if (current.length > 0) yield current;
}
