import { readFileSync, statSync } from 'node:fs';
import type { Command, Entry } from '../run/types.js';
import { workPath } from '../run/workdir.js';

export interface Totals {
  readonly files: number;
  readonly bytes: number;
  readonly lines?: number;
  readonly words?: number;
  readonly failed?: number;
}

/** An entry whose process prints JSON totals; valid when `check` finds nothing wrong with them. */
export function totalsEntry(
  base: string,
  tool: string,
  command: (stdoutFile: string) => Command,
  unavailable: () => Promise<string | undefined>,
  check: (t: Totals) => string | undefined,
  pario = false,
): Entry {
  const stdoutFile = workPath(`${base}-${tool.replace(/\W+/g, '-')}.json`);
  return {
    tool,
    pario,
    unavailable,
    command: () => command(stdoutFile),
    outputBytes: async () => statSync(stdoutFile).size,
    validate: async () => {
      const t = JSON.parse(readFileSync(stdoutFile, 'utf8')) as Totals;
      if ((t.failed ?? 0) > 0) return `${t.failed ?? 0} files failed`;
      return check(t);
    },
  };
}

/** Checks file and byte counts against the corpus. */
export function expectCounts(files: number, bytes: number): (t: Totals) => string | undefined {
  return (t) => (t.files === files && t.bytes === bytes ? undefined : `read ${t.files} files / ${t.bytes} B, expected ${files} / ${bytes}`);
}
