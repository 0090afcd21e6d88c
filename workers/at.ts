// Resolving a name inside an open folder, the one way every file operation of pario reaches a file. Node has no
// openat(): on Linux `/proc/self/fd/N/name` resolves through the open descriptor N (the kernel jumps to the folder
// it holds, whatever its path now leads to), which gives openat's guarantee. Worker threads share the process's
// descriptor table, so a folder the main thread opened works in every worker. Elsewhere (no /proc) the folder's
// path is used, and its dev/inode is checked before and after each step: a mismatch refuses the step.
import { constants, statSync } from 'node:fs';
import type { DirRef } from './file-protocol.js';
import { FOLDER_MOVED } from './file-protocol.js';
import { fsPath } from './names.js';

const FD_ROOT = '/proc/self/fd/';

/** Linux's O_PATH (not in fs.constants): a handle that only names the folder, needing no read permission on it. */
const O_PATH_ARCHES = ['x64', 'arm64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64'];
const O_PATH = process.platform === 'linux' && O_PATH_ARCHES.includes(process.arch) ? 0o10000000 : 0;

/** Names resolve through descriptors. PARIO_PORTABLE_PATHS=1 forces the portable route (its tests). */
export const THROUGH_FD: boolean = probe();

function probe(): boolean {
  if (process.env['PARIO_PORTABLE_PATHS'] === '1' || process.platform !== 'linux') return false;
  try {
    return statSync(FD_ROOT).isDirectory();
  } catch {
    return false;
  }
}

/** Flags of a folder handle: never a link unless `follow`; O_PATH where names go through the descriptor. */
export function dirFlags(follow: boolean): number {
  const base = THROUGH_FD && O_PATH !== 0 ? O_PATH : constants.O_RDONLY;
  return base | constants.O_DIRECTORY | (follow ? 0 : constants.O_NOFOLLOW);
}

/**
 * The path that reaches `name` in `dir` ('' = the folder itself); a null dir means `name` is a path as given. A name
 * that carries bytes that are not UTF-8 (names.ts) is handed over as those bytes.
 */
export function pathAt(dir: DirRef | null, name: string): string | Buffer {
  if (dir === null) return fsPath(name);
  if (THROUGH_FD) return name === '' ? FD_ROOT + dir.fd : fsPath(`${FD_ROOT}${dir.fd}/${name}`);
  if (name === '') return fsPath(dir.path);
  return fsPath(dir.path.endsWith('/') ? dir.path + name : `${dir.path}/${name}`);
}

/**
 * Runs one file operation on `name` in `dir`. Errors name the real path, never /proc/self/fd/N. On the portable
 * route the folder's identity is checked before and after; when it changed, `undo` reverts what the step made (closes
 * the descriptor it opened) and the step fails with FOLDER_MOVED.
 */
export function at<T>(dir: DirRef | null, name: string, op: (path: string | Buffer) => T, undo?: (made: T) => void): T {
  if (dir === null) return op(fsPath(name));
  if (!THROUGH_FD) assertSameDir(dir);
  let made: T;
  try {
    made = op(pathAt(dir, name));
  } catch (error) {
    throw realPaths(error, dir);
  }
  if (!THROUGH_FD && !sameDir(dir)) {
    undo?.(made);
    throw movedError(dir);
  }
  return made;
}

/** Fails with FOLDER_MOVED when the folder's path no longer leads to the folder that was opened (portable route). */
export function assertSameDir(dir: DirRef): void {
  if (!sameDir(dir)) throw movedError(dir);
}

function sameDir(dir: DirRef): boolean {
  const st = statSync(fsPath(dir.path), { throwIfNoEntry: false });
  return st !== undefined && st.dev === dir.dev && st.ino === dir.ino;
}

export function movedError(dir: DirRef): Error {
  return Object.assign(new Error(`folder ${dir.path} was moved or replaced during the run; nothing done in it`), { code: FOLDER_MOVED });
}

/** An fs error with /proc/self/fd/N replaced by the folder's path in its message and paths. */
export function realPaths(error: unknown, dir: DirRef): unknown {
  if (!THROUGH_FD || !(error instanceof Error)) return error;
  const own = new RegExp(`${FD_ROOT}${dir.fd}(?![0-9])(/?)`, 'g');
  const real = dir.path.endsWith('/') ? dir.path.slice(0, -1) : dir.path;
  const swap = (_: string, slash: string): string => (slash === '' ? real || '/' : `${real}/`);
  const fix = (text: unknown): unknown => (typeof text === 'string' ? text.replace(own, swap) : text);
  const e = error as NodeJS.ErrnoException & { dest?: string };
  e.message = fix(e.message) as string;
  if (e.path !== undefined) e.path = fix(e.path) as string;
  if (e.dest !== undefined) e.dest = fix(e.dest) as string;
  return error;
}
