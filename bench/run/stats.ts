import type { Sample } from './types.js';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export interface Summary {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Highest peak RSS over the runs, MiB. */
  readonly rssMiB: number | undefined;
  /** Median user + system CPU, ms (undefined when GNU time is absent). */
  readonly cpuMs: number | undefined;
}

export function summarize(samples: readonly Sample[]): Summary {
  const walls = samples.map((s) => s.wallMs);
  const rss = samples.map((s) => s.rssKiB).filter((v): v is number => v !== undefined);
  const cpu = samples.map((s) => s.cpuMs).filter((v): v is number => v !== undefined);
  return {
    medianMs: median(walls),
    minMs: Math.min(...walls),
    maxMs: Math.max(...walls),
    rssMiB: rss.length === 0 ? undefined : Math.max(...rss) / 1024,
    cpuMs: cpu.length === 0 ? undefined : median(cpu),
  };
}

/** Decimal megabytes per second. */
export function mbPerSecond(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}
