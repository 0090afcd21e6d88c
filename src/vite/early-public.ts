// Public files compressed while the bundle renders. Vite copies public/ into each output folder at the start of
// rendering (its renderStart, order 'pre'), long before writeBundle: their compression need not wait for the bundle.
import { rm } from 'node:fs/promises';
import type { Pario } from '../index.js';
import { compressFolder } from './compress-folder.js';
import type { FolderSink } from './compress-folder.js';
import type { Candidate } from './files.js';
import type { ResolvedPluginOptions } from './options.js';
import type { Written } from './summary.js';

interface Outcome {
  readonly bytesIn: number;
  readonly outputs: readonly Written[];
  readonly reused: boolean;
}

/** One output folder's public files, compressed on the pool from the moment Vite copied them. */
export class EarlyPublic implements FolderSink {
  private readonly outcomes = new Map<string, Outcome>();
  private candidates: readonly Candidate[] = [];
  /** Settles when every file has an outcome, or when the run stopped short (then the rest has none): never rejects. */
  readonly done: Promise<void>;

  constructor(pario: Pario, folder: string, candidates: Promise<readonly Candidate[]>, o: ResolvedPluginOptions) {
    this.done = candidates.then((list) => {
      this.candidates = list;
      return compressFolder(pario, folder, list, o, this);
    }).catch(() => undefined);
  }

  add(rel: string, bytesIn: number, outputs: readonly Written[], reused: boolean): void {
    this.outcomes.set(rel, { bytesIn, outputs, reused });
  }

  /** A failure here is no outcome: the file is tried again after the write (see settle). */
  fail(): void {}

  /**
   * Waits for the early run and passes on to `sink` the outcome of each file that the bundle did not write over (a
   * bundle file of the same name replaced the public copy, maybe while it was read). Returns the public files that
   * still need a run: those without an outcome (the early run stopped short) and those that failed (a Vite that copies
   * later than renderStart, a copy still going on: the run after the write tells). Outputs written from a public copy
   * that the bundle replaced are removed (the bundle's own file may get none: under the threshold, say).
   */
  async settle(sink: FolderSink, bundleNames: ReadonlySet<string>): Promise<Candidate[]> {
    await this.done;
    for (const [rel, { bytesIn, outputs, reused }] of this.outcomes) {
      if (!bundleNames.has(rel)) sink.add(rel, bytesIn, outputs, reused);
      else for (const { path } of outputs) if (path !== undefined) await rm(path, { force: true });
    }
    return this.candidates.filter((c) => !this.outcomes.has(c.rel) && !bundleNames.has(c.rel));
  }
}
