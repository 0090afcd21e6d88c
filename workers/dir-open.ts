// The main thread's half of the file layer: opening, making and listing folders through their parents' handles.
// Asynchronous (libuv's threads), so a slow or hung mount never blocks the main thread; the workers' half is sync.
import { closeSync, fstat, mkdir, open, readdir } from 'node:fs';
import type { Dirent } from 'node:fs';
import { promisify } from 'node:util';
import { assertSameDir, dirFlags, pathAt, realPaths, THROUGH_FD } from './at.js';
import type { DirRef } from './file-protocol.js';
import { decodeListing, lossyListing } from './names.js';

const openAsync = promisify(open);
const fstatAsync = promisify(fstat);
const mkdirAsync = promisify(mkdir);
const readdirAsync = promisify(readdir);

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
    fd = await openAsync(pathAt(parent, name), flags);
  } catch (error) {
    throw parent === null ? error : realPaths(error, parent);
  }
  try {
    if (parent !== null && !THROUGH_FD) assertSameDir(parent);
    const st = await fstatAsync(fd);
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
  if (!THROUGH_FD) assertSameDir(dir);
  try {
    let entries = await readdirAsync(pathAt(dir, ''), { withFileTypes: true });
    if (lossyListing(entries)) {
      entries = decodeListing<Dirent>(await readdirAsync(pathAt(dir, ''), { withFileTypes: true, encoding: 'buffer' }));
    }
    if (!THROUGH_FD) assertSameDir(dir);
    return entries;
  } catch (error) {
    throw realPaths(error, dir);
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
