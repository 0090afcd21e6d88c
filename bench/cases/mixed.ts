import type { Case } from '../run/types.js';
import { compressTreeCase } from './compress-tree.js';
import type { BenchContext } from './context.js';

export const GROUP = 'mixed';

/** Many small files and two big ones in one run: two-level scheduling must keep every core busy to the end. */
export function mixedCases(ctx: BenchContext): Case[] {
  const corpus = ctx.mixed();
  const title = `gzip -6, ${corpus.files.length} files incl. 2 big ones, ${(corpus.bytes / 1e6).toFixed(1)} MB`;
  return [compressTreeCase(ctx, { group: GROUP, id: 'mixed/gzip-6', title, corpus, algo: { format: 'gz', level: 6 } })];
}
