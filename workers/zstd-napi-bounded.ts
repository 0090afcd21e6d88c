// zstd-napi (pario's zstd backend where it is installed: zstd-choice.ts) with its output bounded, against decompression bombs,
// and streamed with back-pressure. Data after the last frame is named as such, never taken for a corrupt frame.
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { decodeError, trailingData } from './decode-errors.js';

/** zstd-napi's native binding: a decompression context for bounded streaming into buffers of our own. */
export interface ZstdNapiBinding {
  DCtx: new () => DCtx;
}
interface DCtx {
  /** One shot, every frame of `src` into `dst`; throws when they do not fit or are not well formed. */
  decompress(dst: Uint8Array, src: Uint8Array): number;
  decompressStream(dst: Uint8Array, src: Uint8Array): [returnValue: number, produced: number, consumed: number];
  /** 1 = ZSTD_reset_session_only: drop any half-decoded frame and error state, keep the parameters. */
  reset(directive: number): void;
}

/** One decompression context per worker thread, reset for every input (a new context per file cost page faults). */
let shared: { binding: ZstdNapiBinding; dctx: DCtx } | undefined;

function context(binding: ZstdNapiBinding): DCtx {
  if (shared?.binding !== binding) shared = { binding, dctx: new binding.DCtx() };
  shared.dctx.reset(1);
  return shared.dctx;
}

/** One decompressStream call; a failure where a frame would start (after a whole one) is trailing data. */
function step(dctx: DCtx, out: Uint8Array, src: Uint8Array, boundary: boolean, at: number, size?: number): [number, number, number] {
  try {
    return dctx.decompressStream(out, src);
  } catch (error) {
    throw boundary && at > 0 ? trailingData('zstd', at, size) : decodeError('zstd', error);
  }
}

const truncated = (): Error => decodeError('zstd', Object.assign(new Error('unexpected end of file'), { code: 'Z_BUF_ERROR' })) as Error;

/**
 * zstd-napi's own decompress() allocates the sum of every frame's declared size before looking at the limit (a
 * bomb of many small frames took gigabytes); this one stops as soon as the output passes `max`.
 */
export function napiDecompress(binding: ZstdNapiBinding, data: Uint8Array, max: number, declared?: number | null): Buffer {
  const dctx = context(binding);
  if (declared !== undefined && declared !== null && declared > 0 && declared <= max) {
    // The usual small file: one frame that says its size, decoded in one call into memory of exactly that size (no
    // chunks to join: 5,000 files of the bench's corpus, 0.25 -> 0.19 s on one thread). Anything else (more frames,
    // data after the frame, a size that lies, corruption) goes the bounded way below, which names the fault.
    const out = Buffer.allocUnsafe(declared);
    try {
      if (dctx.decompress(out, data) === declared) return out;
    } catch { /* named below */ }
    dctx.reset(1);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  let rest = data;
  let boundary = true; // between frames: the last call ended one (ret 0), or nothing was decoded yet
  // Output chunks start near the likely size (8× the input) and double up to 4 MiB: a 4 MiB buffer for every small
  // file cost more in page faults than the decoding.
  let chunk = Math.min(Math.max(data.byteLength * 8, 64 << 10), 4 << 20);
  for (;;) {
    const out = Buffer.allocUnsafe(Math.min(max - total + 1, chunk));
    chunk = Math.min(chunk * 2, 4 << 20);
    const [ret, produced, consumed] = step(dctx, out, rest, boundary, data.byteLength - rest.byteLength, data.byteLength);
    boundary = ret === 0;
    total += produced;
    if (total > max) throw Object.assign(new Error(`output exceeds the limit of ${max} bytes`), { code: 'ERR_BUFFER_TOO_LARGE' });
    if (produced > 0) chunks.push(out.subarray(0, produced));
    rest = rest.subarray(consumed);
    if (rest.byteLength === 0 && (ret === 0 || produced < out.byteLength)) { // ret 0: the last frame is done and flushed
      if (ret !== 0) throw truncated();
      return Buffer.concat(chunks, total);
    }
    if (produced === 0 && consumed === 0) throw decodeError('zstd', new Error('Data corruption detected'));
  }
}

/** Output chunk of the stream: 1 MiB buffers, fresh for each chunk, cost 15-20% more CPU in page faults (256 MiB, by hand). */
const OUTPUT_CHUNK = 256 << 10;

/**
 * A streaming decoder on the same reused context. zstd-napi's DecompressStream decodes a whole written chunk in one
 * loop, pushing as it goes whatever the reader takes (one 1 MiB chunk of a 2 GB-of-zeros file became gigabytes in
 * memory); this one pauses when push() says the reader is full and goes on in _read(). `bytesWritten` counts the
 * input consumed, as on Node's zlib streams.
 */
export class NapiDecompressStream extends Transform {
  bytesWritten = 0;
  private readonly dctx: DCtx;
  private boundary = true;
  private pendingFeed: (() => void) | undefined;

  constructor(binding: ZstdNapiBinding) {
    super();
    this.dctx = context(binding);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.feed(chunk, done);
  }

  override _flush(done: TransformCallback): void {
    done(this.boundary ? null : truncated());
  }

  override _read(size: number): void {
    const pending = this.pendingFeed;
    this.pendingFeed = undefined;
    pending?.();
    // Transform parks the write callback of a chunk whose output filled the buffer and hands it back in its own
    // _read. A resumed feed that ends its chunk without pushing leaves Readable waiting on this _read call: give the
    // callback back now, or the writer waits for a read that never comes (a stall at a frame's end).
    if (this.pendingFeed === undefined) super._read(size);
  }

  private feed(src: Buffer, done: TransformCallback): void {
    let rest = src;
    try {
      for (;;) {
        if (this.destroyed) return;
        const out = Buffer.allocUnsafe(OUTPUT_CHUNK);
        const [ret, produced, consumed] = step(this.dctx, out, rest, this.boundary, this.bytesWritten);
        this.boundary = ret === 0;
        this.bytesWritten += consumed;
        rest = rest.subarray(consumed);
        const room = produced === 0 || this.push(out.subarray(0, produced));
        if (rest.byteLength === 0 && (produced < out.byteLength || ret === 0)) break;
        if (produced === 0 && consumed === 0) throw decodeError('zstd', new Error('Data corruption detected'));
        if (!room) {
          this.pendingFeed = () => this.feed(rest, done);
          return;
        }
      }
    } catch (error) {
      done(error as Error);
      return;
    }
    done();
  }
}
