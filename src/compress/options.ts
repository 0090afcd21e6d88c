// Options of compressFiles / decompressFiles / testFiles: the one place for their defaults and validation.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { ALGORITHMS, DEFAULT_LEVELS, LEVEL_RANGES } from '../../workers/codecs.js';
import type { Algorithm } from '../../workers/codecs.js';
import type { CompressSpec } from '../../workers/compress-protocol.js';

export interface CompressOptions {
  /** Algorithms to write, each to its own output (.gz .zz .br .zst) from one read of the input. @default ['gzip'] */
  readonly algorithms?: readonly Algorithm[];
  /** Level for every algorithm (gzip/deflate 1–9, brotli 0–11, zstd 1–19). @default gzip/deflate 6, brotli 11, zstd 3 */
  readonly level?: number;
  /** Per-algorithm levels; win over `level`. */
  readonly levels?: Readonly<Partial<Record<Algorithm, number>>>;
  /** Replace existing outputs and compress already-compressed inputs too. @default false */
  readonly force?: boolean;
  /** Delete each input once all its outputs are in place. @default false */
  readonly remove?: boolean;
  /** fsync each output and its folder. @default false */
  readonly fsync?: boolean;
  /** Mirror outputs under this folder, relative to the patterns' common base. @default beside each input */
  readonly outDir?: string;
  /** Skip inputs smaller than this many bytes. @default 0 */
  readonly minSize?: number;
  /** Keep an output only when it is at least R times smaller than its input (1 = drop outputs not smaller). @default 0 (keep all) */
  readonly minRatio?: number;
  /** Decompressed size limit per file, against decompression bombs. @default Number.MAX_SAFE_INTEGER */
  readonly maxOutput?: number;
  /** Glob patterns to leave out (repeatable on the CLI). @default [] */
  readonly exclude?: readonly string[];
  /** Folder the patterns are relative to. @default process.cwd() */
  readonly cwd?: string;
  /** Worker threads. @default os.availableParallelism() */
  readonly jobs?: number;
  /** Aborts the run: no new outputs start, temp files are removed, the iterator rejects with AbortError. */
  readonly signal?: AbortSignal;
}

export interface ResolvedCompressOptions {
  readonly specs: readonly CompressSpec[];
  readonly force: boolean;
  readonly remove: boolean;
  readonly fsync: boolean;
  readonly outDir: string | undefined;
  readonly minSize: number;
  readonly minRatio: number;
  readonly maxOutput: number;
  readonly exclude: readonly string[];
  readonly cwd: string;
  readonly jobs: number;
  readonly signal: AbortSignal | undefined;
}

export class CompressOptionError extends TypeError {
  readonly code = 'ERR_PARIO_OPTION';
  constructor(name: string, expected: string, received: unknown) {
    super(`Expected \`${name}\` to be ${expected}, got ${JSON.stringify(received) ?? String(received)}`);
    this.name = 'OptionError';
  }
}

function number(name: string, value: unknown, min: number, max: number, integer: boolean): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new CompressOptionError(name, `${integer ? 'an integer' : 'a number'} from ${min} to ${max}`, value);
  }
  return value;
}

export function normalizeCompressOptions(options: CompressOptions = {}): ResolvedCompressOptions {
  const { algorithms = ['gzip'], level, levels = {}, force = false, remove = false, fsync = false, outDir, exclude = [] } = options;
  if (!Array.isArray(algorithms) || algorithms.length === 0 || algorithms.some((a) => !ALGORITHMS.includes(a))) {
    throw new CompressOptionError('algorithms', `a non-empty list of ${ALGORITHMS.join(', ')}`, algorithms);
  }
  const chosenAlgorithms: readonly Algorithm[] = options.algorithms ?? ['gzip'];
  const specs = [...new Set(chosenAlgorithms)].map((algorithm): CompressSpec => {
    const [min, max] = LEVEL_RANGES[algorithm];
    const chosen = levels[algorithm] ?? (level === undefined ? DEFAULT_LEVELS[algorithm] : Math.min(level, max));
    return { algorithm, level: number(`levels.${algorithm}`, chosen, min, max, true) };
  });
  for (const [name, value] of Object.entries({ force, remove, fsync })) {
    if (typeof value !== 'boolean') throw new CompressOptionError(name, 'a boolean', value);
  }
  if (outDir !== undefined && (typeof outDir !== 'string' || outDir === '')) throw new CompressOptionError('outDir', 'a folder path', outDir);
  if (!Array.isArray(exclude) || exclude.some((e) => typeof e !== 'string')) throw new CompressOptionError('exclude', 'a list of globs', exclude);
  const cwd = resolve(options.cwd ?? process.cwd());
  return Object.freeze({
    specs, force, remove, fsync, exclude, cwd,
    outDir: outDir === undefined ? undefined : resolve(cwd, outDir),
    minSize: number('minSize', options.minSize ?? 0, 0, Number.MAX_SAFE_INTEGER, true),
    minRatio: number('minRatio', options.minRatio ?? 0, 0, 1e9, false),
    maxOutput: number('maxOutput', options.maxOutput ?? Number.MAX_SAFE_INTEGER, 1, Number.MAX_SAFE_INTEGER, true),
    jobs: number('jobs', options.jobs ?? availableParallelism(), 1, 1024, true),
    signal: options.signal,
  });
}
