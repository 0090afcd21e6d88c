// The main thread's half of the file layer: opening, making and listing folders through their parents' handles.
// Opens and listings run on the main thread while they stay fast and through libuv's threads once they are not
// (pace.ts), so a slow or hung mount does not hold the main thread; the workers' half is sync (openDirSync and
// listDirSync also serve workers that list folders themselves: hash-tree.ts).
import { closeSync, fstat, fstatSync, mkdir, open, openSync, readdir, readdirSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { promisify } from 'node:util';
import { assertSameDir, at, dirFlags, pathAt, realPaths, THROUGH_FD } from './at.js';
import { shownPath, type DirRef, type FileRef } from './file-protocol.js';
import { decodeListing, lossyListing } from './names.js';
import { Pace } from './pace.js';

const openAsync = promisify(open);
const fstatAsync = promisify(fstat);
const mkdirAsync = promisify(mkdir);
const readdirAsync = promisify(readdir);

/**
 * A walk makes an open, an fstat and a listing per folder: three thread-pool round trips made the main thread the
 * bottleneck of trees of small folders (hash of the Python installation, 8,714 folders, 51,000 files: 2.8 s through
 * the pool, 1.7 s on the main thread; `find | xargs b3sum` 1.25 s). A call over 1 ms counts as slow.
 */
const pace = new Pace(1, 1024);

/** `sync()` on the main thread while the pace allows (timed), else `async()` through libuv's threads. */
async function paced<T>(sync: () => T, async: () => Promise<T>): Promise<T> {
  if (!pace.sync()) return async();
  const started = performance.now();
  try {
    return sync();
  } finally {
    pace.took(performance.now() - started);
  }
}

export interface OpenedDir {
  readonly fd: number;
  readonly dev: number;
  readonly ino: number;
}

/**
 * Opens folder `name` in `parent` (a path as given when `parent` is null) as a handle: O_DIRECTORY, and O_NOFOLLOW
 * unless `follow`, so a link planted where a folder was is refused (ENOTDIR or ELOOP), never entered.
 */
export async function openDirAt(parent: DirRef | null, name: string, follow: boolean): Promise<OpenedDir> {
  const flags = parent === null ? dirFlags(true) : dirFlags(follow);
  if (parent !== null && !THROUGH_FD) assertSameDir(parent);
  let fd: number;
  try {
    const path = pathAt(parent, name);
    fd = await paced(() => openSync(path, flags), () => openAsync(path, flags));
  } catch (error) {
    throw parent === null ? error : realPaths(error, parent);
  }
  try {
    if (parent !== null && !THROUGH_FD) assertSameDir(parent);
    const st = await paced(() => fstatSync(fd), () => fstatAsync(fd));
    return { fd, dev: st.dev, ino: st.ino };
  } catch (error) {
    closeDir(fd);
    throw error;
  }
}

/** Makes folder `name` in `parent` (-o mirrors); one that exists already is fine (the open that follows checks it). */
export async function makeDirAt(parent: DirRef, name: string): Promise<void> {
  if (!THROUGH_FD) assertSameDir(parent);
  try {
    await mkdirAsync(pathAt(parent, name), 0o777);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw realPaths(error, parent);
  }
}

/**
 * The entries of an open folder, with their types. Names are strings that keep every byte (names.ts): a listing with
 * a name that is not UTF-8 (Node shows it with U+FFFD) is read again as bytes, so that such a name and its twin
 * spelled with a real U+FFFD stay two files; the usual listing pays nothing for it.
 */
export async function listDir(dir: DirRef): Promise<Dirent[]> {
  return paced(() => listDirSync(dir), async () => {
    if (!THROUGH_FD) assertSameDir(dir);
    try {
      const path = pathAt(dir, '');
      let entries = await readdirAsync(path, { withFileTypes: true });
      if (lossyListing(entries)) entries = decodeListing<Dirent>(await readdirAsync(path, { withFileTypes: true, encoding: 'buffer' }));
      if (!THROUGH_FD) assertSameDir(dir);
      return entries;
    } catch (error) {
      throw realPaths(error, dir);
    }
  });
}

/** listDir, synchronous: a worker's listing (hash-tree.ts), or the main thread's while its calls are fast. */
export function listDirSync(dir: DirRef): Dirent[] {
  if (!THROUGH_FD) assertSameDir(dir);
  try {
    const path = pathAt(dir, '');
    let entries = readdirSync(path, { withFileTypes: true });
    if (lossyListing(entries)) entries = decodeListing<Dirent>(readdirSync(path, { withFileTypes: true, encoding: 'buffer' }));
    if (!THROUGH_FD) assertSameDir(dir);
    return entries;
  } catch (error) {
    throw realPaths(error, dir);
  }
}

/**
 * openDirAt for a worker, synchronous: the folder `ref` names (a name in its parent's handle, never a link unless
 * `follow`, or a path as given), as a handle the caller closes (closeDir). Its path is the ref's, as pario prints it.
 */
export function openDirSync(ref: FileRef): DirRef {
  if (ref.fail !== undefined) throw Object.assign(new Error(ref.fail.message), { code: ref.fail.code });
  const fd = at(ref.dir, ref.name, (path) => openSync(path, dirFlags(ref.dir === null || ref.follow)), closeSync);
  try {
    const st = fstatSync(fd);
    return { fd, path: shownPath(ref), dev: st.dev, ino: st.ino };
  } catch (error) {
    closeDir(fd);
    throw error;
  }
}

/** Closes a folder handle at once (synchronous: the number is free again only after every task using it settled). */
export function closeDir(fd: number): void {
  try {
    closeSync(fd);
  } catch { /* already closed: nothing to do */ }
}

/** Whether an error means "the thing there is not a folder" (a file, or a link that O_NOFOLLOW refused). */
export function notAFolder(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOTDIR' || code === 'ELOOP';
}
