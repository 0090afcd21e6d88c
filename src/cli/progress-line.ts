import type { ProgressSnapshot } from '../pool/progress.js';
import type { Output } from './context.js';
import { formatBytes, formatRate } from './output.js';

export interface ProgressSource {
  snapshot(): ProgressSnapshot;
  /** Total bytes to read, when known, for a percentage and an ETA. */
  totalBytes?(): number | undefined;
}

/**
 * A one-line status on stderr, redrawn at most 10 times a second, only when stderr is a terminal. It samples the
 * pool's shared counters: drawing it sends no message to any worker. Hand-rolled (≈30 lines) rather than a progress
 * library: one line of text from counters needs no layout engine. Returns the function that erases it.
 */
export function startProgress(err: Output, source: ProgressSource, enabled: boolean): () => void {
  if (!enabled || err.isTTY !== true) return () => {};
  const started = Date.now();
  let width = 0;
  const draw = (): void => {
    const s = source.snapshot();
    const ms = Date.now() - started;
    const total = source.totalBytes?.();
    let line = `${s.files} files, ${formatBytes(s.bytesRead)} read`;
    if (s.bytesWritten > 0) line += ` → ${formatBytes(s.bytesWritten)} (${((100 * s.bytesWritten) / Math.max(s.bytesRead, 1)).toFixed(1)}%)`;
    line += `, ${formatRate(s.bytesRead, ms)}`;
    if (total !== undefined && total > 0 && s.bytesRead > 0) {
      const eta = ((total - s.bytesRead) * ms) / s.bytesRead / 1000;
      line += `, ${Math.min(100, (100 * s.bytesRead) / total).toFixed(0)}% ETA ${Math.max(0, eta).toFixed(0)}s`;
    }
    if (s.failures > 0) line += `, ${s.failures} failed`;
    err.write(`\r${line.padEnd(width)}`);
    width = line.length;
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (width > 0) err.write(`\r${' '.repeat(width)}\r`);
  };
}
