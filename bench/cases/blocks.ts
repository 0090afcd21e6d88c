// pario's big-file knobs on one big file, next to its defaults and the peers: gzip's block size and read mode (pigz's
// method, 1 MiB blocks), zstd's frame size (8 MiB frames), against pigz, zstd -T0 and zstd-napi's own threads.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { needTools } from '../run/tools.js';
import type { Case, Entry } from '../run/types.js';
import { BesideInputs, besideEntryOf, outDirEntryOf } from './beside.js';
import { PARIO_ALWAYS, naive, parioCli, tool } from './commands.js';
import { parioAlgoFlags } from './compress-tree.js';
import type { TreeAlgo } from './compress-tree.js';
import type { BenchContext } from './context.js';

export const GROUP = 'blocks';

/** A pario variant: its ratio column is pario's defaults ÷ this run, so the knob's cost or gain reads directly. */
interface Knob {
  readonly flags: readonly string[];
  readonly note: string;
}

const KNOBS: Readonly<Record<TreeAlgo['format'], readonly Knob[]>> = {
  gz: [
    { flags: ['--io', 'sequential'], note: 'one reader feeds the workers in order (for spinning disks) instead of positional reads' },
    { flags: ['--block-size', '128K'], note: '8× more blocks than the default 1 MiB: more 32 KiB primes and task round trips' },
  ],
  zst: [
    { flags: ['--block-size', '4M'], note: 'frames of 4 MiB instead of 8: more frames, a little more output' },
    { flags: ['--block-size', '16M'], note: 'frames of 16 MiB: fewer frames, less parallelism on small inputs' },
  ],
  br: [],
};

async function zstdNapiMissing(): Promise<string | undefined> {
  try {
    createRequire(import.meta.url).resolve('zstd-napi');
    return undefined;
  } catch {
    return 'zstd-napi (optional dependency) not installed';
  }
}

function blocksCase(ctx: BenchContext, algo: TreeAlgo & { readonly format: 'gz' | 'zst' }): Case {
  // At least 16 MiB, so that --quick too goes through the block path (8 MiB and more) with several blocks.
  const corpus = ctx.bigTextOf(Math.max(ctx.bigBytes, 16 << 20));
  const id = `${GROUP}/${algo.format === 'gz' ? 'gzip' : 'zstd'}-${algo.level}`;
  const beside = new BesideInputs(corpus, id.replace(/\W+/g, '-'));
  const name = corpus.files[0]?.path ?? '';
  const file = (): string => join(beside.dir, name);
  const j = ctx.jobs;
  const entry = besideEntryOf(beside, corpus, algo.format, true);
  const pario = (flags: readonly string[]): (() => ReturnType<typeof parioCli>) => () =>
    parioCli(['compress', ...parioAlgoFlags(algo), ...flags, '-k', '-j', j, file()]);
  const entries: Entry[] = [entry(`pario -j ${j}`, pario([]), PARIO_ALWAYS, true)];
  for (const knob of KNOBS[algo.format]) {
    entries.push({ ...entry(`pario -j ${j} ${knob.flags.join(' ')}`, pario(knob.flags), PARIO_ALWAYS, false, knob.note), own: true });
  }
  const L = algo.level;
  if (algo.format === 'gz') {
    entries.push(entry(`pigz -p ${j} -${L}`, () => tool('pigz', ['-p', String(j), `-${L}`, '-k', file()]), needTools('pigz')));
  } else {
    entries.push(entry(`zstd -T0 -${L}`, () => tool('zstd', ['-T0', `-${L}`, '-k', '-q', '-f', file()]), needTools('zstd')));
    const outEntry = outDirEntryOf(beside, corpus, 'zst', true, id.replace(/\W+/g, '-'));
    const stream = (out: string): ReturnType<typeof naive> => naive('zstd-stream', [L, j, file(), join(out, `${name}.zst`)]);
    entries.push(outEntry(`zstd-napi stream, nbWorkers ${j}`, stream, zstdNapiMissing, 'one frame; zstd\'s own worker threads'));
  }
  return {
    group: GROUP,
    id,
    title: `${algo.format === 'gz' ? 'gzip' : 'zstd'} -${L} knobs, one ${(corpus.bytes / 2 ** 20).toFixed(0)} MiB ${corpus.name} file`,
    inputBytes: corpus.bytes,
    inputFiles: 1,
    entries,
    setup: async () => beside.setup(),
  };
}

/** Block size and read mode of the big-file path (was bench/bigfile-compress.ts), one gzip and one zstd case. */
export function blocksCases(ctx: BenchContext): Case[] {
  return [blocksCase(ctx, { format: 'gz', level: 6 }), blocksCase(ctx, { format: 'zst', level: 3 })];
}
