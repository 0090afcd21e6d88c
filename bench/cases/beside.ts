import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Corpus } from '../corpus/spec.js';
import { emptyDir, extras, listFiles, removeExtras, workPath } from '../run/workdir.js';

/**
 * A work copy of a corpus for tools that write beside their inputs (pigz -r, gzip -r, zstd -r, pario): before each
 * run every file that is not an input is removed, so every run does the same work on the same files.
 */
export class BesideInputs {
  readonly dir: string;
  readonly keep: ReadonlySet<string>;
  /** NUL-separated sorted list of the inputs, relative to `dir` (for `xargs -0`). */
  readonly list: string;

  constructor(readonly corpus: Corpus, name: string) {
    this.dir = workPath(name, 'src');
    this.list = workPath(name, 'list0');
    this.keep = new Set(corpus.files.map((f) => f.path));
  }

  setup(): void {
    emptyDir(this.dir);
    for (const f of this.corpus.files) {
      const target = join(this.dir, f.path);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(this.corpus.dir, f.path), target);
    }
    writeFileSync(this.list, this.corpus.files.map((f) => f.path).join('\0') + '\0');
  }

  clean(): void {
    removeExtras(this.dir, this.keep);
  }

  /** Files written next to the inputs by the last run. */
  outputs(): { bytes: number; paths: ReadonlySet<string> } {
    const found = extras(this.dir, this.keep);
    return { bytes: found.bytes, paths: new Set(found.paths.map((p) => join(this.dir, p))) };
  }
}

/** An output folder of one entry (gzipper, precompress, the naive loop), emptied before each run. */
export class OutDir {
  readonly dir: string;

  constructor(name: string) {
    this.dir = workPath(name);
  }

  clean(): void {
    emptyDir(this.dir);
  }

  outputs(): { bytes: number; paths: ReadonlySet<string> } {
    const found = extras(this.dir, new Set());
    return { bytes: found.bytes, paths: new Set(listFiles(this.dir).map((p) => join(this.dir, p))) };
  }
}
