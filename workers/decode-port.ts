// `decompress -c`: a file or standard input decoded in bounded memory, its output sent to the main thread through a
// port as it is made, at most DECODE_PORT_WINDOW chunks unacknowledged (the main thread acknowledges a chunk once it
// is written to stdout, so a slow reader holds the decoder back). Standard input comes in the same way, on request.
import type { MessagePort } from 'node:worker_threads';
import type { DecodePortMessage, DecodePortReply, EncodeResult, EncodeTask } from './compress-protocol.js';
import { DECODE_PORT_WINDOW, DEFAULT_MAX_OUTPUT, MAX_OUTPUT_RATIO, STREAM_CHUNK } from './compress-protocol.js';
import { detectFormat, outputTooLarge } from './codecs.js';
import { decodeChunks, decodeInMemory, formatOf } from './decode-file.js';
import { decodeStream } from './decode-stream.js';
import type { ChunkSource } from './decode-stream.js';
import { unknownFormat } from './decode-errors.js';
import { closeQuietly, describe } from './input-file.js';
import { namedRef } from './file-protocol.js';
import { openInput } from './open.js';
import { stoppedError } from './stop.js';

class PortLink {
  private sent = 0;
  private unacknowledged = 0;
  private closed = false;
  private wake: (() => void) | undefined;
  private input: ((chunk: Uint8Array | null | Error) => void) | undefined;

  constructor(private readonly port: MessagePort, private readonly ring: SharedArrayBuffer) {
    port.on('message', (reply: DecodePortReply) => {
      if (reply.kind === 'written') {
        this.unacknowledged -= 1;
        this.wake?.();
      } else {
        this.input?.(reply.chunk);
      }
    });
    // The main thread closes its end when the call ends early (an abort, a failed write): nothing more will come.
    port.on('close', () => {
      this.closed = true;
      this.wake?.();
      this.input?.(stoppedError());
    });
  }

  /** Copies the chunk into the next ring slots (fixed memory on both threads, nothing to collect) and sends them. */
  async send(chunk: Uint8Array): Promise<void> {
    for (let at = 0; at < chunk.byteLength; at += STREAM_CHUNK) {
      await this.acknowledged(DECODE_PORT_WINDOW - 1); // the slot about to be filled was written out
      const piece = chunk.subarray(at, at + STREAM_CHUNK);
      const slot = this.sent++ % DECODE_PORT_WINDOW;
      new Uint8Array(this.ring, slot * STREAM_CHUNK, piece.byteLength).set(piece);
      this.unacknowledged += 1;
      this.port.postMessage({ kind: 'output', slot, bytes: piece.byteLength } satisfies DecodePortMessage);
    }
  }

  /** Resolves once at most `most` chunks wait for their acknowledgement; throws once the main thread has gone. */
  async acknowledged(most = 0): Promise<void> {
    while (this.unacknowledged > most) {
      if (this.closed) throw stoppedError();
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async pull(): Promise<Uint8Array | null> {
    if (this.closed) throw stoppedError();
    this.port.postMessage({ kind: 'pull' } satisfies DecodePortMessage);
    const chunk = await new Promise<Uint8Array | null | Error>((resolve) => (this.input = resolve));
    if (chunk instanceof Error) throw chunk;
    return chunk;
  }

  close(): void {
    this.port.close();
  }
}

/** Job kind `encode` without a spec: the task's file (or standard input when abs is '') decoded to the port. */
export async function decodeToPort(task: EncodeTask, port: MessagePort, ring: SharedArrayBuffer): Promise<EncodeResult> {
  const link = new PortLink(port, ring);
  try {
    const bytes = task.abs === '' ? await decodeInput(task, link) : await decodeFile(task, link);
    await link.acknowledged(); // every chunk written before the result: the result travels on another channel
    return { ok: true, streamed: bytes };
  } catch (error) {
    await link.acknowledged().catch(() => undefined);
    return { ok: false, path: task.path, ...describe(error) };
  } finally {
    link.close();
  }
}

async function decodeFile(task: EncodeTask, link: PortLink): Promise<number> {
  const input = openInput(task.at ?? namedRef(task.abs));
  try {
    const format = formatOf(input, task.abs);
    const whole = decodeInMemory(input, format, task.maxOutput); // a small file's output is checked whole first
    if (whole !== null) {
      await link.send(whole);
      return whole.byteLength;
    }
    return await decodeChunks(input, format, task.maxOutput, (chunk) => link.send(chunk));
  } finally {
    closeQuietly(input.fd);
  }
}

/** Standard input: the format from its first bytes (brotli has none, so it is not recognised there). */
async function decodeInput(task: EncodeTask, link: PortLink): Promise<number> {
  const held: Uint8Array[] = [];
  let headBytes = 0;
  while (headBytes < 18) {
    const chunk = await link.pull();
    if (chunk === null) break;
    held.push(chunk);
    headBytes += chunk.byteLength;
  }
  const head = Buffer.concat(held).subarray(0, 18);
  const algorithm = detectFormat(head, '');
  if (algorithm === null) throw unknownFormat(head);
  let bytesIn = 0;
  const source: ChunkSource = {
    next: async () => {
      const chunk = held.shift() ?? (await link.pull());
      bytesIn += chunk?.byteLength ?? 0;
      return chunk;
    },
  };
  let bytes = 0;
  await decodeStream(algorithm, source, (chunk) => {
    bytes += chunk.byteLength;
    // the ratio rule on the input read so far (its size is not known in advance)
    const limit = task.maxOutput ?? Math.max(DEFAULT_MAX_OUTPUT, MAX_OUTPUT_RATIO * bytesIn);
    if (bytes > limit) throw outputTooLarge(limit, task.maxOutput !== null);
    return link.send(chunk);
  }, { head });
  return bytes;
}
