import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Corpus } from '../corpus/spec.js';
import { countWords } from '../lib/word-count.js';
import type { Case } from '../run/types.js';
import { naive, parioLib, PARIO_ALWAYS } from './commands.js';
import type { BenchContext } from './context.js';
import { totalsEntry } from './totals.js';
import type { Totals } from './totals.js';

export const GROUP = 'map';

function reference(corpus: Corpus): Totals {
  let lines = 0;
  let words = 0;
  for (const f of corpus.files) {
    const c = countWords(readFileSync(join(corpus.dir, f.path)));
    lines += c.lines;
    words += c.words;
  }
  return { files: corpus.files.length, bytes: corpus.bytes, lines, words };
}

/** mapFiles with a line+word count per file vs the naive single-thread loop and a one-task-per-file Piscina pool. */
export function mapCases(ctx: BenchContext): Case[] {
  const corpus = ctx.tree();
  let ref: Totals | undefined;
  const check = (t: Totals): string | undefined => {
    ref ??= reference(corpus);
    return t.files === ref.files && t.lines === ref.lines && t.words === ref.words ? undefined : `counted ${JSON.stringify(t)}, expected ${JSON.stringify(ref)}`;
  };
  const base = 'map-word-count';
  const j = ctx.jobs;
  return [
    {
      group: GROUP,
      id: 'map/word-count',
      title: `line + word count, ${corpus.files.length} files, ${(corpus.bytes / 1e6).toFixed(1)} MB`,
      inputBytes: corpus.bytes,
      inputFiles: corpus.files.length,
      entries: [
        totalsEntry(base, `pario mapFiles -j ${j}`, (out) => parioLib('map-files', [corpus.dir, j], { stdoutFile: out }),
          PARIO_ALWAYS, check, true),
        totalsEntry(base, 'naive loop, 1 thread', (out) => naive('word-count', [corpus.dir], { stdoutFile: out }), async () => undefined, check),
        totalsEntry(base, `Piscina, 1 task per file, ${j} workers`, (out) => naive('word-count-pool', [corpus.dir, j], { stdoutFile: out }), async () => undefined, check),
      ],
    },
  ];
}
