import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Corpus } from '../corpus/spec.js';
import type { Command, Entry } from '../run/types.js';
import { checkArchives } from './validate.js';
import type { Format } from './validate.js';
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

/**
 * The entry of a tool that writes its outputs beside the inputs: the copy is cleaned before each run, its outputs
 * counted and checked (`gzip -t`/`zstd -t`/round trips) after.
 */
export function besideEntryOf(beside: BesideInputs, corpus: Corpus, fmt: Format, expectAll: boolean) {
  return (name: string, command: () => Command, unavailable: () => Promise<string | undefined>, pario = false, note?: string): Entry => ({
    tool: name,
    pario,
    unavailable,
    command,
    prepare: async () => beside.clean(),
    outputBytes: async () => beside.outputs().bytes,
    validate: async () => checkArchives(corpus, fmt, (rel) => join(beside.dir, `${rel}.${fmt}`), beside.outputs().paths, expectAll),
    ...(note === undefined ? {} : { note }),
  });
}

/**
 * The entry of a tool that writes into an output folder of its own (gzipper, precompress, the naive loops): the work
 * copy and the folder are cleaned before each run; the folder's files are counted and checked after.
 */
export function outDirEntryOf(beside: BesideInputs, corpus: Corpus, fmt: Format, expectAll: boolean, prefix: string) {
  return (name: string, command: (out: string) => Command, unavailable: () => Promise<string | undefined>, note?: string): Entry => {
    const out = new OutDir(`${prefix}-${name.replace(/\W+/g, '-')}`);
    return {
      tool: name,
      unavailable,
      command: () => command(out.dir),
      prepare: async () => {
        beside.clean();
        out.clean();
      },
      outputBytes: async () => out.outputs().bytes,
      validate: async () => checkArchives(corpus, fmt, (rel) => join(out.dir, `${rel}.${fmt}`), out.outputs().paths, expectAll),
      ...(note === undefined ? {} : { note }),
    };
  };
}
