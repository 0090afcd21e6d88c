import { join } from 'node:path';
import type { Corpus } from '../corpus/spec.js';
import type { Case } from '../run/types.js';
import { naive, parioLib, PARIO_ALWAYS } from './commands.js';
import type { BenchContext } from './context.js';
import { expectCounts, totalsEntry } from './totals.js';

export const GROUP = 'read';

function readFilesCase(ctx: BenchContext, id: string, corpus: Corpus): Case {
  const base = id.replace(/\W+/g, '-');
  const check = expectCounts(corpus.files.length, corpus.bytes);
  return {
    group: GROUP,
    id,
    title: `readFiles, ${corpus.files.length} files, ${(corpus.bytes / 1e6).toFixed(1)} MB (bytes reach the consumer)`,
    inputBytes: corpus.bytes,
    inputFiles: corpus.files.length,
    entries: [
      totalsEntry(base, `pario readFiles -j ${ctx.jobs}`, (out) => parioLib('read-files', [corpus.dir, ctx.jobs], { stdoutFile: out }),
        PARIO_ALWAYS, check, true),
      totalsEntry(base, 'fast-glob + p-limit + readFile', (out) => naive('read', [corpus.dir], { stdoutFile: out }), async () => undefined, check),
    ],
  };
}

function readFileCase(ctx: BenchContext, id: string, corpus: Corpus): Case {
  const base = id.replace(/\W+/g, '-');
  const file = join(corpus.dir, corpus.files[0]?.path ?? '');
  const check = expectCounts(1, corpus.bytes);
  return {
    group: GROUP,
    id,
    title: `readFile, one ${(corpus.bytes / 2 ** 20).toFixed(0)} MiB file into one Buffer`,
    inputBytes: corpus.bytes,
    inputFiles: 1,
    entries: [
      totalsEntry(base, `pario readFile -j ${ctx.jobs}`, (out) => parioLib('read-file', [file, ctx.jobs], { stdoutFile: out }),
        PARIO_ALWAYS, check, true),
      totalsEntry(base, 'fs.promises.readFile', (out) => naive('read-one', [file], { stdoutFile: out }), async () => undefined, check),
    ],
  };
}

/** readFiles on many small and tiny files, readFile on one big file, each against what a user writes without pario. */
export function readCases(ctx: BenchContext): Case[] {
  return [readFilesCase(ctx, 'read/readFiles-small', ctx.tree()), readFilesCase(ctx, 'read/readFiles-tiny', ctx.tiny()), readFileCase(ctx, 'read/readFile-big', ctx.bigBin())];
}
