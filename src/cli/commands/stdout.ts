// `-c/--stdout`: one input, compressed or decompressed by a worker into shared memory, then written to stdout.
import { compressFileTo, compressStream, decompressFileTo, decompressStream, encodeWhole } from '../../compress/index.js';
import type { BlockFormat, CodecKind, ResolvedCompressOptions } from '../../compress/index.js';
import { findFiles, type FoundFile } from '../../planner/index.js';
import { stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { FileError } from '../../errors.js';
import { BIG_FILE_MIN, fsPath } from '../../system/index.js';
import { EXIT } from '../context.js';
import type { CliContext } from '../context.js';
import { errorLine, write } from '../output.js';

export async function toStdout(
  kind: CodecKind, patterns: readonly string[], options: () => ResolvedCompressOptions, ctx: CliContext,
): Promise<number> {
  const { io } = ctx;
  const o = options();
  const spec = o.specs[0];
  if (kind === 'compress' && (o.specs.length !== 1 || spec === undefined)) {
    io.stderr.write('pario: -c/--stdout writes one algorithm; name only one of --gzip --deflate --brotli --zstd\n');
    return EXIT.usage;
  }
  if (kind === 'decompress') return decompressTo(patterns, o, ctx);
  const blockFormat = kind === 'compress' && spec !== undefined ? BLOCK_FORMAT[spec.algorithm] : undefined;
  if (blockFormat !== undefined && spec !== undefined && patterns.length === 1 && patterns[0] === '-') {
    // `cat x | pario compress -c > x.gz`: standard input through the same block-parallel path.
    if (io.stdin === undefined) throw new Error('no standard input');
    const streamOptions = { format: blockFormat, level: spec.level, jobs: o.jobs, signal: o.signal, end: false, ...blockSizeOf(o) };
    await compressStream(io.stdin as Readable, io.stdout as unknown as Writable, streamOptions);
    return EXIT.ok;
  }
  const file = await oneFile(patterns, o, ctx);
  if (file === undefined) return EXIT.usage;
  const big = (): Promise<boolean> => stat(fsPath(file.abs)).then((st) => st.size >= BIG_FILE_MIN, () => false);
  if (blockFormat !== undefined && spec !== undefined && (await big())) {
    const pario = ctx.early?.take(o.jobs, ['blocks']); // else compressFileTo starts threads of its own
    try {
      await compressFileTo(file.abs, io.stdout as unknown as Writable, {
        format: blockFormat,
        level: spec.level,
        signal: o.signal,
        ...blockSizeOf(o),
        ...(o.bigFile.io === undefined ? {} : { io: o.bigFile.io }),
        ...(pario === undefined ? { jobs: o.jobs } : { pario }),
      });
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      io.stderr.write(errorLine(file.path, error.message.replace(/^[^:]*: /, '')));
      return EXIT.failures;
    } finally {
      await (o.signal?.aborted === true ? pario?.destroy() : pario?.close());
    }
  }
  const result = await encodeWhole(file, o, spec);
  if (!result.ok) {
    io.stderr.write(errorLine(file.path, `${result.message} (${result.code})`));
    return EXIT.failures;
  }
  if ('data' in result) await write(io.stdout, Buffer.from(result.data));
  return EXIT.ok;
}

/** The one file -c works on; undefined (said on stderr) when the patterns match none or several. */
async function oneFile(patterns: readonly string[], o: ResolvedCompressOptions, ctx: CliContext): Promise<FoundFile | undefined> {
  const found = [];
  for await (const file of findFiles(patterns, o)) {
    found.push(file);
    if (found.length > 1) break;
  }
  const file = found[0];
  if (file === undefined || found.length > 1) {
    ctx.io.stderr.write(`pario: -c/--stdout takes exactly one file, the patterns matched ${found.length > 1 ? 'several' : 'none'}\n`);
    return undefined;
  }
  return file;
}

/** `decompress -c FILE` and `decompress -c -` (standard input): decoded by a worker, written as it comes. */
async function decompressTo(patterns: readonly string[], o: ResolvedCompressOptions, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const stdin = patterns.length === 1 && patterns[0] === '-';
  const file = stdin ? { abs: '-', path: '-' } : await oneFile(patterns, o, ctx);
  if (file === undefined) return EXIT.usage;
  const pario = stdin ? undefined : ctx.early?.take(o.jobs, ['frames']); // else a multi-frame or indexed file starts threads of its own
  const options = {
    signal: o.signal, ...(o.maxOutput === null ? {} : { maxOutput: o.maxOutput }), ...(pario === undefined ? { jobs: o.jobs } : { pario }),
  };
  try {
    if (stdin) {
      if (io.stdin === undefined) throw new Error('no standard input');
      await decompressStream(io.stdin as Readable, io.stdout as unknown as Writable, options);
    } else {
      await decompressFileTo(file.abs, io.stdout as unknown as Writable, options);
    }
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    io.stderr.write(errorLine(file.path, `${error.message.slice(error.path.length + 2)} (${error.fileCode})`));
    return EXIT.failures;
  } finally {
    await (o.signal?.aborted === true ? pario?.destroy() : pario?.close());
  }
}

const BLOCK_FORMAT: Readonly<Record<string, BlockFormat>> = { gzip: 'gzip', deflate: 'zlib', zstd: 'zstd' };

function blockSizeOf(o: ResolvedCompressOptions): { blockSize?: number } {
  return o.bigFile.blockSize === undefined ? {} : { blockSize: o.bigFile.blockSize };
}
