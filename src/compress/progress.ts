// The byte-based progress line: files, bytes in → out, ratio, MB/s, ETA; at most 10 updates a second, TTY only.
import { humanBytes } from './format.js';
import type { CompressResult } from './result.js';

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export class ProgressLine {
  private files = 0;
  private bytesIn = 0;
  private bytesOut = 0;
  private total = 0;
  private totalKnown = false;
  private last = 0;
  private shown = false;
  private readonly start = performance.now();

  constructor(private readonly stream: ProgressStream | undefined) {}

  get enabled(): boolean {
    return this.stream?.isTTY === true;
  }

  /** Bytes planned so far; `done` once the file list is complete (ETA needs it). */
  plan(bytes: number, done = false): void {
    this.total += bytes;
    if (done) this.totalKnown = true;
  }

  add(result: CompressResult): void {
    this.files += 1;
    this.bytesIn += result.bytesIn;
    this.bytesOut += result.bytesOut;
    const now = performance.now();
    if (this.enabled && now - this.last >= 100) {
      this.last = now;
      this.render(now);
    }
  }

  private render(now: number): void {
    const seconds = (now - this.start) / 1000;
    const rate = seconds > 0 ? this.bytesIn / seconds : 0;
    const ratio = this.bytesIn > 0 ? `${((this.bytesOut / this.bytesIn) * 100).toFixed(1)}%` : '-';
    const eta = this.totalKnown && rate > 0 ? `, ETA ${Math.max(0, (this.total - this.bytesIn) / rate).toFixed(0)} s` : '';
    this.stream?.write(`\r\x1b[K${this.files} files, ${humanBytes(this.bytesIn)} → ${humanBytes(this.bytesOut)} (${ratio}), ` +
      `${humanBytes(Math.round(rate))}/s${eta}`);
    this.shown = true;
  }

  /** Erases the line (before printing messages or the summary). */
  clear(): void {
    if (this.shown) this.stream?.write('\r\x1b[K');
    this.shown = false;
  }
}
