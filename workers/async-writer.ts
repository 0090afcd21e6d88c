// Output of a streaming job, written on libuv's threads while this thread goes on compressing or decoding:
// chunks queue up and go out as one positional writev at a time (coalesced), with a bound on what may wait.
import { writev } from 'node:fs';

/** Chunks per writev (IOV_MAX is 1024 on Linux). */
const MAX_CHUNKS = 512;

export class AsyncWriter {
  private queue: Buffer[] = [];
  private queued = 0;
  private position = 0;
  private current: Promise<void> | undefined;
  private error: unknown;

  /** `fd` is written from offset 0; chunks given to push() must never be reused by their producer. */
  constructor(private readonly fd: number, private readonly maxQueued = 1 << 20) {}

  /** Queues a chunk; throws the first write error. */
  push(chunk: Buffer): void {
    if (this.error !== undefined) throw this.error;
    if (chunk.byteLength === 0) return;
    this.queue.push(chunk);
    this.queued += chunk.byteLength;
    if (this.current === undefined) this.next();
  }

  /** True when what waits is at the bound: the producer should await drained() before making more. */
  full(): boolean {
    return this.queued >= this.maxQueued && this.current !== undefined;
  }

  /** Resolves once what waits is under the bound (the producer's back-pressure); rejects with a write error. */
  async drained(): Promise<void> {
    while (this.queued >= this.maxQueued && this.current !== undefined) await this.current;
    if (this.error !== undefined) throw this.error;
  }

  /** Every queued chunk written; rejects with the first write error. */
  async flush(): Promise<void> {
    await this.settle();
    if (this.error !== undefined) throw this.error;
  }

  /** Waits until no write is in flight (before the fd is closed on any path); never rejects. */
  async settle(): Promise<void> {
    while (this.current !== undefined) await this.current;
  }

  private next(): void {
    if (this.queue.length === 0 || this.error !== undefined) {
      this.current = undefined;
      return;
    }
    const chunks = this.queue.splice(0, MAX_CHUNKS);
    const bytes = chunks.reduce((sum, c) => sum + c.byteLength, 0);
    this.queued -= bytes;
    const position = this.position;
    this.position += bytes;
    this.current = writeAllAt(this.fd, chunks, position).then(
      () => this.next(),
      (error: unknown) => {
        this.error = error;
        this.current = undefined;
      },
    );
  }
}

/** writev until every byte is out (a short write goes on from where it stopped). */
async function writeAllAt(fd: number, chunks: Buffer[], position: number): Promise<void> {
  let rest = chunks;
  while (rest.length > 0) {
    const written = await new Promise<number>((resolve, reject) =>
      writev(fd, rest, position, (error, n) => (error ? reject(error) : resolve(n))));
    if (written === 0) throw Object.assign(new Error('EIO: writev wrote nothing'), { code: 'EIO' });
    position += written;
    rest = skip(rest, written);
  }
}

function skip(chunks: Buffer[], bytes: number): Buffer[] {
  let i = 0;
  while (i < chunks.length && bytes >= (chunks[i] as Buffer).byteLength) bytes -= (chunks[i++] as Buffer).byteLength;
  if (i === chunks.length) return [];
  return [(chunks[i] as Buffer).subarray(bytes), ...chunks.slice(i + 1)];
}
