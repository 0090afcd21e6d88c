// compressFile(): one file → one compressed file, block-parallel. Opens the input and writes a temp file next to
// the output through the file layer (workers/open.ts, workers/output-file.ts), with positional writes, checks the
// input did not change, copies owner, mode and mtime, then renames it into place.
import { closeSync, fstat, fsync, read, write as writeFd } from 'node:fs';
import type { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { FileError, OptionError } from '../errors.js';
import type { FileRef, OutputId } from '../../workers/file-protocol.js';
import { namedRef, shownPath } from '../../workers/file-protocol.js';
import { openInput } from '../../workers/open.js';
import type { InputFile } from '../../workers/open.js';
import { checkTarget, commitTemp, discardTemp, openTemp, syncFolder } from '../../workers/output-file.js';
import type { TempFile } from '../../workers/output-file.js';
import { FILE_CHANGED } from '../../workers/protocol.js';
import type { EncodeSummary, OutputMode, WritePiece } from './encode.js';
import { encodeBlocks } from './encode.js';
import { FORMAT_EXTENSION } from './container.js';
import { withStreamWriter, writesToFd } from './io.js';
import { resolveIo } from './io-mode.js';
import type { BigFileOptions, ResolvedBigFileOptions } from './options.js';
import { resolveBigFileOptions, windowSize } from './options.js';
import { withPool } from './pool.js';
import { SlotRing } from './ring.js';
import type { ReadInto, SourceBlock } from './sources.js';
import { fileRanges, ringRanges } from './sources.js';

const readAsync = (fd: number, view: Uint8Array, offset: number, length: number, position: number): Promise<number> =>
  new Promise((resolve, reject) => read(fd, view, offset, length, position, (error, n) => (error === null ? resolve(n) : reject(error))));
const writeAsync = (fd: number, bytes: Uint8Array, offset: number, length: number, position: number): Promise<number> =>
  new Promise((resolve, reject) => {
    writeFd(fd, bytes, offset, length, position, (error, n) => (error === null ? resolve(n) : reject(error)));
  });
const fstatAsync = promisify(fstat);
const fsyncAsync = promisify(fsync);

/**
 * commitTemp for a big output: its fsync (seconds for gigabytes) runs on libuv's threads, not on the main thread, which
 * goes on serving the other files' tasks meanwhile.
 */
export async function commitAsync(
  temp: TempFile, input: InputFile, options: { fsync: boolean; identify: boolean },
): Promise<OutputId | undefined> {
  if (options.fsync) await fsyncAsync(temp.fd);
  const id = commitTemp(temp, input, { fsync: false, identify: options.identify });
  if (options.fsync) syncFolder(temp.out.dir, temp.out.name);
  return id;
}

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

/** Fills `view` from `position` with positional reads on a raw descriptor; a short read means the file shrank. */
function fdReader(fd: number, path: string): ReadInto {
  return async (view, position) => {
    let done = 0;
    while (done < view.byteLength) {
      const bytesRead = await readAsync(fd, view, done, view.byteLength - done, position + done);
      if (bytesRead === 0) throw new FileError(path, FILE_CHANGED, 'file shrank while being compressed');
      done += bytesRead;
    }
  };
}

/** Positional writes at a running offset (the temp file is ours alone). */
export function fdWriter(fd: number): WritePiece {
  let offset = 0;
  return async (bytes) => {
    let done = 0;
    while (done < bytes.byteLength) {
      const written = await writeAsync(fd, bytes, done, bytes.byteLength - done, offset);
      done += written;
      offset += written;
    }
  };
}

/**
 * Compresses an open regular input with the resolved I/O mode, writing pieces through `write`. Workers reading their
 * own ranges reopen `at` (the same handle route) and check it is still this file (device, inode, size).
 */
async function encodeOpen(
  path: string, input: InputFile, at: FileRef, options: ResolvedBigFileOptions, write: WritePiece, outputMode: OutputMode = 'moved',
): Promise<EncodeSummary> {
  const summary = await withPool(options, (pool) => {
    let source: Iterable<SourceBlock> | AsyncIterable<SourceBlock>;
    if (resolveIo(options.io, input.dev) === 'parallel') {
      source = fileRanges(path, at, input, options.blockSize, options.restart);
    } else {
      const ring = new SlotRing(windowSize(pool.jobs), options.blockSize);
      source = ringRanges(path, input.size, ring, fdReader(input.fd, path), options.restart);
    }
    return encodeBlocks(source, pool, options, write, outputMode);
  });
  if (summary.bytesIn !== input.size) throw new FileError(path, FILE_CHANGED, 'file changed while being compressed');
  await assertUnchanged(path, input, 'compressed');
  return summary;
}

/** Throws ERR_FILE_CHANGED when the open input's size or mtime moved while it was read (`verb`: "compressed", …). */
export async function assertUnchanged(path: string, input: InputFile, verb: string): Promise<void> {
  const after = await fstatAsync(input.fd);
  if (after.size !== input.size || after.mtimeMs !== input.mtimeMs) {
    throw new FileError(path, FILE_CHANGED, `file changed while being ${verb}`);
  }
}

/** Opens `at` through the file layer; its failure as a FileError naming `path`. */
export function openBig(path: string, at: FileRef): InputFile {
  try {
    return openInput(at);
  } catch (error) {
    throw asFileError(path, error);
  }
}

/** A coded error as a FileError naming `path` (its message without the code's own prefix); others unchanged. */
export function asFileError(path: string, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || error instanceof FileError) return error;
  const message = (error as Error).message;
  return new FileError(path, code, /^[A-Z0-9_]+: ([^,]+)/.exec(message)?.[1] ?? message);
}

