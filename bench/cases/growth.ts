import { join } from 'node:path';
import { needTools } from '../run/tools.js';
import type { Case, Command, Entry } from '../run/types.js';
import { BesideInputs } from './beside.js';
import { parioCli, PARIO_ALWAYS, tool } from './commands.js';
import type { BenchContext } from './context.js';
import { checkArchives } from './validate.js';

export const GROUP = 'growth';

/** Time and peak RSS of gzip -6 on one text file of 1×, 2× and 4× the base size (base = --size ÷ 4): memory must stay flat. */
export function growthCases(ctx: BenchContext): Case[] {
  const baseBytes = Math.max(1 << 20, Math.floor(ctx.bigBytes / 4));
  const scales = [1, 2, 4];
  const inputs = scales.map((s) => {
    const corpus = ctx.bigTextOf(baseBytes * s);
    return { s, corpus, beside: new BesideInputs(corpus, `growth-${s}x`) };
  });
  const entries: Entry[] = [];
  for (const { s, corpus, beside } of inputs) {
    const file = (): string => join(beside.dir, corpus.files[0]?.path ?? '');
    const entry = (name: string, command: () => Command, unavailable: () => Promise<string | undefined>, pario = false): Entry => ({
      tool: `${name} (${s}×)`,
      pario,
      pair: `${s}× (${(corpus.bytes / 2 ** 20).toFixed(0)} MiB)`,
      inputBytes: corpus.bytes,
      unavailable,
      command,
      prepare: async () => beside.clean(),
      outputBytes: async () => beside.outputs().bytes,
      validate: async () => checkArchives(corpus, 'gz', (rel) => join(beside.dir, `${rel}.gz`), beside.outputs().paths, true),
    });
    entries.push(entry(`pario -j ${ctx.jobs}`, () => parioCli(['compress', '--gzip', '-6', '-k', '-j', ctx.jobs, file()]),
      PARIO_ALWAYS, true));
    entries.push(entry(`pigz -p ${ctx.jobs}`, () => tool('pigz', ['-p', String(ctx.jobs), '-6', '-k', file()]), needTools('pigz')));
  }
  const sizes = inputs.map((i) => `${(i.corpus.bytes / 2 ** 20).toFixed(0)}`).join('/');
  return [
    {
      group: GROUP,
      id: 'growth/gzip-big',
      title: `gzip -6 of one text file of ${sizes} MiB: time and peak RSS`,
      inputBytes: baseBytes,
      inputFiles: 1,
      entries,
      setup: async () => {
        for (const i of inputs) i.beside.setup();
      },
    },
  ];
}
