import { availableParallelism } from 'node:os';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { parseSize } from '../flags/index.js';

/** Commander parser for a positive integer (`-j 4`). */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected an integer from 1 up.');
  return n;
}

/** Commander parser for a size (`4096`, `64k`, `1M`, `2G`: powers of 1024, the units of the cron flags). */
export function sizeArg(value: string): number {
  try {
    return parseSize('size', value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** Commander parser for a repeatable option (`--exclude a --exclude b`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Options every subcommand takes, declared on the program so they work before or after the subcommand name. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('-j, --jobs <n>', `worker threads (default: ${availableParallelism()}, the available cores)`, positiveInt)
    .option('-q, --quiet', 'print only errors')
    .option('--json', 'print NDJSON events on stdout (one per file, then a summary)')
    .option('--no-progress', 'never draw the progress line (it is drawn only when stderr is a terminal)')
    .option('--exclude <glob>', 'leave out matching paths (repeatable; a pattern without / matches a name at any depth)', collect)
    .option('--ignore-file <file>', 'leave out what FILE\'s .gitignore-style rules match '
      + '(relative to the current folder; repeatable)', collect)
    .option('--gitignore', 'honour the .gitignore files of the tree (nested ones apply to their folder, as in git); leave out .git')
    .option('--dot', 'glob patterns also match names that start with a dot (a folder argument always includes them)')
    .option('--follow', 'follow symbolic links met while walking folders (without it each link met is named as an error, exit 1)');
}
