import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseDuration, parseShardFlag, parseSize } from '../flags/index.js';
import type { Selection } from '../runs/index.js';

/** The cron-mode flags as commander leaves them. */
export interface CronFlags {
  readonly manifest?: string;
  readonly lock?: string;
  readonly wait?: string;
  readonly olderThan?: string;
  readonly newerThan?: string;
  readonly maxSize?: string;
  readonly minSize?: string;
  readonly shard?: string;
  readonly dryRun?: boolean;
  readonly report?: string;
  readonly log?: string;
}

/** Adds the unattended-run flags to a command (compress and hash); --min-size too unless the command has its own. */
export function addCronOptions(cmd: Command, withMinSize: boolean): Command {
  if (withMinSize) cmd.option('--min-size <size>', 'only files of at least this size (e.g. 4k)');
  return cmd
    .option('--manifest <file>', 'incremental: skip inputs whose size, mtime (ns) and inode are unchanged since the run that wrote FILE')
    .option('--lock <file>', 'hold this lock for the run (default with --manifest: FILE.lock); another run waits or exits 75')
    .option('--wait <duration>', 'wait this long for the lock (e.g. 30s, 10m) before exiting 75', '0')
    .option('--older-than <duration>', 'only files last modified longer ago than this (e.g. 1d, 12h)')
    .option('--newer-than <duration>', 'only files modified within this time (e.g. 2h)')
    .option('--max-size <size>', 'only files of at most this size (e.g. 100M)')
    .option('--shard <k/n|auto>', 'only the K-th of N deterministic shares of the inputs (by a hash of the relative path); '
      + 'auto or auto/N: K and N from the batch engine (Kubernetes, AWS Batch, Slurm, GitLab, Cloud Run, Google Batch)')
    .option('-n, --dry-run', 'print what would be done, with byte totals; touch nothing')
    .option('--report <file>', 'write a JSON summary of the run to FILE (atomically)')
    .option('--log <file>', 'append one NDJSON event per file, then a summary, to FILE');
}

export interface CronSettings {
  /** The run's folder (recorded in the manifest). */
  readonly cwd: string;
  readonly selection: Selection;
  readonly manifestPath?: string | undefined;
  readonly lockPath?: string | undefined;
  readonly waitMs: number;
  readonly dryRun: boolean;
  readonly reportPath?: string | undefined;
  readonly logPath?: string | undefined;
}

/** Flags → settings; a bad value throws OptionError (exit 2) naming the flag (`--shard auto` reads `env`). */
export function cronSettings(flags: CronFlags, cwd: string, commandHasMinSize = false, env: NodeJS.ProcessEnv = process.env): CronSettings {
  const minSize = commandHasMinSize || flags.minSize === undefined ? undefined : parseSize('min-size', flags.minSize);
  const manifestPath = flags.manifest === undefined ? undefined : resolve(cwd, flags.manifest);
  const lockPath = flags.lock !== undefined ? resolve(cwd, flags.lock) : manifestPath !== undefined ? `${manifestPath}.lock` : undefined;
  return {
    cwd,
    selection: {
      olderThanMs: flags.olderThan === undefined ? undefined : parseDuration('older-than', flags.olderThan),
      newerThanMs: flags.newerThan === undefined ? undefined : parseDuration('newer-than', flags.newerThan),
      maxSize: flags.maxSize === undefined ? undefined : parseSize('max-size', flags.maxSize),
      minSize,
      shard: flags.shard === undefined ? undefined : parseShardFlag(flags.shard, env),
    },
    manifestPath,
    lockPath,
    waitMs: parseDuration('wait', flags.wait ?? '0'),
    dryRun: flags.dryRun === true,
    reportPath: flags.report === undefined ? undefined : resolve(cwd, flags.report),
    logPath: flags.log === undefined ? undefined : resolve(cwd, flags.log),
  };
}
