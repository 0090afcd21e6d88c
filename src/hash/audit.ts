// `pario check --audit SUMS DIR`: the manifest's verdicts plus the files under DIR that it does not list.
import { normalize } from 'node:path';
import { checkDisplayName } from './escape.js';

/** A path as the manifest and the folder walk both spell it: `./a//b` → `a/b`. */
export function auditKey(path: string): string {
  return normalize(path).replace(/^(\.\/)+/, '');
}

/** Files found under the folder and not listed, in the order found (already sorted). */
export function addedFiles(found: readonly string[], listed: ReadonlySet<string>): string[] {
  return found.filter((path) => !listed.has(auditKey(path)));
}

export interface AuditCounts {
  changed: number;
  missing: number;
  unreadable: number;
  added: number;
}

/** `name: ADDED` etc., escaped like the OK / FAILED lines. */
export function auditLine(name: string, verdict: 'OK' | 'CHANGED' | 'MISSING' | 'ADDED' | 'FAILED open or read'): string {
  return `${checkDisplayName(name)}: ${verdict}\n`;
}

export function auditSummary(counts: AuditCounts, ignored = ''): string {
  const { added, changed, missing, unreadable } = counts;
  return `pario: audit: ${added} added, ${changed} changed, ${missing} missing, ${unreadable} unreadable${ignored}\n`;
}
