// compressFile(): one file → one compressed file, block-parallel. Writes a temp file next to the output with
// positional writes, checks the input did not change, copies mode and mtime, then renames it into place.
import type { FileHandle } from 'node:fs/promises';
import { constants } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { FileError, OptionError } from '../errors.js';
import { FILE_CHANGED, NOT_REGULAR } from '../../workers/protocol.js';
import { tempPathFor } from '../../workers/temp-name.js';
import type { EncodeSummary, OutputMode, WritePiece } from './encode.js';
import { encodeBlocks } from './encode.js';
import { FORMAT_EXTENSION } from './format.js';
import { handleReader, handleWriter, withStreamWriter, writesToFd } from './io.js';
import { resolveIo } from './io-mode.js';
import type { BigFileOptions, ResolvedBigFileOptions } from './options.js';
import { resolveBigFileOptions, windowSize } from './options.js';
import { withPool } from './pool.js';
import { SlotRing } from './ring.js';
import type { SourceBlock } from './sources.js';
import { fileRanges, ringRanges } from './sources.js';

export interface CompressFileOptions extends BigFileOptions {
  /** Output path. @default path + '.gz' / '.zz' / '.deflate' / '.zst' */
  readonly output?: string;
  /** Replace an existing output. @default false */
  readonly overwrite?: boolean;
  /**
   * Keep the output only when it is at least this many times smaller than the input (`--min-ratio`); otherwise
   * nothing is written (an existing output stays as it was) and `kept` is false. @default 0: always keep
   */
  readonly minRatio?: number;
  /** fsync the output and its folder before resolving. @default false */
  readonly fsync?: boolean;
}

export interface CompressFileResult extends EncodeSummary {
  readonly path: string;
  readonly output: string;
  /** False when `minRatio` rejected the output: no file was written. */
  readonly kept: boolean;
}

/** O_NONBLOCK: opening a FIFO must not wait for a writer (it is then refused as not a regular file). */
const READ_NONBLOCK = constants.O_RDONLY | constants.O_NONBLOCK;

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

/** Compresses an open regular file with the resolved I/O mode, writing pieces through `write`. */
async function encodeHandle(
  path: string, handle: FileHandle, options: ResolvedBigFileOptions, write: WritePiece, outputMode: OutputMode = 'moved',
): Promise<EncodeSummary> {
  const before = await handle.stat();
  if (before.isDirectory()) throw new FileError(path, 'EISDIR', 'is a directory');
  if (!before.isFile()) throw new FileError(path, NOT_REGULAR, 'not a regular file');
  const independent = options.independent || options.format === 'zstd';
  const summary = await withPool(options, (pool) => {
    let source: Iterable<SourceBlock> | AsyncIterable<SourceBlock>;
    if (resolveIo(options.io, before.dev) === 'parallel') {
      source = fileRanges(path, before, options.blockSize, independent);
    } else {
      const ring = new SlotRing(windowSize(pool.jobs), options.blockSize);
      source = ringRanges(path, before.size, ring, handleReader(handle, path), independent);
    }
    return encodeBlocks(source, pool, options, write, outputMode);
  });
  const after = await handle.stat();
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || summary.bytesIn !== before.size) {
    throw new FileError(path, FILE_CHANGED, 'file changed while being compressed');
  }
  return summary;
}

/** Compress `path` to `options.output` (default: path + extension) with every worker on the one file. */
export async function compressFile(path: string, options: CompressFileOptions = {}): Promise<CompressFileResult> {
  if (typeof path !== 'string' || path === '') throw new OptionError('path', 'a non-empty string', path);
  const resolved = resolveBigFileOptions(options);
  const output = options.output ?? path + FORMAT_EXTENSION[resolved.format];
  const minRatio = options.minRatio ?? 0;
  if (typeof minRatio !== 'number' || !(minRatio >= 0)) throw new OptionError('minRatio', 'a number from 0 up', options.minRatio);
  if (options.overwrite !== true && await exists(output)) throw new FileError(output, 'EEXIST', 'already exists');
  const input = await open(path, READ_NONBLOCK);
  // The temp name of every pario output (workers/temp-name.ts), so sweepTemps finds leftovers.
  const temp = tempPathFor(output);
  let out: FileHandle | undefined;
  let renamed = false;
  try {
    out = await open(temp, 'wx', 0o600);
    const summary = await encodeHandle(path, input, resolved, handleWriter(out), 'slots'); // writes finish before resolving
    // Decided before the rename: a rejected output never replaces what is there (the finally removes the temp).
    if (minRatio > 0 && summary.bytesOut * minRatio >= summary.bytesIn) return { ...summary, path, output, kept: false };
    const info = await input.stat();
    await out.chmod(info.mode & 0o7777);
    await out.utimes(info.atime, info.mtime);
    if (options.fsync === true) await out.sync();
    await out.close();
    out = undefined;
    await rename(temp, output);
    renamed = true;
    if (options.fsync === true) await syncFolder(dirname(output));
    return { ...summary, path, output, kept: true };
  } finally {
    await out?.close();
    await input.close();
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
}

/**
 * Compress `path`, handing the output pieces in order to `write` (for callers that own the output, e.g. the
 * many-files compress path writing its own temp file). Throws FileError (ERR_FILE_CHANGED, ENOENT, …) on failure.
 */
export async function encodeFile(path: string, write: WritePiece, options: BigFileOptions = {}, outputMode: OutputMode = 'moved'): Promise<EncodeSummary> {
  const resolved = resolveBigFileOptions(options);
  const input = await open(path, READ_NONBLOCK);
  try {
    return await encodeHandle(path, input, resolved, write, outputMode);
  } finally {
    await input.close();
  }
}

/** Compress `path` into a stream (`pario compress -c big.log > big.log.gz`). The stream is not ended. */
export function compressFileTo(path: string, writable: Writable, options: BigFileOptions = {}): Promise<EncodeSummary> {
  // To a file descriptor (stdout): blocks come back through shared slots, written before the slot is reused (fresh
  // memory per block costs page faults: 0.5 s of a 512 MiB zstd run). Other streams may keep chunks: moved buffers.
  const fd = writesToFd(writable);
  return withStreamWriter(writable, (write) => encodeFile(path, write, options, fd ? 'slots' : 'moved'), fd);
}
