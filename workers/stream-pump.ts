// Streams one input, read once with positional reads, through several transforms (one per output).
// Used for files too big to hold whole; each transform's output goes to a sink (a temp file or a counter).
import type { Transform } from 'node:stream';
import { readUpTo } from './open.js';
import { STREAM_CHUNK } from './compress-protocol.js';
import { throwIfStopped } from './stop.js';

export interface PumpLane {
  readonly transform: Transform;
  /** Called with each output chunk; may throw (e.g. an output size limit) to fail this lane. */
  readonly sink: (chunk: Buffer) => void;
  /** Awaited after every input chunk: the sink's back-pressure (an AsyncWriter's drained()). */
  readonly drain?: () => Promise<void>;
}

function waitWritten(lane: PumpLane, chunk: Buffer | null): Promise<void> {
  return new Promise((resolve, reject) => {
    // an error already emitted (to the permanent listener in pump) would never reach the listener below: fail now
    if (lane.transform.errored !== null) {
      reject(lane.transform.errored);
      return;
    }
    const onError = (error: Error) => reject(error);
    lane.transform.once('error', onError);
    const done = (error?: Error | null) => {
      lane.transform.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    if (chunk === null) {
      lane.transform.once('end', () => done());
      lane.transform.end();
    } else {
      lane.transform.write(chunk, (error) => done(error));
    }
  });
}

/**
 * Reads `size` bytes of `fd` (or to end of file) in STREAM_CHUNK pieces into one reused buffer and feeds every lane.
 * A chunk is reused only after every lane has consumed it. Resolves with the bytes read; rejects on the first error.
 */
export async function pump(fd: number, lanes: readonly PumpLane[]): Promise<number> {
  let sinkError: unknown;
  for (const lane of lanes) {
    // A transform whose _transform fails (zstd-napi's DecompressStream on corrupt input) reports the error to the
    // write callback, which already rejects, and then emits 'error' again: without a listener left, that second
    // emit was an uncaught exception that ended the worker thread and failed its whole batch.
    lane.transform.on('error', () => undefined);
    lane.transform.on('data', (chunk: Buffer) => {
      if (sinkError !== undefined) return;
      try {
        lane.sink(chunk);
      } catch (error) {
        sinkError = error;
        lane.transform.destroy(error as Error);
      }
    });
  }
  const buffer = Buffer.allocUnsafeSlow(STREAM_CHUNK);
  let position = 0;
  try {
    for (;;) {
      throwIfStopped();
      const n = readUpTo(fd, buffer, position);
      if (n === 0) break;
      position += n;
      await Promise.all(lanes.map((lane) => waitWritten(lane, buffer.subarray(0, n))));
      if (sinkError !== undefined) throw sinkError;
      await Promise.all(lanes.map((lane) => lane.drain?.()));
      if (n < buffer.byteLength) break;
    }
    await Promise.all(lanes.map((lane) => waitWritten(lane, null)));
    if (sinkError !== undefined) throw sinkError;
  } catch (error) {
    for (const lane of lanes) lane.transform.destroy();
    throw sinkError ?? error;
  }
  return position;
}
