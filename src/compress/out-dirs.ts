// -o OUT: the mirrored folders under OUT, made by pario through their parents' handles. OUT itself is the user's (opened
// as named); every folder below it on an output's way is made by pario or must be a real folder: each is opened with
// O_NOFOLLOW through its parent's handle, so a link planted anywhere below OUT is refused, never written through.
import { mkdir } from 'node:fs/promises';
import { basename, dirname, relative, sep } from 'node:path';
import type { DirNode, DirTable } from '../planner/dir-table.js';
import type { FoundAt } from '../planner/leases.js';

const CACHE_MAX = 4096;

export class OutDirs {
  private readonly cache = new Map<string, DirNode>();
  private root: DirNode | undefined;

  constructor(private readonly dirs: DirTable, readonly outDir: string) {}

  /** Where output `final` (a path under OUT, see placeOutput) is written: its name in its mirrored folder. */
  async place(final: string): Promise<FoundAt> {
    if (this.root === undefined) {
      await mkdir(this.outDir, { recursive: true }).catch(() => undefined); // a failure shows up per file, naming OUT
      this.root = this.dirs.root(this.outDir);
    }
    let node = this.root;
    const rel = relative(this.outDir, dirname(final));
    if (rel !== '') {
      let key = '';
      for (const part of rel.split(sep)) {
        const parent = node;
        key = key === '' ? part : `${key}${sep}${part}`;
        let next = this.cache.get(key);
        if (next === undefined) {
          if (this.cache.size >= CACHE_MAX) this.cache.clear();
          next = this.dirs.child(parent, part, false, true);
          this.cache.set(key, next);
        }
        node = next;
      }
    }
    return { dir: node, name: basename(final), follow: false };
  }
}
