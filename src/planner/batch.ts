/** Folders one task may name at most: each is a handle held open while the task runs (see dir-table.ts). */
export const BATCH_MAX_FOLDERS = 8;

/**
 * Groups items into arrays of up to `size`. A task round trip costs ~70 µs on this machine kind, so batching small
 * files (64 per task reach ~90k files/s, deps.md §5) is what makes many-file runs fast. With `folderOf`, a batch is
 * also cut before it would name more than BATCH_MAX_FOLDERS folders, so that the folder handles the tasks in flight
 * hold stay few however sparse the tree (a deep tree has a handful of files per folder).
 */
export async function* batch<T>(items: AsyncIterable<T>, size: number, folderOf?: (item: T) => unknown): AsyncGenerator<T[]> {
  let current: T[] = [];
  const folders = new Set<unknown>();
  for await (const item of items) {
    if (folderOf !== undefined) {
      const folder = folderOf(item);
      if (!folders.has(folder) && folders.size >= BATCH_MAX_FOLDERS && current.length > 0) {
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
