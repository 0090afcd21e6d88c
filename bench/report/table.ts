import { cells, headers, limitLine } from './format.js';
import type { CaseRows } from './rows.js';

/** A plain-text table per case, for the terminal (columns without content are dropped). */
export function textTable(c: CaseRows): string {
  const head = headers(c);
  const body = c.rows.filter((r) => r.status === 'ok').map((r) => cells(c, r));
  const used = head.map((_, i) => i === 0 || body.some((row) => (row[i] ?? '') !== ''));
  const pick = (row: readonly string[]): string[] => row.filter((_, i) => used[i]);
  const all = [pick(head), ...body.map(pick)];
  const widths = all[0]?.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length))) ?? [];
  const line = (row: readonly string[]): string => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  const lines = [`## ${c.result.id}: ${c.result.title}`, line(all[0] ?? []), ...all.slice(1).map(line)];
  const limit = limitLine(c);
  if (limit !== undefined) lines.push(limit);
  for (const r of c.rows) if (r.status !== 'ok') lines.push(`${r.status}: ${r.tool}: ${r.reason ?? ''}`);
  for (const r of c.rows) if (r.note !== undefined) lines.push(`note: ${r.tool}: ${r.note}`);
  return lines.join('\n') + '\n';
}
