// decompressFileTo() and decompressStream(): one compressed file, or compressed bytes arriving on a stream, decoded by
// a worker into a writable (`pario decompress -c`) in bounded memory: the worker sends output chunks as it makes them,
// at most a few unwritten, so a 2 GB output costs megabytes, not gigabytes. A small file's output is verified whole
// before its first byte is written; a larger one (and any stream) is written as it decodes, as `gzip -dc` does, so
// bytes may precede the error of a file that turns out corrupt further on.
import { MessageChannel } from 'node:worker_threads';
import type { Readable, Writable } from 'node:stream';
import type { DecodePortMessage, DecodePortReply, EncodeResult, EncodeTask } from '../../workers/compress-protocol.js';
import { DECODE_PORT_WINDOW, STREAM_CHUNK } from '../../workers/compress-protocol.js';
import { closeSync } from 'node:fs';
import { outputLimit, outputTooLarge } from '../../workers/compress-protocol.js';
import { namedRef } from '../../workers/file-protocol.js';
import { openInput } from '../../workers/open.js';
import type { InputFile } from '../../workers/open.js';
import { decodeFrames, scanInput } from '../bigfile/decode-frames.js';
import { withStreamWriter, writesToFd } from '../bigfile/io.js';
import { abortError, FileError, OptionError } from '../errors.js';
import { onHandle } from '../pool/handles.js';
import { createPool } from '../pool/pool.js';
import { runTask } from '../pool/tasks.js';
import type { ParioPool } from '../pool/pool.js';
import type { Pario } from '../pario.js';
import { normalizeCompressOptions } from './options.js';
import type { ResolvedCompressOptions } from './options.js';
import { givenPath } from '../planner/place.js';

export interface DecompressToOptions {
  /** Folder a relative path is relative to. @default process.cwd() */
  readonly cwd?: string;
  /** Worker threads decoding a multi-frame .zst or indexed .gz file (pario's big-file output). @default os.availableParallelism() */
  readonly jobs?: number;
  /** Refuse an output larger than this (bytes; 0: no limit). @default 1000 × the input size, at least 1 GiB */
  readonly maxOutput?: number;
  /** Decode on the threads of this createPario handle (not closed afterwards; `jobs` is then the handle's). */
  readonly pario?: Pario;
  readonly signal?: AbortSignal;
}

/**
 * Decompress one .gz .zz .br .zst file into `writable` (not ended). Rejects with a FileError naming the cause. A .zst
 * file of several frames that declare their sizes, or a .gz with pario's index (pario's big-file outputs), is decoded
 * on `jobs` threads.
 */
export async function decompressFileTo(path: string, writable: Writable, options: DecompressToOptions = {}): Promise<{ bytesOut: number }> {
  if (typeof path !== 'string' || path === '') throw new OptionError('path', 'a file path', path);
  const { pool: given, rest } = onHandle(options);
  const o = normalizeCompressOptions(rest);
  const abs = givenPath(o.cwd, path);
  const framed = await framesTo(abs, path, writable, o, given);
  return framed ?? run({ abs, path, maxOutput: o.maxOutput }, undefined, writable, o.signal, given);
}

/** A multi-frame .zst or indexed .gz decoded on every core into `writable`; undefined for any other input. */
async function framesTo(
  abs: string, path: string, writable: Writable, o: ResolvedCompressOptions, given: ParioPool | undefined,
): Promise<{ bytesOut: number } | undefined> {
  const at = namedRef(abs);
  let input: InputFile;
  try {
    input = openInput(at);
  } catch {
    return undefined; // the one-worker path opens it again and names the failure
  }
  try {
    const scan = scanInput(input);
    if ('serial' in scan) return undefined;
    const limit = outputLimit(o.maxOutput, input.size);
    if (scan.contentSize > limit) {
      const refused = outputTooLarge(limit, o.maxOutput !== null) as Error & { code: string };
      throw new FileError(path, refused.code, refused.message);
    }
    const pool = given ?? createPool(o.jobs, ['frames']);
    try {
      // To a descriptor (stdout): pieces are written from the shared slots, each done before its slot is reused.
      const bytesOut = await withStreamWriter(writable, (write) => decodeFrames(path, at, input, scan, pool, async (bytes) => {
        await write(writesToFd(writable) ? bytes : bytes.slice());
      }, { signal: o.signal }), true);
      return { bytesOut };
    } finally {
      if (given === undefined) await (o.signal?.aborted === true ? pool.destroy() : pool.close());
    }
  } finally {
    closeSync(input.fd);
  }
}

