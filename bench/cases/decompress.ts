import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Corpus } from '../corpus/spec.js';
import { physicalLimit } from '../run/limit.js';
import { findTool, needTools } from '../run/tools.js';
import type { Case, Command, Entry } from '../run/types.js';
import { emptyDir, extras, removeExtras, workPath } from '../run/workdir.js';
import { OutDir } from './beside.js';
import { PARIO_BIN, naive, parioCli, PARIO_ALWAYS, tool } from './commands.js';
import type { BenchContext } from './context.js';
import { checkRestored } from './validate.js';

export const GROUP = 'decompress';

/**
 * A work folder holding only the archives of a corpus (made once by pigz -6 or zstd -3, or by pario itself: its
 * multi-frame .zst or indexed .gz); restored files are removed before each run.
 */
class Archives {
  readonly dir: string;
  readonly keep: ReadonlySet<string>;

  constructor(readonly corpus: Corpus, readonly ext: 'gz' | 'zst', name: string, readonly maker: 'tool' | 'pario' = 'tool') {
    this.dir = workPath(name, 'src');
    this.keep = new Set(corpus.files.map((f) => `${f.path}.${ext}`));
  }

  setup(): void {
    emptyDir(this.dir);
    for (const f of this.corpus.files) {
      mkdirSync(dirname(join(this.dir, f.path)), { recursive: true });
      copyFileSync(join(this.corpus.dir, f.path), join(this.dir, f.path));
    }
    if (this.maker === 'pario') {
      const format = this.ext === 'gz' ? ['--gzip', '--level', '6'] : ['--zstd', '--level', '3'];
      execFileSync(process.execPath, [PARIO_BIN, 'compress', ...format, '--rm', this.dir], { stdio: 'ignore' });
      return;
    }
    const [exe, args] = this.ext === 'gz' ? ['pigz', ['-6', '-r', this.dir]] : ['zstd', ['-3', '-r', '-q', '--rm', this.dir]];
    execFileSync(findTool(exe) ?? exe, args as string[], { stdio: 'ignore' });
  }

  clean(): void {
    removeExtras(this.dir, this.keep);
  }
}

type Unavailable = () => Promise<string | undefined>;

/** A tool that restores the archives in place: its outputs are what the archives' folder holds beyond the kept files. */
function restoreEntry(a: Archives, corpus: Corpus, exact: boolean) {
  return (name: string, command: () => Command, unavailable: Unavailable, pario = false): Entry => ({
    tool: name,
    pario,
    unavailable,
    command,
    prepare: async () => a.clean(),
    outputBytes: async () => extras(a.dir, a.keep).bytes,
    validate: async () => checkRestored(corpus, (rel) => join(a.dir, rel), exact),
  });
}

function decompressCase(ctx: BenchContext, id: string, corpus: Corpus, ext: 'gz' | 'zst'): Case {
  const a = new Archives(corpus, ext, id.replace(/\W+/g, '-'));
  const j = ctx.jobs;
  const one = corpus.files.length === 1;
  const target = (): string => (one ? join(a.dir, `${corpus.files[0]?.path ?? ''}.${ext}`) : a.dir);
  const entry = restoreEntry(a, corpus, ctx.generated || one);
  const r = one ? [] : ['-r'];
  const parioDecompress = (jobs: number): Entry =>
    entry(`pario -j ${jobs}`, () => parioCli(['decompress', '-k', '-j', jobs, target()]), PARIO_ALWAYS, true);
  const entries: Entry[] = [parioDecompress(j)];
  if (ext === 'gz') {
    entries.push(entry(`pigz -p ${j} -d`, () => tool('pigz', ['-p', String(j), '-d', '-k', ...r, target()]), needTools('pigz')));
    entries.push(entry('gzip -d', () => tool('gzip', ['-d', '-k', ...r, target()]), needTools('gzip')));
    const out = new OutDir(`${id.replace(/\W+/g, '-')}-naive`);
    const naiveCmd = (): Command => (one
      ? naive('gunzip-one', [0, target(), join(out.dir, corpus.files[0]?.path ?? '')])
      : naive('gunzip', [0, a.dir, out.dir]));
    entries.push({
      tool: one ? 'naive zlib stream' : 'naive Node loop',
      command: naiveCmd,
      prepare: async () => {
        a.clean();
        out.clean();
      },
      outputBytes: async () => out.outputs().bytes,
      validate: async () => checkRestored(corpus, (rel) => join(out.dir, rel), true),
    });
  } else {
    entries.push(entry('zstd -d', () => tool('zstd', ['-d', '-k', '-q', ...r, target()]), needTools('zstd')));
  }
  const what = one
    ? `one ${(corpus.bytes / 2 ** 20).toFixed(0)} MiB file`
    : `${corpus.files.length} files, ${(corpus.bytes / 1e6).toFixed(1)} MB`;
  return {
    group: GROUP,
    id,
    title: `${ext === 'gz' ? 'gunzip' : 'zstd -d'}, ${what} (MB/s of restored bytes)`,
    inputBytes: corpus.bytes,
    inputFiles: corpus.files.length,
    entries,
    setup: async () => a.setup(),
    limit: async () => (ext === 'gz' ? physicalLimit(corpus, { kind: 'gunzip' }, ctx.quick ? 1 << 20 : 24 << 20) : undefined),
  };
}

