/** What each named corpus holds. Sizes are parameters so `--quick` and `--size` can shrink or grow them. */
export type CorpusName = 'tiny' | 'small' | 'big-text' | 'big-bin' | 'mixed' | 'user';

export const CORPUS_NAMES: readonly CorpusName[] = ['tiny', 'small', 'big-text', 'big-bin', 'mixed'];

export interface CorpusSizes {
  /** Number of files in `tiny` (0–4 KiB each). */
  readonly tinyFiles: number;
  /** Minimum number of files in `small` (1 KiB–256 KiB each). */
  readonly smallFiles: number;
  /** Minimum total bytes of `small`. */
  readonly smallBytes: number;
  /** Bytes of each big file. */
  readonly bigBytes: number;
}

export const FULL_SIZES: CorpusSizes = {
  tinyFiles: 50_000,
  smallFiles: 5_000,
  smallBytes: 110_000_000,
  bigBytes: 512 * 1024 * 1024,
};

export const QUICK_SIZES: CorpusSizes = {
  tinyFiles: 300,
  smallFiles: 150,
  smallBytes: 2_000_000,
  bigBytes: 4 * 1024 * 1024,
};

/** Share of text-like files in the mixed corpora; the rest is binary-like. */
export const TEXT_SHARE = 0.6;

/** One file of a corpus, relative to its root. */
export interface CorpusFile {
  readonly path: string;
  readonly size: number;
}

/** A generated or user-supplied folder and its file list (sorted by path, bytes as `sort` in the C locale orders them). */
export interface Corpus {
  readonly name: string;
  readonly dir: string;
  readonly files: readonly CorpusFile[];
  readonly bytes: number;
}

/** The cache key: the same seed and sizes always give the same folder. */
export function corpusKey(name: CorpusName, seed: number, sizes: CorpusSizes): string {
  switch (name) {
    case 'tiny':
      return `tiny-s${seed}-n${sizes.tinyFiles}`;
    case 'small':
      return `small-s${seed}-n${sizes.smallFiles}-b${sizes.smallBytes}`;
    case 'big-text':
    case 'big-bin':
      return `${name}-s${seed}-b${sizes.bigBytes}`;
    case 'mixed':
      return `mixed-s${seed}-n${sizes.smallFiles}-b${sizes.smallBytes}-B${sizes.bigBytes}`;
    case 'user':
      return 'user';
  }
}
