// `-c/--stdout`: one input, compressed or decompressed by a worker into shared memory, then written to stdout.
import type { EncodeResult, EncodeTask } from '../../../workers/compress-protocol.js';
import type { ResolvedCompressOptions } from '../../compress/options.js';
import type { CodecKind } from '../../compress/task.js';
import { findFiles, type FoundFile } from '../../planner/find.js';
import { stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { compressFileTo } from '../../bigfile/compress-file.js';
import { compressStream } from '../../bigfile/compress-stream.js';
import type { BlockFormat } from '../../bigfile/container.js';
import { BIG_FILE_MIN } from '../../compress/route.js';
import { FileError } from '../../errors.js';
import { createPool } from '../../pool/pool.js';
import { decompressFileTo, decompressStream } from '../../compress/decompress-to.js';
import { EXIT } from '../context.js';
import type { CliContext } from '../context.js';
import { errorLine, write } from '../output.js';
import { fsPath } from '../../../workers/names.js';

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
    try {
      await compressFileTo(file.abs, io.stdout as unknown as Writable, {
        format: blockFormat,
        level: spec.level,
        jobs: o.jobs,
        signal: o.signal,
        ...blockSizeOf(o),
        ...(o.bigFile.io === undefined ? {} : { io: o.bigFile.io }),
      });
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      io.stderr.write(errorLine(file.path, error.message.replace(/^[^:]*: /, '')));
      return EXIT.failures;
    }
  }
  // By its path (the walk's folder handle is closed by now: -c only reads), never through a link the walk met.
  const at = { dir: null, name: file.abs, follow: file.at?.follow ?? true };
  const task: EncodeTask = { abs: file.abs, at, path: file.path, maxOutput: o.maxOutput, ...(spec === undefined ? {} : { spec }) };
  const pool = createPool(1, ['encode']);
  let result: EncodeResult;
  try {
    result = await pool.run('encode', task, { signal: o.signal });
  } finally {
    await pool.close();
  }
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
  const options = { signal: o.signal, jobs: o.jobs, ...(o.maxOutput === null ? {} : { maxOutput: o.maxOutput }) };
  const stdin = patterns.length === 1 && patterns[0] === '-';
  const file = stdin ? { abs: '-', path: '-' } : await oneFile(patterns, o, ctx);
  if (file === undefined) return EXIT.usage;
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
  }
}

const BLOCK_FORMAT: Readonly<Record<string, BlockFormat>> = { gzip: 'gzip', deflate: 'zlib', zstd: 'zstd' };

function blockSizeOf(o: ResolvedCompressOptions): { blockSize?: number } {
  return o.bigFile.blockSize === undefined ? {} : { blockSize: o.bigFile.blockSize };
}
