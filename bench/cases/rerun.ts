// What a cron user pays for a run that finds nothing to do: an unchanged incremental rerun (compress -k --manifest)
// against the first run and against the walk itself (`find -printf '%s %T@ %i\n'`, one stat a file), and `check` of
// the tree's checksum list against `sha256sum -c`. Time and peak RSS at 50,000 and 200,000 small files.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { needTools } from '../run/tools.js';
import type { Case, Entry } from '../run/types.js';
import { workPath } from '../run/workdir.js';
import { PARIO_ALWAYS, PARIO_BIN, parioCli, tool } from './commands.js';
import type { BenchContext } from './context.js';

export const GROUP = 'rerun';
const PER_FOLDER = 100;

export function rerunCases(ctx: BenchContext): Case[] {
  return (ctx.quick ? [500] : [50_000, 200_000]).map((files) => rerunCase(ctx, files));
}

function rerunCase(ctx: BenchContext, files: number): Case {
  const root = workPath(`rerun-${files}`);
  const tree = join(root, 'tree');
  const manifest = join(root, 'manifest.json');
  const sums = join(root, 'sums.txt');
  const checked = (who: string): string => join(root, `checked-${who}.txt`);
  const compress = ['compress', '--gzip', '-k', '-j', ctx.jobs, '--manifest', manifest, tree];
  const entries: Entry[] = [
    {
      tool: 'pario compress, unchanged rerun',
      pario: true,
      pair: 'rerun',
      unavailable: PARIO_ALWAYS,
      command: () => parioCli(compress),
      validate: async () => manifestEntries(manifest) === files ? undefined : `the manifest lost entries (${files} expected)`,
    },
    {
      tool: 'pario compress, first run',
      own: true,
      pair: 'rerun',
      unavailable: PARIO_ALWAYS,
      command: () => parioCli(compress),
      // Every output and the manifest go before each timed first run; the last one leaves the tree as the rerun needs it.
      prepare: async () => removeOutputs(tree, manifest),
      validate: async () => manifestEntries(manifest) === files ? undefined : `the manifest has not ${files} entries`,
    },
    {
      tool: "find -printf '%s %T@ %i\\n' (the walk)",
      pair: 'rerun',
      unavailable: async () => undefined,
      command: () => tool('find', [tree, '-type', 'f', '-printf', '%s %T@ %i\\n']),
    },
    {
      tool: `pario check (${files} lines)`,
      pario: true,
      pair: 'check',
      unavailable: PARIO_ALWAYS,
      command: () => ({ ...parioCli(['check', '-j', ctx.jobs, sums]), stdoutFile: checked('pario') }),
      prepare: async () => rmSync(checked('pario'), { force: true }),
      validate: async () => okLines(checked('pario'), files),
    },
    {
      tool: 'sha256sum -c',
      pair: 'check',
      unavailable: needTools('sha256sum'),
      command: () => ({ ...tool('sha256sum', ['-c', sums]), stdoutFile: checked('sha256sum') }),
      prepare: async () => rmSync(checked('sha256sum'), { force: true }),
      validate: async () => okLines(checked('sha256sum'), files),
    },
  ];
  return {
    group: GROUP,
    id: `${GROUP}/files-${files}`,
    title: `nothing to do: an unchanged rerun and a check of ${files} small files (${files / PER_FOLDER} folders)`,
    inputBytes: 0,
    inputFiles: files,
    items: files,
    entries,
    setup: async () => {
      makeTree(tree, files);
      removeOutputs(tree, manifest);
      // The list first: the inputs only, not the outputs the first run adds beside them.
      const listed = execFileSync(process.execPath, [PARIO_BIN, 'hash', '-j', String(ctx.jobs), tree], { maxBuffer: 1 << 30 });
      writeFileSync(sums, listed);
      execFileSync(process.execPath, [PARIO_BIN, ...compress.map(String)], { stdio: 'ignore' });
      ctx.log(`rerun tree: ${files} files in ${tree}`);
    },
  };
}

/** `files` small text files, PER_FOLDER to a folder; kept between bench runs (marked by the count). */
function makeTree(tree: string, files: number): void {
  const mark = join(tree, '..', `made-${files}`);
  if (existsSync(mark)) return;
  rmSync(tree, { recursive: true, force: true });
  for (let i = 0; i < files; i += 1) {
    const folder = join(tree, `d${Math.floor(i / PER_FOLDER)}`);
    if (i % PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `f${i % PER_FOLDER}.txt`), `file ${i} `.repeat(20));
  }
  writeFileSync(mark, '');
}

function removeOutputs(tree: string, manifest: string): void {
  rmSync(manifest, { force: true });
  for (const folder of readdirSync(tree)) {
    for (const name of readdirSync(join(tree, folder))) if (name.endsWith('.gz')) unlinkSync(join(tree, folder, name));
  }
}

/** pario's manifest layout: a header line, one entry a line, a closing line. */
function manifestEntries(manifest: string): number {
  return existsSync(manifest) ? readFileSync(manifest, 'utf8').split('\n').filter((l) => l.startsWith('"')).length : 0;
}

async function okLines(path: string, files: number): Promise<string | undefined> {
  const ok = readFileSync(path, 'utf8').split('\n').filter((l) => l.endsWith(': OK')).length;
  return ok === files ? undefined : `${ok} of ${files} lines said OK`;
}