/**
 * pario's own big .zst (one frame per 8 MiB block) or indexed .gz (a span per 4 MiB) restored with 1 and N workers and
 * by zstd -d / pigz -d: its frames or spans are decoded on every core (the scaling of -j 1 → -j N); zstd -d decodes
 * one frame after another, pigz -d inflates on one thread (with reads, writes and CRC on others).
 */
function ownCase(ctx: BenchContext, id: string, corpus: Corpus, ext: 'gz' | 'zst'): Case {
  const a = new Archives(corpus, ext, id.replace(/\W+/g, '-'), 'pario');
  const target = (): string => join(a.dir, `${corpus.files[0]?.path ?? ''}.${ext}`);
  const entry = restoreEntry(a, corpus, true);
  const jobs = [...new Set([1, ctx.jobs])];
  const parioDecompress = (j: number): Entry =>
    entry(`pario -j ${j}`, () => parioCli(['decompress', '-k', '-j', j, target()]), PARIO_ALWAYS, true);
  const entries: Entry[] = jobs.map(parioDecompress);
  const pigz = (): Command => tool('pigz', ['-p', String(ctx.jobs), '-d', '-k', target()]);
  if (ext === 'gz') entries.push(entry(`pigz -p ${ctx.jobs} -d`, pigz, needTools('pigz')));
  else entries.push(entry('zstd -d', () => tool('zstd', ['-d', '-k', '-q', target()]), needTools('zstd')));
  return {
    group: GROUP,
    id,
    title: `${ext === 'gz' ? 'gunzip' : 'zstd -d'} of pario's own .${ext}, one ${(corpus.bytes / 2 ** 20).toFixed(0)} MiB `
      + `${corpus.name} file (MB/s of restored bytes)`,
    inputBytes: corpus.bytes,
    inputFiles: 1,
    entries,
    setup: async () => a.setup(),
  };
}

export function decompressCases(ctx: BenchContext): Case[] {
  return [
    decompressCase(ctx, 'decompress/gunzip-many', ctx.tree(), 'gz'),
    decompressCase(ctx, 'decompress/gunzip-big', ctx.bigText(), 'gz'),
    decompressCase(ctx, 'decompress/unzstd-many', ctx.tree(), 'zst'),
    decompressCase(ctx, 'decompress/unzstd-big', ctx.bigText(), 'zst'),
    ownCase(ctx, 'decompress/unzstd-own-text', ctx.bigText(), 'zst'),
    ownCase(ctx, 'decompress/unzstd-own-bin', ctx.bigBin(), 'zst'),
    ownCase(ctx, 'decompress/gunzip-own-text', ctx.bigText(), 'gz'),
    ownCase(ctx, 'decompress/gunzip-own-bin', ctx.bigBin(), 'gz'),
  ];
}
