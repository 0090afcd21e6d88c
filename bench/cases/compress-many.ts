import type { Case } from '../run/types.js';
import { compressTreeCase } from './compress-tree.js';
import type { BenchContext } from './context.js';
import { flatCorpus, subsetCorpus } from './subset.js';

export const GROUP = 'compress-many';

/**
 * Compress many files: gzip -6, brotli -q 5, brotli -q 11 (on a subset: it is slow; also all in one folder), zstd -3;
 * and gzip -6 of the tiny files (0-4 KiB each), where the cost per file is all there is.
 */
export function compressManyCases(ctx: BenchContext): Case[] {
  const tree = ctx.tree();
  const tiny = ctx.tiny();
  const subset = subsetCorpus(tree, ctx.quick ? 300_000 : 3_000_000);
  const title = (what: string, c = tree): string => `${what}, ${c.files.length} files, ${(c.bytes / 1e6).toFixed(1)} MB`;
  return [
    compressTreeCase(ctx, { group: GROUP, id: 'compress-many/gzip-6', title: title('gzip -6'), corpus: tree, algo: { format: 'gz', level: 6 }, v8Baseline: true }),
    compressTreeCase(ctx, { group: GROUP, id: 'compress-many/brotli-5', title: title('brotli -q 5'), corpus: tree, algo: { format: 'br', level: 5 } }),
    compressTreeCase(ctx, { group: GROUP, id: 'compress-many/brotli-11', title: title('brotli -q 11 (subset)', subset), corpus: subset, algo: { format: 'br', level: 11 } }),
    compressTreeCase(ctx, { group: GROUP, id: 'compress-many/brotli-11-flat', title: title('brotli -q 11 (subset, one folder)', subset), corpus: flatCorpus(subset, 'brotli-11-flat'), algo: { format: 'br', level: 11 } }),
    compressTreeCase(ctx, { group: GROUP, id: 'compress-many/zstd-3', title: title('zstd -3'), corpus: tree, algo: { format: 'zst', level: 3 } }),
    compressTreeCase(ctx, {
      group: GROUP, id: 'compress-many/gzip-6-tiny', title: title('gzip -6 (tiny files)', tiny), corpus: tiny,
      algo: { format: 'gz', level: 6 },
    }),
  ];
}
