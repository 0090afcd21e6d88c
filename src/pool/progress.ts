import {
  PROGRESS_BYTES_READ,
  PROGRESS_BYTES_WRITTEN,
  PROGRESS_FAILURES,
  PROGRESS_FILES,
  PROGRESS_SLOTS,
} from '../../workers/protocol.js';

export interface ProgressSnapshot {
  readonly files: number;
  readonly bytesRead: number;
  readonly bytesWritten: number;
  readonly failures: number;
}

/** Counters in shared memory: workers bump them with Atomics, the main thread samples them without any message. */
export class Progress {
  readonly buffer = new SharedArrayBuffer(PROGRESS_SLOTS * BigInt64Array.BYTES_PER_ELEMENT);
  private readonly counters = new BigInt64Array(this.buffer);

  snapshot(): ProgressSnapshot {
    return {
      files: Number(Atomics.load(this.counters, PROGRESS_FILES)),
      bytesRead: Number(Atomics.load(this.counters, PROGRESS_BYTES_READ)),
      bytesWritten: Number(Atomics.load(this.counters, PROGRESS_BYTES_WRITTEN)),
      failures: Number(Atomics.load(this.counters, PROGRESS_FAILURES)),
    };
  }

  /** Adds from the main thread (work it did itself, such as files it skipped). */
  add(files: number, bytesRead = 0, bytesWritten = 0, failures = 0): void {
    Atomics.add(this.counters, PROGRESS_FILES, BigInt(files));
    Atomics.add(this.counters, PROGRESS_BYTES_READ, BigInt(bytesRead));
    Atomics.add(this.counters, PROGRESS_BYTES_WRITTEN, BigInt(bytesWritten));
    Atomics.add(this.counters, PROGRESS_FAILURES, BigInt(failures));
  }
}
