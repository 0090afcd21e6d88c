// fast-glob's file system, made to keep names that are not UTF-8 (workers/names.ts): Node's own readdir shows them
// with U+FFFD, so fast-glob could neither enter such a folder nor tell a name from its twin spelled with U+FFFD. A
// listing with U+FFFD in a name is read again as bytes (the usual listing pays nothing); stat goes by the bytes.
import { lstat, lstatSync, readdir, readdirSync, stat, statSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import { decodeListing, fsPath, lossyListing } from '../../workers/names.js';

type Done<T> = (error: NodeJS.ErrnoException | null, value: T) => void;
type Listing = Dirent[] | string[];


function readdirRaw(path: string, ...rest: unknown[]): void {
  const done = rest.pop() as Done<Listing>;
  const withTypes = (rest[0] as { withFileTypes?: boolean } | undefined)?.withFileTypes === true;
  const raw = fsPath(path);
  readdir(raw, { withFileTypes: withTypes } as { withFileTypes: true }, (error, entries: Listing) => {
    if (error !== null || !lossyListing(entries)) return void done(error, entries);
    readdir(raw, { withFileTypes: withTypes, encoding: 'buffer' } as { withFileTypes: true; encoding: 'buffer' }, (again, bytes) =>
      void done(again, again === null ? decodeListing<string | Dirent>(bytes as unknown as Dirent[]) as Listing : []));
  });
}

function readdirRawSync(path: string, options?: { withFileTypes?: boolean }): Listing {
  const raw = fsPath(path);
  const withFileTypes = options?.withFileTypes === true;
  const entries = readdirSync(raw, { withFileTypes } as { withFileTypes: true }) as Listing;
  if (!lossyListing(entries)) return entries;
  const bytes = { withFileTypes, encoding: 'buffer' } as { withFileTypes: true; encoding: 'buffer' };
  return decodeListing<string | Dirent>(readdirSync(raw, bytes) as unknown as Buffer[]) as Listing;
}

/** The `fs` option of fast-glob. */
export const GLOB_FS = {
  readdir: readdirRaw,
  readdirSync: readdirRawSync,
  stat: (path: string, done: Done<Stats>) => stat(fsPath(path), done),
  lstat: (path: string, done: Done<Stats>) => lstat(fsPath(path), done),
  statSync: (path: string) => statSync(fsPath(path)),
  lstatSync: (path: string) => lstatSync(fsPath(path)),
};

/** The names in a folder, every byte kept (for sweeps that list a folder by its path). */
export function listNames(folder: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    readdirRaw(folder, (error: Error | null, names: string[]) => (error === null ? resolve(names) : reject(error))));
}
