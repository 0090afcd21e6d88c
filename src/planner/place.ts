// The folder handle a named or globbed file is opened through. A name the user gave is opened as given: its folder
// by its path, its final component even when it is a link. A glob's matches are reached from the glob's static base
// (which the user typed) one component at a time, never through a link unless --follow: a folder swapped for a link
// between the glob's listing and the open is refused, as during a walk.
import { basename, dirname, resolve, sep } from 'node:path';
import type { DirNode, DirTable } from './dir-table.js';
import type { FoundAt } from './leases.js';

const CACHE_MAX = 4096;
const caches = new WeakMap<DirTable, Map<string, DirNode>>();

function cached(dirs: DirTable, key: string, make: () => DirNode): DirNode {
  let cache = caches.get(dirs);
  if (cache === undefined) caches.set(dirs, (cache = new Map()));
  let node = cache.get(key);
  if (node === undefined) {
    if (cache.size >= CACHE_MAX) cache.clear(); // matches come folder by folder: a recent one is what is asked for
    node = make();
    cache.set(key, node);
  }
  return node;
}

/**
 * A path the user gave (or a checksum line names), made absolute as the system reads it. `link/../f` is the f beside
 * the folder the link points to, for sha256sum and gzip as for open(2); path.resolve would fold it into the f in `cwd`,
 * another file. So a `..` is kept (only empty and `.` components go); a path without one is path.resolve's, and a
 * plainly relative one is appended to `cwd` (resolve costs ~1 µs a file). `cwd` is absolute.
 */
export function givenPath(cwd: string, path: string): string {
  if (path !== '' && path.charCodeAt(0) !== 0x2f && !DOTS.test(path) && !path.includes('//') && !path.endsWith('/')) {
    return cwd === '/' ? `/${path}` : `${cwd}/${path}`;
  }
  if (!DOTDOT.test(path)) return resolve(cwd, path);
  return `/${(path.startsWith('/') ? path : `${cwd}/${path}`).split('/').filter((p) => p !== '' && p !== '.').join('/')}`;
}
const DOTS = /(^|\/)\.\.?(\/|$)/;
const DOTDOT = /(^|\/)\.\.(\/|$)/;

/** A file named on the command line (or by a caller): its folder as the user named it, the link at its end followed. */
export function placeNamed(dirs: DirTable, abs: string): FoundAt {
  const name = basename(abs);
  if (name === '' || name === '.' || name === '..') return { dir: null, name: abs, follow: true };
  const folder = dirname(abs);
  return { dir: cached(dirs, `named:${folder}`, () => dirs.root(folder)), name, follow: true };
}

/** A glob's match: from the longest static base that contains it, one folder at a time. */
export function placeGlobbed(dirs: DirTable, bases: readonly string[], abs: string, follow: boolean): FoundAt {
  let base: string | undefined;
  for (const b of bases) {
    const prefix = b.endsWith(sep) ? b : b + sep;
    if (abs.startsWith(prefix) && (base === undefined || b.length > base.length)) base = b;
  }
  if (base === undefined) return { ...placeNamed(dirs, abs), follow };
  const parts = abs.slice(base.endsWith(sep) ? base.length : base.length + 1).split(sep);
  const name = parts.pop() ?? '';
  let node = cached(dirs, `named:${base}`, () => dirs.root(base));
  let path = base;
  for (const part of parts) {
    const parent = node;
    path = path.endsWith(sep) ? path + part : `${path}${sep}${part}`;
    node = cached(dirs, `glob:${follow ? 'L' : 'P'}:${path}`, () => dirs.child(parent, part, follow));
  }
  return { dir: node, name, follow };
}
