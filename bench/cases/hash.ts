import { statSync, writeFileSync } from 'node:fs';
import type { Corpus } from '../corpus/spec.js';
import type { HashAlgo } from '../naive/digest.js';
import { physicalLimit } from '../run/limit.js';
import { needTools } from '../run/tools.js';
import type { Case, Command, Entry } from '../run/types.js';
import { workPath } from '../run/workdir.js';
import { streamCpu, xargsCommand } from './anchor.js';
import { naive, parioCli, PARIO_ALWAYS, shell } from './commands.js';
import type { BenchContext } from './context.js';
import { checkManifest } from './manifest.js';

export const GROUP = 'hash';

/** The peer CLI of each algorithm, run by xargs over the sorted list as a user would (one process per 1,000 names). */
const PEER: Record<HashAlgo, { tool: string; args: string }> = {
  sha256: { tool: 'sha256sum', args: 'sha256sum' },
  blake3: { tool: 'b3sum', args: 'b3sum' },
  xxh3: { tool: 'xxhsum', args: 'xxhsum -H3' },
};

export function hashCase(ctx: BenchContext, id: string, corpus: Corpus, algo: HashAlgo): Case {
  const j = ctx.jobs;
  const base = id.replace(/\W+/g, '-');
  const list = workPath(`${base}.list0`);
  const one = corpus.files.length === 1;
  const target = one ? (corpus.files[0]?.path ?? '') : '.';
  const entry = (name: string, command: (stdout: string) => Command, unavailable: () => Promise<string | undefined>, pario = false): Entry => {
    const stdoutFile = workPath(`${base}-${name.replace(/\W+/g, '-')}.out`);
    return {
      tool: name,
      pario,
      unavailable,
      command: () => command(stdoutFile),
      outputBytes: async () => statSync(stdoutFile).size,
      validate: async () => checkManifest(corpus, algo, stdoutFile),
    };
  };
  const cwd = corpus.dir;
  const peer = PEER[algo];
  const entries: Entry[] = [
    entry(`pario -j ${j}`, (out) => parioCli(['hash', '--algo', algo, '-j', j, target], { cwd, stdoutFile: out }), PARIO_ALWAYS, true),
    entry(`${peer.args} (xargs)`, (out) => shell(`xargs -0 ${peer.args} < '${list}'`, { cwd, stdoutFile: out }), needTools(peer.tool, 'xargs')),
  ];
  if (!one) {
    // The anchor: the one-liner a power user types. Its parallel processes' lines may interleave in one output file
    // (stdio buffers of 4 KiB, 64 names a process), so its output is not checked: the serial xargs row above is.
    const toolLine = peer.args;
    entries.push({
      tool: `${toolLine} (find | xargs -P ${j} -n 64)`,
      unavailable: needTools(peer.tool, 'xargs', 'find'),
      command: () => xargsCommand(j, toolLine, cwd, { stdoutFile: workPath(`${base}-anchor.out`) }),
      codecCpu: streamCpu(cwd, list, toolLine),
    });
  }
  if (algo === 'sha256') {
    entries.push(entry(`hashdeep -j ${j}`, (out) => shell(`hashdeep -c sha256 -l -j ${j} ${one ? `'${target}'` : '-r .'}`, { cwd, stdoutFile: out }), needTools('hashdeep')));
  }
  entries.push(entry(one ? 'naive read stream' : 'naive Node loop', (out) => naive(one ? 'hash-one' : 'hash', [algo, target], { cwd, stdoutFile: out }), async () => undefined));
  const what = one ? `one ${(corpus.bytes / 2 ** 20).toFixed(0)} MiB file` : `${corpus.files.length} files, ${(corpus.bytes / 1e6).toFixed(1)} MB`;
  return {
    group: GROUP,
    id,
    title: `${algo}, ${what}`,
    inputBytes: corpus.bytes,
    inputFiles: corpus.files.length,
    entries,
    setup: async () => writeFileSync(list, corpus.files.map((f) => f.path).join('\0') + '\0'),
    limit: async () => physicalLimit(corpus, { kind: 'hash', algo }, ctx.quick ? 1 << 20 : 64 << 20, one && algo !== 'blake3' ? 1 : undefined),
  };
}

/** Hash many files and one big file with sha256, blake3 and xxh3. */
export function hashCases(ctx: BenchContext): Case[] {
  const out: Case[] = [];
  for (const algo of ['sha256', 'blake3', 'xxh3'] as const) out.push(hashCase(ctx, `hash/${algo}-many`, ctx.tree(), algo));
  for (const algo of ['sha256', 'blake3', 'xxh3'] as const) out.push(hashCase(ctx, `hash/${algo}-big`, ctx.bigBin(), algo));
  return out;
}
