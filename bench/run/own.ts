import type { Entry } from './types.js';

/**
 * A failure of one of pario's own entries: a renamed or removed flag, an export gone, a crash, an invalid output.
 * The bench stops with this one line (case, tool, exit code and the command's stderr) and exits 1; a peer that is
 * absent or fails only loses its column.
 */
export class ParioFailure extends Error {
  constructor(readonly caseId: string, readonly tool: string, readonly reason: string) {
    super(`${caseId}: ${tool}: ${reason}`);
    this.name = 'ParioFailure';
  }
}

/** pario's own entries: its ratio columns, and variants that run pario's code but are not one (the V8 baseline). */
export function isOwn(entry: Entry): boolean {
  return entry.own ?? entry.pario === true;
}