/** Compress `path` to `options.output` (default: path + extension) with every worker on the one file. */
export async function compressFile(path: string, options: CompressFileOptions = {}): Promise<CompressFileResult> {
  if (typeof path !== 'string' || path === '') throw new OptionError('path', 'a non-empty string', path);
  const resolved = resolveBigFileOptions(options);
  const output = options.output ?? path + FORMAT_EXTENSION[resolved.format];
  const minRatio = options.minRatio ?? 0;
  if (typeof minRatio !== 'number' || !(minRatio >= 0)) throw new OptionError('minRatio', 'a number from 0 up', options.minRatio);
  const out = namedRef(output);
  const input = openBig(path, namedRef(path));
  try {
    if (options.overwrite !== true && checkOutput(output, out, input) === 'exists') throw new FileError(output, 'EEXIST', 'already exists');
    return await compressOpen(path, input, namedRef(path), out, { ...options, minRatio });
  } finally {
    closeSync(input.fd);
  }
}

/** checkTarget() of the file layer, its failure as a FileError naming the output. */
export function checkOutput(output: string, out: FileRef, input: InputFile, owned?: OutputId): 'free' | 'exists' | 'ours' {
  try {
    return checkTarget(out, input, owned);
  } catch (error) {
    throw asFileError(output, error);
  }
}

/**
 * Compresses an open input into `out` through the file layer: a temp file beside it with positional writes, the
 * input checked unchanged, owner, mode and mtime copied, then the rename. The caller checked the target.
 */
export async function compressOpen(
  path: string, input: InputFile, at: FileRef, out: FileRef, options: CompressFileOptions & { identify?: boolean },
): Promise<CompressFileResult & { readonly id?: OutputId | undefined }> {
  const resolved = resolveBigFileOptions(options);
  const output = shownPath(out);
  const minRatio = options.minRatio ?? 0;
  let temp: TempFile;
  try {
    temp = openTemp(out, input);
  } catch (error) {
    throw asFileError(output, error);
  }
  try {
    const summary = await encodeOpen(path, input, at, resolved, fdWriter(temp.fd), 'slots'); // writes finish before resolving
    // Decided before the rename: a rejected output never replaces what is there (the discard removes the temp).
    if (minRatio > 0 && summary.bytesOut * minRatio >= summary.bytesIn) {
      discardTemp(temp);
      return { ...summary, path, output, kept: false };
    }
    const id = await commitAsync(temp, input, { fsync: options.fsync === true, identify: options.identify === true });
    return { ...summary, path, output, kept: true, id };
  } catch (error) {
    discardTemp(temp);
    throw asFileError(output, error);
  }
}

/**
 * Compress `path`, handing the output pieces in order to `write` (for callers that own the output, e.g. the
 * many-files compress path writing its own temp file). Throws FileError (ERR_FILE_CHANGED, ENOENT, …) on failure.
 */
export async function encodeFile(
  path: string, write: WritePiece, options: BigFileOptions = {}, outputMode: OutputMode = 'moved',
): Promise<EncodeSummary> {
  const resolved = resolveBigFileOptions(options);
  const input = openBig(path, namedRef(path));
  try {
    return await encodeOpen(path, input, namedRef(path), resolved, write, outputMode);
  } finally {
    closeSync(input.fd);
  }
}

/** Compress `path` into a stream (`pario compress -c big.log > big.log.gz`). The stream is not ended. */
export function compressFileTo(path: string, writable: Writable, options: BigFileOptions = {}): Promise<EncodeSummary> {
  // To a file descriptor (stdout): blocks come back through shared slots, written before the slot is reused (fresh
  // memory per block costs page faults: 0.5 s of a 512 MiB zstd run). Other streams may keep chunks: moved buffers.
  const fd = writesToFd(writable);
  return withStreamWriter(writable, (write) => encodeFile(path, write, options, fd ? 'slots' : 'moved'), fd);
}
