import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Corpus } from '../corpus/spec.js';
import { needTools } from '../run/tools.js';
import type { Case, Command, Entry } from '../run/types.js';
import { BesideInputs } from './beside.js';
import { parioCli, PARIO_ALWAYS, tool } from './commands.js';
import type { BenchContext } from './context.js';
import { checkArchives } from './validate.js';

export const GROUP = 'scaling';

/** gzip -6 with 1, 2, … nproc workers, pario and pigz: speed-up and parallel efficiency (T1 ÷ (k × Tk)). */
function scalingCase(ctx: BenchContext, id: string, corpus: Corpus): Case {
  const beside = new BesideInputs(corpus, id.replace(/\W+/g, '-'));
  const one = corpus.files.length === 1;
  const target = (): string => (one ? join(beside.dir, corpus.files[0]?.path ?? '') : beside.dir);
  const entry = (family: string, k: number, command: () => Command, unavailable: () => Promise<string | undefined>): Entry => ({
    tool: `${family} ${family === 'pario' ? '-j' : '-p'} ${k}`,
    pario: family === 'pario',
    family,
    workers: k,
    pair: `${k} worker${k > 1 ? 's' : ''}`,
    unavailable,
    command,
    prepare: async () => beside.clean(),
    outputBytes: async () => beside.outputs().bytes,
    validate: async () => checkArchives(corpus, 'gz', (rel) => join(beside.dir, `${rel}.gz`), beside.outputs().paths, ctx.generated || one),
  });
  const entries: Entry[] = [];
  const r = one ? [] : ['-r'];
  for (let k = 1; k <= Math.max(ctx.jobs, availableParallelism()); k += 1) {
    entries.push(entry('pario', k, () => parioCli(['compress', '--gzip', '-6', '-k', '-j', k, target()]), PARIO_ALWAYS));
    entries.push(entry('pigz', k, () => tool('pigz', ['-p', String(k), '-6', '-k', ...r, target()]), needTools('pigz')));
  }
  const what = one ? `one ${(corpus.bytes / 2 ** 20).toFixed(0)} MiB file` : `${corpus.files.length} files, ${(corpus.bytes / 1e6).toFixed(1)} MB`;
  return { group: GROUP, id, title: `gzip -6 scaling, ${what}`, inputBytes: corpus.bytes, inputFiles: corpus.files.length, entries, setup: async () => beside.setup() };
}

export function scalingCases(ctx: BenchContext): Case[] {
  return [scalingCase(ctx, 'scaling/gzip-many', ctx.tree()), scalingCase(ctx, 'scaling/gzip-big', ctx.bigText())];
}
