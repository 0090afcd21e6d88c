import { join } from 'node:path';
import type { Corpus } from '../corpus/spec.js';
import { physicalLimit } from '../run/limit.js';
import { needTools } from '../run/tools.js';
import type { Case, Entry } from '../run/types.js';
import { BesideInputs, besideEntryOf, outDirEntryOf } from './beside.js';
import { naive, parioCli, PARIO_ALWAYS, tool } from './commands.js';
import type { BenchContext } from './context.js';
import { parioAlgoFlags } from './compress-tree.js';
import type { TreeAlgo } from './compress-tree.js';

export const GROUP = 'compress-big';

/** Compress one big file on every core: pario (pigz-style blocks) vs pigz, gzip, zstd -T0 and a zlib stream. */
export function compressBigCase(ctx: BenchContext, group: string, id: string, corpus: Corpus, algo: TreeAlgo, jobs = ctx.jobs): Case {
  const beside = new BesideInputs(corpus, id.replace(/\W+/g, '-'));
  const name = corpus.files[0]?.path ?? '';
  const file = (): string => join(beside.dir, name);
  const fmt = algo.format;
  const L = algo.level;
  const entry = besideEntryOf(beside, corpus, fmt, true);
  const entries: Entry[] = [entry(`pario -j ${jobs}`, () => parioCli(['compress', ...parioAlgoFlags(algo), '-k', '-j', jobs, file()]),
    PARIO_ALWAYS, true)];
  if (fmt === 'gz') {
    entries.push(entry(`pigz -p ${jobs} -${L}`, () => tool('pigz', ['-p', String(jobs), `-${L}`, '-k', file()]), needTools('pigz')));
    entries.push(entry(`gzip -${L}`, () => tool('gzip', [`-${L}`, '-k', file()]), needTools('gzip')));
    const outEntry = outDirEntryOf(beside, corpus, 'gz', true, id.replace(/\W+/g, '-'));
    entries.push(outEntry('naive zlib stream', (out) => naive('gzip-one', [L, file(), join(out, `${name}.gz`)]), async () => undefined));
  } else {
    entries.push(entry(`zstd -T0 -${L}`, () => tool('zstd', ['-T0', `-${L}`, '-k', '-q', '-f', file()]), needTools('zstd')));
  }
  return {
    group,
    id,
    title: `${fmt === 'gz' ? 'gzip' : 'zstd'} -${L}, one ${(corpus.bytes / 2 ** 20).toFixed(0)} MiB ${corpus.name} file`,
    inputBytes: corpus.bytes,
    inputFiles: 1,
    entries,
    setup: async () => beside.setup(),
    limit: async () => physicalLimit(corpus, fmt === 'gz' ? { kind: 'gzip', level: L } : { kind: 'zstd', level: L }, ctx.quick ? 1 << 20 : 32 << 20),
  };
}

export function compressBigCases(ctx: BenchContext): Case[] {
  const out: Case[] = [];
  for (const [name, corpus] of [['text', ctx.bigText()], ['bin', ctx.bigBin()]] as const) {
    out.push(compressBigCase(ctx, GROUP, `compress-big/gzip-6-${name}`, corpus, { format: 'gz', level: 6 }));
    out.push(compressBigCase(ctx, GROUP, `compress-big/zstd-3-${name}`, corpus, { format: 'zst', level: 3 }));
  }
  return out;
}
