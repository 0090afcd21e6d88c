// Whole files that may be pipes: checksum files (`pario check <(…)`, a FIFO), manifests, standard input. Nothing here
// blocks a thread: the open is O_NONBLOCK (a blocking open of a FIFO with no writer hangs a libuv thread, and then
// even process.exit() waits for it, so no signal could end the run), pipes and FIFOs are read through the event loop,
// and every read ends on the run's signal. A FIFO with no writer yet is waited for, as sha256sum waits, until a writer
// comes and goes, or the signal.
import { close, closeSync, constants, createReadStream, fstat, fstatSync, open, openSync, readFile, readFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { Socket } from 'node:net';
import { ReadStream, isatty } from 'node:tty';
import { promisify } from 'node:util';
import { abortError, throwIfAborted } from '../errors.js';
import { fsPath } from '../../workers/names.js';

export interface ReadWholeOptions {
  /** Ends the read (of a pipe, a FIFO, a terminal) with an AbortError. */
  readonly signal?: AbortSignal | undefined;
  /** Refuse anything but a regular file (a manifest): an error with code ERR_NOT_REGULAR_FILE naming the kind. */
  readonly regularOnly?: boolean;
}

/** fs.readFile's limit (its kIoMaxLength): a file of this size or more is refused (ERR_FS_FILE_TOO_LARGE). */
const READ_FILE_MAX = 2 ** 31 - 1;

/** The whole content of `path`: a regular file, a FIFO or pipe (/dev/fd/N), a terminal or another device. */
export async function readWhole(path: string, options: ReadWholeOptions = {}): Promise<Buffer> {
  const { fd, st } = await openChecked(path, options);
  if (st.isFile() && st.size < READ_FILE_MAX) return promisify(readFile)(fd).finally(() => close(fd, () => undefined));
  const chunks: Buffer[] = []; // a pipe, a device, or a file fs.readFile refuses (2 GiB and more): read as a stream
  for await (const chunk of abortable(streamOf(fd, st), options.signal)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * The content of `path` as it is read, a piece at a time (a checksum file of any length in little memory). Opening
 * fails as readWhole does (ENOENT, EISDIR, …) before anything is read; the pieces end on the signal.
 */
export async function readChunks(path: string, options: ReadWholeOptions = {}): Promise<AsyncIterable<Buffer>> {
  const { fd, st } = await openChecked(path, options);
  const stream = st.isFile() ? createReadStream('', { fd, highWaterMark: 1 << 20 }) : streamOf(fd, st);
  return abortable(stream as AsyncIterable<Buffer>, options.signal);
}

async function openChecked(path: string, options: ReadWholeOptions): Promise<{ fd: number; st: Stats }> {
  throwIfAborted(options.signal);
  const fd = await promisify(open)(fsPath(path), constants.O_RDONLY | constants.O_NONBLOCK);
  let st: Stats;
  try {
    st = await promisify(fstat)(fd);
  } catch (error) {
    close(fd, () => undefined);
    throw error;
  }
  if (!st.isFile() && (options.regularOnly === true || st.isDirectory())) {
    close(fd, () => undefined);
    throw st.isDirectory()
      ? Object.assign(new Error('Is a directory'), { code: 'EISDIR', path })
      : Object.assign(new Error(`not a regular file (${kindOf(st)})`), { code: 'ERR_NOT_REGULAR_FILE', path });
  }
  return { fd, st };
}

/** A FIFO, socket, terminal or device as a stream, read through the event loop; the stream owns fd from here. */
function streamOf(fd: number, st: Stats): AsyncIterable<Buffer> {
  const stream = st.isFIFO() || st.isSocket()
    ? new Socket({ fd, readable: true, writable: false })
    : isatty(fd) ? new ReadStream(fd) : createReadStream('', { fd });
  return stream as AsyncIterable<Buffer>;
}

/**
 * A small regular file read in this thread (an ignore file, a tree's .gitignore): opened O_NONBLOCK and checked first,
 * so that a FIFO planted under that name fails (ERR_NOT_REGULAR_FILE) instead of blocking the thread for good.
 */
export function readRegularSync(path: string): string {
  const fd = openSync(fsPath(path), constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('Is a directory'), { code: 'EISDIR', path });
    if (!st.isFile()) throw Object.assign(new Error(`not a regular file (${kindOf(st)})`), { code: 'ERR_NOT_REGULAR_FILE', path });
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Iterates `source` until it ends or `signal` aborts: then rejects with an AbortError at once, even while a read is
 * pending, and destroys a stream source (so its handle no longer keeps the process alive).
 */
export async function* abortable<T>(source: AsyncIterable<T>, signal?: AbortSignal): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      (source as { destroy?: () => void }).destroy?.();
      reject(abortError(signal));
    };
  });
  aborted.catch(() => undefined);
  if (signal?.aborted === true) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next.done === true) return;
      yield next.value;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (signal?.aborted !== true) void iterator.return?.()?.catch(() => undefined);
  }
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a file';
}
