// Text and NDJSON rendering of compress, decompress and test results.
import type { CompressResult, CompressSummary } from '../compress/index.js';
import { formatBytes, ignoredText } from './output.js';

function ratio(bytesOut: number, bytesIn: number): string {
  return bytesIn === 0 ? '-' : `${((bytesOut / bytesIn) * 100).toFixed(1)}%`;
}

/** Messages for stderr about one result: errors always, skips of existing outputs unless quiet. */
export function resultMessages(result: CompressResult, quiet: boolean): string[] {
  const lines: string[] = [];
  if (result.status === 'failed') {
    const bad = result.outputs.filter((o) => o.status === 'failed');
    if (bad.length === 0) lines.push(`pario: ${result.path}: ${result.message ?? 'failed'} (${result.code ?? 'ERR_PARIO_JOB'})`);
    for (const o of bad) {
      lines.push(`pario: ${result.path}: ${o.path ? `${o.path}: ` : ''}${o.message ?? 'failed'} (${o.code ?? 'ERR_PARIO_JOB'})`);
    }
    if (bad.length > 0 && result.code !== undefined && !bad.some((o) => o.code === result.code)) {
      lines.push(`pario: ${result.path}: ${result.message ?? ''} (${result.code})`);
    }
  } else if (!quiet) {
    for (const o of result.outputs) if (o.status === 'exists') lines.push(`pario: ${o.path} already exists; not overwritten (use -f)`);
    if (result.reason === 'suffix') lines.push(`pario: ${result.path}: unknown suffix -- ignored`);
  }
  return lines;
}

/** One NDJSON event per file. */
export function jsonEvent(result: CompressResult): string {
  const { path, status, reason, bytesIn, bytesOut, ms, outputs, removed, code, message } = result;
  const algorithm = [...new Set(outputs.map((o) => o.algorithm))].join(',');
  return JSON.stringify({
    type: 'file', path, algorithm, status, reason, bytesIn, bytesOut, ms: Math.round(ms * 1000) / 1000, removed, code, message,
    outputs: outputs.map((o) => ({ algorithm: o.algorithm, path: o.path, bytes: o.bytes, status: o.status, code: o.code })),
  });
}

export function jsonSummary(summary: CompressSummary): string {
  return JSON.stringify({ type: 'summary', ...summary, ms: Math.round(summary.ms) });
}

export function summaryLine(verb: string, summary: CompressSummary): string {
  const { files, ok, skipped, failed, bytesIn, bytesOut, ms } = summary;
  const parts = [skipped > 0 ? `${skipped} skipped` : '', failed > 0 ? `${failed} failed` : '', ignoredText(summary)];
  const extra = parts.filter(Boolean).join(', ');
  const seconds = ms / 1000;
  const speed = seconds > 0 ? `, ${formatBytes(Math.round(bytesIn / seconds))}/s` : '';
  return `pario: ${verb} ${ok} of ${files} files${extra ? ` (${extra})` : ''}, ${formatBytes(bytesIn)} → ${formatBytes(bytesOut)} ` +
    `(${ratio(bytesOut, bytesIn)}) in ${seconds.toFixed(2)} s${speed}`;
}
