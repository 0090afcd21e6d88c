import type { CaseRows, Row } from './rows.js';

export function fmtMs(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
}

export function fmtRate(rate: number | undefined): string {
  if (rate === undefined) return '';
  return rate >= 100 ? rate.toFixed(0) : rate >= 10 ? rate.toFixed(1) : rate.toFixed(2);
}

export function fmtBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

/** The columns of every table, as strings: tool, median, min–max, rate, output, RSS, pario ÷ peer, scaling. */
export function cells(c: CaseRows, row: Row): string[] {
  const status = row.status === 'ok' ? '' : row.status === 'skipped' ? `skipped: ${row.reason ?? ''}` : `FAILED: ${row.reason ?? ''}`;
  if (row.status !== 'ok') return [row.tool, status, '', '', '', '', '', '', '', ''];
  const ratio = row.ratio === undefined ? (row.pario ? '—' : '') : `${row.ratio.toFixed(2)}`;
  const scale = row.speedup === undefined ? '' : `${row.speedup.toFixed(2)}× (${Math.round((row.efficiency ?? 0) * 100)}%)`;
  const out = c.unit === 'MB/s' ? fmtBytes(row.outputBytes) : '';
  const busy = row.cpuBusy === undefined ? '' : `${Math.round(row.cpuBusy * 100)}%`;
  const perFile = row.perFileUs === undefined ? '' : row.perFileUs.toFixed(0);
  const rss = row.rssMiB === undefined ? '' : row.rssMiB.toFixed(0);
  const range = `${fmtMs(row.minMs)}–${fmtMs(row.maxMs)}`;
  return [row.tool, fmtMs(row.medianMs), range, fmtRate(row.rate), out, rss, ratio, scale, busy, perFile];
}

export function headers(c: CaseRows): string[] {
  const cpu = ['CPU busy', 'µs/file beyond codec'];
  return ['tool', 'median', 'min–max', c.unit, 'output', 'peak RSS MiB', 'pario ÷ peer', 'speed-up (eff.)', ...cpu];
}

/** The line under a case: the physical limit and pario's fraction of it. */
export function limitLine(c: CaseRows): string | undefined {
  const limit = c.result.limit;
  if (limit === undefined) return undefined;
  const frac = c.limitFraction === undefined ? '' : `; pario reaches ${(c.limitFraction * 100).toFixed(0)}% of it`;
  return `physical limit ≈ ${limit.mbPerSecond.toFixed(0)} MB/s (${limit.label})${frac}`;
}
