// The plugin's one summary line (in the style of Vite's build report) and its failure message.
import type { CompressAlgorithm, CompressResult } from '../index.js';
import type { FolderSink } from './compress-folder.js';

/** One output of a file, as the summary counts it (from a fresh result or from the watch-mode cache). */
export interface Written {
  readonly algorithm: CompressAlgorithm;
  readonly bytes: number;
  /** Where it was written (a fresh result's). */
  readonly path?: string;
}

export class Tally implements FolderSink {
  compressed = 0;
  reused = 0;
  skipped = 0;
  readonly failed: CompressResult[] = [];
  private readonly sizes = new Map<CompressAlgorithm, { before: number; after: number }>();

  constructor(private readonly algorithms: readonly CompressAlgorithm[]) {}

  /** A file with at least one output counts as compressed (or reused); one without any as skipped. */
  add(_rel: string, bytesIn: number, outputs: readonly Written[], reused: boolean): void {
    if (outputs.length === 0) {
      this.skipped += 1;
      return;
    }
    if (reused) this.reused += 1;
    else this.compressed += 1;
    for (const { algorithm, bytes } of outputs) {
      const size = this.sizes.get(algorithm) ?? { before: 0, after: 0 };
      size.before += bytesIn;
      size.after += bytes;
      this.sizes.set(algorithm, size);
    }
  }

  /** `✓ pario: 312 files compressed in 1.84s │ gzip: 2,345.67 kB → 612.34 kB │ brotli: 2,345.67 kB → 520.11 kB` */
  line(ms: number, color: boolean): string {
    const extra = [this.reused > 0 ? `${this.reused} unchanged` : '', this.skipped > 0 ? `${this.skipped} skipped` : ''].filter(Boolean);
    const files = `${count(this.compressed)} compressed${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
    const parts = [`${color ? '\x1b[32m✓\x1b[39m' : '✓'} pario: ${files} in ${(ms / 1000).toFixed(2)}s`];
    for (const algorithm of this.algorithms) {
      const size = this.sizes.get(algorithm);
      if (size !== undefined) parts.push(`${algorithm}: ${kB(size.before)} → ${kB(size.after)}`);
    }
    return parts.join(color ? ' \x1b[2m│\x1b[22m ' : ' │ ');
  }

  fail(_rel: string, result: CompressResult): void {
    this.failed.push(result);
  }
}

/** The build error: how many files failed and, for the first few, which and why. */
export function failureMessage(failed: readonly CompressResult[], folder: string): string {
  const shown = failed.slice(0, 5).map((f) => `  ${folder}/${f.path}: ${f.message ?? f.code ?? 'failed'}`);
  const more = failed.length > shown.length ? [`  … and ${failed.length - shown.length} more`] : [];
  return [`pario could not compress ${count(failed.length)}:`, ...shown, ...more].join('\n');
}

/** Colors as Vite's own output has them: on a terminal, unless NO_COLOR is set. */
export function useColor(): boolean {
  return process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined;
}

function count(n: number): string {
  return `${n} file${n === 1 ? '' : 's'}`;
}

const KB = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Sizes as Vite prints them: kB of 1000 bytes, two decimals. */
function kB(bytes: number): string {
  return `${KB.format(bytes / 1000)} kB`;
}
