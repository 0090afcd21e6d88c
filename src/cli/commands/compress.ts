// `pario compress`: gzip-like flags, several algorithms from one read, safe output.
import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import type { CompressAlgorithm as Algorithm, CompressOptions, normalizeCompressOptions } from '../../compress/index.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { sizeArg as size } from '../args.js';
import { addCronOptions } from '../cron-options.js';
import type { CronFlags } from '../cron-options.js';
import { loadCodecRun, outputOptions, type OutputFlags } from './decompress.js';

interface CompressFlags extends OutputFlags {
  readonly gzip?: boolean;
  readonly deflate?: boolean;
  readonly brotli?: boolean;
  readonly zstd?: boolean;
  readonly level?: number;
  readonly fast?: boolean;
  readonly best?: boolean;
  readonly brotliQuality?: number;
  readonly minSize?: number;
  readonly minRatio?: number;
  readonly removeLarger?: boolean;
  readonly blockSize?: number;
  readonly io?: 'parallel' | 'sequential' | 'auto';
}

function int(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}
function ratio(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number from 0 up, e.g. 1.1.');
  return n;
}

export function registerCompress(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('compress')
    .description('compress every matching file to .gz (default), .zz, .br and/or .zst beside it, reading each file once')
    .argument('<patterns...>', 'files, folders (everything under them) or fast-glob patterns; !pattern excludes')
    .option('--gzip', 'write .gz (the default when no algorithm is named)')
    .option('--deflate', 'write .zz (zlib format)')
    .option('--brotli', 'write .br (quality 11 by default, like the brotli CLI)')
    .option('--zstd', 'write .zst (level 3 by default; needs Node ≥ 22.15 or the optional zstd-napi)')
    .option('--level <n>', 'level for every algorithm (gzip/deflate 1-9, brotli 0-11, zstd 1-19)', int)
    .option('--fast', 'fastest level (-1)')
    .option('--best', 'best level of each algorithm (gzip 9, brotli 11, zstd 19)')
    .option('--brotli-quality <q>', 'brotli quality 0-11 (wins over --level)', int)
    .option('-k, --keep', 'keep the originals (the default; accepted for gzip habits)')
    .option('-f, --force', 'replace existing outputs; also compress already-compressed files (.gz .png .woff2 …)')
    .option('--rm', 'delete each original once all its outputs are in place')
    .option('-o, --out-dir <dir>', 'write outputs under DIR, mirroring the tree relative to the patterns\' base')
    .option('-c, --stdout', 'write the compressed bytes of ONE file to stdout')
    .option('--fsync', 'fsync each output and its folder before reporting it done')
    .option('--fail-fast', 'stop at the first failed file: end the work in flight, remove its temp files, exit 1')
    .option('--min-size <bytes>', 'skip files smaller than this (e.g. 1k)', size)
    .option('--min-ratio <r>', 'keep an output only when it is at least R times smaller than its input', ratio)
    .option('--remove-larger', 'drop outputs that are not smaller than their input (= --min-ratio 1)')
    .option('--block-size <size>', 'big files (8 MiB+): bytes per parallel block (gzip/deflate, default 1M) or frame ' +
      '(zstd, default 8M)', size)
    .addOption(new Option('--io <mode>', 'big files: how blocks are read: parallel (SSD, page cache), sequential (spinning disks), ' +
      'auto (by device)').choices(['parallel', 'sequential', 'auto']));
  addCronOptions(cmd, false);
  cmd.addHelpText('after', `
Big files (8 MiB and more) are compressed by every worker at once: gzip and deflate with pigz's method (one stream,
blocks primed with the previous 32 KiB, identical bytes whatever -j), zstd as independent frames. In a run over many
files (a folder, a glob or several names) to gzip or .zz only, files under 32 MiB are compressed whole by one worker
instead (less CPU and smaller outputs while the other workers take other files), unless --block-size or --io is
given. Brotli cannot be split: a big brotli input is one streaming task on one worker, with bounded memory. '-' reads
standard input (-c).`);
  for (let n = 1; n <= 9; n += 1) cmd.addOption(new Option(`-${n}`, '-1 (fast) … -9 (best): the level, like gzip').hideHelp(n > 1));
  let digit: number | undefined;
  for (let n = 1; n <= 9; n += 1) cmd.on(`option:${n}`, () => void (digit = n));
  cmd.action(async (patterns: string[], _opts: unknown, command: Command) => {
    const flags = command.optsWithGlobals<CompressFlags & GlobalOptions>();
    ctx.exit(await runCompress(patterns, flags, digit, ctx));
  });
}

async function runCompress(
  patterns: string[], flags: CompressFlags & GlobalOptions, digit: number | undefined, ctx: CliContext,
): Promise<number> {
  const algorithms = (['gzip', 'deflate', 'brotli', 'zstd'] as const).filter((a) => flags[a] === true);
  // The engines load only now: `pario --help` or a usage error never pays for them.
  const { normalizeCompressOptions: normalize } = await import('../../compress/index.js');
  const options = (): ReturnType<typeof normalizeCompressOptions> => normalize(toOptions(flags, digit, algorithms, ctx.signal));
  if (flags.stdout === true) return (await import('./stdout.js')).toStdout('compress', patterns, options, ctx);
  return (await loadCodecRun()).runCodecCli('compress', patterns, options, flags, ctx, flags as CronFlags);
}

function toOptions(
  flags: CompressFlags & GlobalOptions, digit: number | undefined, chosen: Algorithm[], signal: AbortSignal,
): CompressOptions {
  const algorithms: Algorithm[] = chosen.length > 0 ? chosen : ['gzip'];
  const level = flags.level ?? digit ?? (flags.fast === true ? 1 : undefined);
  const levels: Partial<Record<Algorithm, number>> = {};
  if (flags.best === true && level === undefined) Object.assign(levels, { gzip: 9, deflate: 9, brotli: 11, zstd: 19 });
  if (flags.brotliQuality !== undefined) levels.brotli = flags.brotliQuality;
  const minRatio = flags.minRatio ?? (flags.removeLarger === true ? 1 : undefined);
  return {
    ...outputOptions(flags, signal),
    algorithms,
    levels,
    ...(level === undefined ? {} : { level }),
    ...(flags.minSize === undefined ? {} : { minSize: flags.minSize }),
    ...(minRatio === undefined ? {} : { minRatio }),
    ...(flags.blockSize === undefined ? {} : { blockSize: flags.blockSize }),
    ...(flags.io === undefined ? {} : { io: flags.io }),
  };
}
