// How tasks name files: a name inside a folder the main thread holds open, never a path to resolve again (types and
// constants only, so src/ may import it). Trees that other users can write may change between the walk and the
// open; a folder handle pins the folder the walk saw, and final components are opened without following links.

/**
 * A folder the main thread opened (O_DIRECTORY, O_NOFOLLOW unless links are followed) and keeps open until every
 * task that names it has settled. `dev` and `ino` are what fstat() said when it was opened: where names cannot be
 * resolved through the descriptor (no /proc), every step checks that `path` still leads to this folder.
 */
export interface DirRef {
  readonly fd: number;
  /** The folder's path as pario prints it (messages), and the portable route to it. */
  readonly path: string;
  readonly dev: number;
  readonly ino: number;
}

/**
 * A file: `name` inside `dir`, or, with `dir` null, a path opened as given (a name on the command line, a line of a
 * checksum file, a library call naming one file). Names are single path components; `follow` says whether the final
 * component may be a symbolic link (the user named it, or --follow). Names are strings that keep every byte (Linux
 * names are bytes): a byte that is not UTF-8 is a lone surrogate, and the file layer opens such a name by its bytes
 * (names.ts).
 */
export interface FileRef {
  readonly dir: DirRef | null;
  readonly name: string;
  readonly follow: boolean;
  /** The main thread could not reach the folder (moved, replaced by a link, out of descriptors): fail with this. */
  readonly fail?: { readonly code: string; readonly message: string };
}

/** Which file pario wrote under an output name (after its own rename): a later run replaces only this file. */
export interface OutputId {
  readonly ino: number;
  readonly size: number;
}

/** An input refused as gzip refuses it: setuid, setgid or sticky bit without -f. */
export const SPECIAL_MODE = 'ERR_PARIO_SPECIAL_MODE';
/** An input with other hard links, refused with --rm unless -f (removing one name would not free it). */
export const HARD_LINKED = 'ERR_PARIO_HARD_LINKED';
/** A final component that is a symbolic link where links are not followed. */
export const SYMLINK = 'ELOOP';
/** A folder that no longer is the one the walk opened (moved or replaced during the run). */
export const FOLDER_MOVED = 'ERR_PARIO_FOLDER_MOVED';

/** Where a ref points, as pario prints it. */
export function shownPath(ref: FileRef): string {
  if (ref.dir === null) return ref.name;
  return ref.dir.path.endsWith('/') ? ref.dir.path + ref.name : `${ref.dir.path}/${ref.name}`;
}

/** The ref of a path opened as given (following a link at its end, as the user asked). */
export function namedRef(path: string): FileRef {
  return { dir: null, name: path, follow: true };
}
