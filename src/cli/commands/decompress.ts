// `pario decompress` (`pario -d`) and `pario test` (`pario -t`).
import type { Command } from 'commander';
import type { CompressOptions, ResolvedCompressOptions } from '../../compress/index.js';
import { baseOptions } from '../base-options.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { sizeArg as size } from '../args.js';
import { FILES_AND_MANIFEST, loadInTurn } from '../load.js';

/** The output flags compress and decompress share. */
export interface OutputFlags {
  readonly force?: boolean;
  readonly rm?: boolean;
  readonly outDir?: string;
  readonly stdout?: boolean;
  readonly fsync?: boolean;
  readonly failFast?: boolean;
}

/** The library options the shared output flags (and the program-wide ones) stand for. */
export function outputOptions(flags: OutputFlags & GlobalOptions, signal: AbortSignal): CompressOptions {
  return {
    ...baseOptions(flags, signal),
    ...(flags.force === true ? { force: true } : {}),
    ...(flags.rm === true ? { remove: true } : {}),
    ...(flags.fsync === true ? { fsync: true } : {}),
    ...(flags.failFast === true ? { failFast: true } : {}),
    ...(flags.outDir === undefined ? {} : { outDir: flags.outDir }),
  };
}

interface DecompressFlags extends OutputFlags {
  readonly maxOutput?: number;
}

/** --max-output: a size, or 0 / none for no limit. */
function maxOutputArg(value: string): number {
  return value.trim().toLowerCase() === 'none' ? 0 : size(value);
}

export function registerDecompress(program: Command, ctx: CliContext): void {
  program
    .command('decompress')
    .description('restore .gz .zz .br .zst (.tgz .tzst) files beside themselves; format from magic bytes (also: pario -d); '
      + "pario's own multi-frame .zst is decoded on every core")
    .argument('<patterns...>', 'files, folders or fast-glob patterns')
    .option('-k, --keep', 'keep the compressed files (the default; accepted for gzip habits)')
    .option('-f, --force', 'replace existing outputs')
    .option('--rm', 'delete each compressed file once its output is in place')
    .option('-o, --out-dir <dir>', 'write outputs under DIR, mirroring the tree relative to the patterns\' base')
    .option('-c, --stdout', "write the decompressed bytes of ONE file ('-': standard input) to stdout")
    .option('--fsync', 'fsync each output and its folder before reporting it done')
    .option('--fail-fast', 'stop at the first failed file: end the work in flight, remove its temp files, exit 1')
    .option('--max-output <bytes>', 'refuse a file that decompresses to more than this, e.g. 10G; 0 or none: no limit '
      + '(default: 1000 × the file\'s size, at least 1G)', maxOutputArg)
    .action(async (patterns: string[], _opts: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<DecompressFlags & GlobalOptions>();
      const { normalizeCompressOptions } = await import('../../compress/index.js'); // engines load on use only
      const options = (): ResolvedCompressOptions => normalizeCompressOptions({
        ...outputOptions(flags, ctx.signal),
        ...(flags.maxOutput === undefined ? {} : { maxOutput: flags.maxOutput }),
      });
      ctx.exit(flags.stdout === true
        ? await (await import('./stdout.js')).toStdout('decompress', patterns, options, ctx)
        : await (await loadCodecRun()).runCodecCli('decompress', patterns, options, flags, ctx));
    });
  program
    .command('test')
    .description('check that every matching compressed file decompresses completely; writes nothing (also: pario -t)')
    .argument('<patterns...>', 'files, folders or fast-glob patterns')
    .option('--max-output <bytes>', 'count a file that decompresses to more than this as bad; 0 or none: no limit '
      + '(default: 1000 × the file\'s size, at least 1G)', maxOutputArg)
    .option('--fail-fast', 'stop at the first bad file, exit 1')
    .action(async (patterns: string[], _opts: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<DecompressFlags & GlobalOptions>();
      const { normalizeCompressOptions } = await import('../../compress/index.js');
      const options = (): ResolvedCompressOptions => normalizeCompressOptions({
        ...outputOptions(flags, ctx.signal), // test takes only --fail-fast of them
        ...(flags.maxOutput === undefined ? {} : { maxOutput: flags.maxOutput }),
      });
      ctx.exit(await (await loadCodecRun()).runCodecCli('test', patterns, options, flags, ctx));
    });
}

/** The run loop of compress, decompress and test, after the entries it uses (load.ts). */
export function loadCodecRun(): Promise<typeof import('./codec-run.js')> {
  return loadInTurn(FILES_AND_MANIFEST, () => import('./codec-run.js'));
}