/**
 * Decompress gzip, zlib or zstd bytes from `readable` into `writable` (not ended): the format from the first bytes
 * (brotli has no magic bytes, so it cannot be told from a stream). Rejects with a FileError named '-'.
 */
export function decompressStream(readable: Readable | AsyncIterable<Uint8Array | string>, writable: Writable,
  options: DecompressToOptions = {}): Promise<{ bytesOut: number }> {
  const { pario: _pario, ...rest } = options; // one worker of its own: a stream is decoded in order
  const o = normalizeCompressOptions(rest);
  return run({ abs: '', path: '-', maxOutput: o.maxOutput }, readable[Symbol.asyncIterator](), writable, o.signal);
}

/** One `encode` task streaming the input through its decoder: on the handle's pool when given, else on one thread of its own. */
async function run(task: Omit<EncodeTask, 'port' | 'ring'>, input: AsyncIterator<Uint8Array | string> | undefined, writable: Writable,
  signal: AbortSignal | undefined, given?: ParioPool): Promise<{ bytesOut: number }> {
  const pool = given ?? createPool(1, ['encode']);
  const { port1, port2 } = new MessageChannel();
  const ring = new SharedArrayBuffer(DECODE_PORT_WINDOW * STREAM_CHUNK);
  const stop = new AbortController();
  const abort = (): void => stop.abort(signal?.reason);
  signal?.addEventListener('abort', abort, { once: true });
  if (signal?.aborted === true) abort(); // a signal that came before the stream started (no 'abort' event will come)
  let failure: unknown;
  const fail = (error: unknown): void => {
    failure ??= error;
    stop.abort(error);
  };
  const reply = (message: DecodePortReply, transfer: ArrayBuffer[] = []): void => port1.postMessage(message, transfer);
  // Ending early closes the port at once: a worker waiting for an acknowledgement or for input then stops.
  stop.signal.addEventListener('abort', () => port1.close(), { once: true });
  try {
    return await withStreamWriter(writable, async (write) => {
      let written: Promise<void> = Promise.resolve(); // chunks are written in the order they come
      port1.on('message', (message: DecodePortMessage) => {
        if (message.kind === 'output') {
          const view = new Uint8Array(ring, message.slot * STREAM_CHUNK, message.bytes);
          written = written.then(() => write(view)).then(() => reply({ kind: 'written' }), fail);
          return;
        }
        void (input?.next() ?? Promise.resolve({ done: true, value: undefined })).then((next) => {
          if (next.done === true) return reply({ kind: 'input', chunk: null });
          const copy = typeof next.value === 'string' ? Buffer.from(next.value) : Uint8Array.prototype.slice.call(next.value);
          return reply({ kind: 'input', chunk: copy }, [copy.buffer as ArrayBuffer]);
        }).catch(fail);
      });
      let result: EncodeResult;
      try {
        result = await runTask(pool, 'encode', { ...task, port: port2, ring }, stop.signal, [port2]);
      } catch (error) {
        throw failure ?? (signal?.aborted === true ? abortError(signal) : error);
      }
      await written;
      if (failure !== undefined) throw failure;
      if (!result.ok) throw new FileError(task.path, result.code, result.message);
      return { bytesOut: 'streamed' in result ? result.streamed : 0 };
    }, true); // a slot is reused once acknowledged: acknowledge only when the stream is done with its bytes
  } finally {
    signal?.removeEventListener('abort', abort);
    port1.close();
    if (given === undefined) await (stop.signal.aborted ? pool.destroy() : pool.close());
  }
}
