// Main-thread I/O helpers: in-order writers for streams (file outputs are written by compress-file.ts).
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { WritePiece } from './encode.js';

/**
 * Writes to a stream in order, waiting for 'drain' when it asks to (stdout, sockets, pipes). `flushed`: each write
 * also waits for its callback (the bytes have left for the file descriptor), so the caller may reuse the memory.
 */
export function streamWriter(stream: Writable, flushed = false): WritePiece {
  return async (bytes) => {
    if (stream.errored !== null) throw stream.errored;
    if (stream.destroyed || stream.writableEnded) throw new Error('output stream closed');
    if (flushed) {
      await new Promise<void>((resolve, reject) => void stream.write(bytes, (error) => (error == null ? resolve() : reject(error))));
      return;
    }
    if (stream.write(bytes)) return;
    const stop = new AbortController();
    try {
      const closed = once(stream, 'close', { signal: stop.signal }).then(() => {
        throw stream.errored ?? new Error('output stream closed');
      });
      await Promise.race([once(stream, 'drain', { signal: stop.signal }), closed]);
    } finally {
      stop.abort(); // removes both listeners; the loser's AbortError is never observed
    }
  };
}

/**
 * Runs `body` with a writer for `stream`. While it runs, an 'error' on the stream (EPIPE on stdout, ENOSPC) does not
 * crash the process as an unhandled event: it rejects the next write instead, and so the whole call.
 */
export async function withStreamWriter<T>(stream: Writable, body: (write: WritePiece) => Promise<T>, flushed = false): Promise<T> {
  const noted = (): void => undefined; // the error stays readable as stream.errored
  stream.on('error', noted);
  try {
    return await body(streamWriter(stream, flushed));
  } finally {
    stream.off('error', noted);
  }
}

/** Ends the stream and waits until everything was flushed (or it failed). */
export async function endStream(stream: Writable): Promise<void> {
  if (stream.writableFinished) return;
  const finished = once(stream, 'finish');
  stream.end();
  await finished;
}

/**
 * A stream that writes straight to a file descriptor (process.stdout, fs.WriteStream): once its write callback has
 * run, the bytes are in the kernel and the memory may be reused. Any other stream (a Transform, a PassThrough) may
 * keep the chunk itself, so it gets memory of its own.
 */
export function writesToFd(stream: Writable): boolean {
  const fd = (stream as { fd?: unknown }).fd;
  return typeof fd === 'number' && fd >= 0;
}
