// Whether the main thread makes its next file-system call itself or hands it to libuv's threads. A call on a local
// file system takes microseconds; a round trip through the thread pool costs the main thread ~30-60 µs of its own
// (a promise, a futex wake, a callback) and waits on top. So calls run synchronously while they stay fast, and after a
// run of slow ones (a cold disk, a remote mount) the next ones go through the pool. The cost: a call that hangs
// outright (a dead hard-mounted share) holds the main thread until it returns, where it would hold a pool thread.

export class Pace {
  private batch = 0;
  private slow = 0;
  /** Calls still to make through the thread pool before trying synchronous ones again. */
  private spell = 0;

  /**
   * `slowMs`: a call that took longer is slow. After `batch` synchronous calls of which more than half were slow, the
   * next `spell` calls go through the thread pool.
   */
  constructor(private readonly slowMs: number, private readonly spellLength: number, private readonly batchSize = 32) {}

  /** True: make the next call synchronously and report its time with took(); false: through the thread pool. */
  sync(): boolean {
    if (this.spell === 0) return true;
    this.spell -= 1;
    return false;
  }

  /** True when the next call would be synchronous (sync() without counting it). */
  syncDue(): boolean {
    return this.spell === 0;
  }

  /** The time a synchronous call took (from performance.now()). */
  took(ms: number): void {
    if (ms > this.slowMs) this.slow += 1;
    if (++this.batch < this.batchSize) return;
    this.spell = this.slow > this.batchSize / 2 ? this.spellLength : 0;
    this.batch = 0;
    this.slow = 0;
  }
}
