import type { Corpus } from '../corpus/spec.js';

/** What every case builder gets: the corpora, the worker count and the mode. */
export interface BenchContext {
  readonly jobs: number;
  readonly quick: boolean;
  /** Generated corpora (or the user's folder standing in for every tree case). */
  readonly tree: () => Corpus;
  readonly tiny: () => Corpus;
  readonly bigText: () => Corpus;
  readonly bigBin: () => Corpus;
  readonly mixed: () => Corpus;
  /** A big text file of `bytes` (growth case). */
  readonly bigTextOf: (bytes: number) => Corpus;
  readonly bigBytes: number;
  /** True when the corpora are generated (so exact output counts can be asserted). */
  readonly generated: boolean;
  readonly log: (line: string) => void;
}
