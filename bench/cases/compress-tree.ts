import type { Corpus } from '../corpus/spec.js';
import { physicalLimit } from '../run/limit.js';
import type { Work } from '../run/limit.js';
import { budgetFlag } from '../../src/cli/v8-tuning.js';
import { needTools } from '../run/tools.js';
import type { Case, Command, Entry } from '../run/types.js';
import { xargsCommand, streamCpu } from './anchor.js';
import { BesideInputs, besideEntryOf, outDirEntryOf } from './beside.js';
import { V8_DEFAULT_BUDGET, naive, parioCli, PARIO_ALWAYS, parioCliWithNode, tool } from './commands.js';
import type { BenchContext } from './context.js';
import type { Format } from './validate.js';

export type TreeAlgo = { readonly format: 'gz'; readonly level: number } | { readonly format: 'br'; readonly level: number } | { readonly format: 'zst'; readonly level: number };

/** pario's flags for an algorithm, as the compress issue plans them (pigz-like). */
export function parioAlgoFlags(a: TreeAlgo): string[] {
  switch (a.format) {
    case 'gz':
      return ['--gzip', `-${a.level}`];
    case 'br':
      return ['--brotli', '--brotli-quality', String(a.level)];
    case 'zst':
      return ['--zstd', '--level', String(a.level)];
  }
}

function work(a: TreeAlgo): Work {
  return a.format === 'gz' ? { kind: 'gzip', level: a.level } : a.format === 'br' ? { kind: 'brotli', quality: a.level } : { kind: 'zstd', level: a.level };
}

interface Spec {
  readonly group: string;
  readonly id: string;
  readonly title: string;
  readonly corpus: Corpus;
  readonly algo: TreeAlgo;
  /** Also run pario with V8's default interrupt budget (what the CLI's own budget saves, in the same rounds). */
  readonly v8Baseline?: boolean;
}

/** Compress every file of a tree: pario vs the CLIs, gzipper, precompress and the naive loop, on a shared work copy. */
export function compressTreeCase(ctx: BenchContext, spec: Spec): Case {
  const { corpus, algo } = spec;
  const j = ctx.jobs;
  const beside = new BesideInputs(corpus, spec.id.replace(/\W+/g, '-'));
  const fmt: Format = algo.format;
  const entries: Entry[] = [];
  const besideEntry = besideEntryOf(beside, corpus, fmt, ctx.generated);
  const outEntry = outDirEntryOf(beside, corpus, fmt, ctx.generated, spec.id.replace(/\W+/g, '-'));
  const parioArgs = ['compress', ...parioAlgoFlags(algo), '-k', '-j', j, beside.dir];
  entries.push(besideEntry(`pario -j ${j}`, () => parioCli(parioArgs), PARIO_ALWAYS, true));
  const L = algo.level;
  // The anchor: the one-liner a power user types (find | xargs -P), next to its codec alone on the same bytes.
  const anchor = (toolName: string, toolLine: string, streamLine: string): Entry => ({
    ...besideEntry(`${toolLine} (find | xargs -P ${j} -n 64)`, () => xargsCommand(j, toolLine, beside.dir, {}, fmt),
      needTools(toolName, 'xargs', 'find')),
    codecCpu: streamCpu(beside.dir, beside.list, streamLine),
  });
  if (spec.v8Baseline === true && budgetFlag() !== undefined) {
    // What the CLI's V8 budget (src/cli/v8-tuning.ts) saves, measured in the same rounds: its ratio column is it.
    // Only where pario sets one (Node 20): later Nodes have no such flag (node would refuse the baseline's).
    const note = `node ${V8_DEFAULT_BUDGET}: pario ÷ this is what the CLI's V8 budget saves`;
    const command = (): Command => parioCliWithNode([V8_DEFAULT_BUDGET], parioArgs);
    entries.push({ ...besideEntry(`pario -j ${j}, V8 default budget`, command, PARIO_ALWAYS, false, note), own: true });
  }
  if (algo.format === 'gz') {
    entries.push(anchor('gzip', `gzip -${L} -k`, `gzip -${L} -c`));
    entries.push(besideEntry(`pigz -p ${j} -${L} -r`, () => tool('pigz', ['-p', String(j), `-${L}`, '-r', '-k', beside.dir]), needTools('pigz')));
    entries.push(besideEntry(`gzip -${L} -r`, () => tool('gzip', [`-${L}`, '-r', '-k', beside.dir]), needTools('gzip')));
    entries.push(outEntry('gzipper', (out) => tool('gzipper', ['compress', '--gzip', '--gzip-level', String(L), '--workers', String(j), beside.dir, out]), needTools('gzipper')));
    entries.push(outEntry('precompress', (out) => tool('precompress', ['-s', '-t', 'gz', '-c', String(j), '-o', out, '-b', beside.dir, beside.dir]), needTools('precompress'), 'precompress has no level option: it always uses gzip -9'));
    entries.push(outEntry('naive Node loop', (out) => naive('gzip', [L, beside.dir, out]), async () => undefined));
  } else if (algo.format === 'br') {
    entries.push(anchor('brotli', `brotli -q ${L} -f`, `brotli -q ${L} -c`));
    entries.push(outEntry('gzipper', (out) => tool('gzipper', ['compress', '--brotli', '--brotli-quality', String(L), '--workers', String(j), beside.dir, out]), needTools('gzipper')));
    if (L === 11) entries.push(outEntry('precompress', (out) => tool('precompress', ['-s', '-t', 'br', '-c', String(j), '-o', out, '-b', beside.dir, beside.dir]), needTools('precompress'), 'precompress always uses brotli quality 11'));
    entries.push(outEntry('naive Node loop', (out) => naive('brotli', [L, beside.dir, out]), async () => undefined));
  } else {
    entries.push(anchor('zstd', `zstd -T1 -${L} -q -f`, `zstd -T1 -${L} -q -c`));
    entries.push(besideEntry(`zstd -T0 -${L} -r`, () => tool('zstd', ['-T0', `-${L}`, '-r', '-k', '-q', '-f', beside.dir]), needTools('zstd')));
    entries.push(outEntry('gzipper', (out) => tool('gzipper', ['compress', '--zstd', '--zstd-level', String(L), '--workers', String(j), beside.dir, out]), needTools('gzipper', 'zstd'), 'gzipper spawns the system zstd per file'));
  }
  return {
    group: spec.group,
    id: spec.id,
    title: spec.title,
    inputBytes: corpus.bytes,
    inputFiles: corpus.files.length,
    entries,
    setup: async () => beside.setup(),
    limit: async () => physicalLimit(corpus, work(algo), ctx.quick ? 1 << 20 : algo.format === 'br' && L > 9 ? 1 << 20 : 24 << 20),
  };
}
