// Options of the pario/vite plugin, named as vite-plugin-compression2 and compression-webpack-plugin name them.
import { availableParallelism } from 'node:os';
import picomatch from 'picomatch';
import { OptionError, compressFiles } from '../index.js';
import type { CompressAlgorithm } from '../index.js';

/** An algorithm at its plugin default level, or `[algorithm, level]`. */
export type AlgorithmChoice = AlgorithmName | readonly [AlgorithmName, number];
/** pario's names, and vite-plugin-compression2's for the same formats (so a config can move over as it is). */
export type AlgorithmName = CompressAlgorithm | 'brotliCompress' | 'zstandard' | 'gz' | 'br';
/** A picomatch glob (without a slash it matches the file name at any depth) or a RegExp, tested on the path from the output folder. */
export type FilterPattern = string | RegExp | readonly (string | RegExp)[];

export interface ParioPluginOptions {
  /** Formats to write beside each file (.gz .br .zst .zz), each from one read of it. @default ['gzip', 'brotli'] (gzip 9, brotli 11) */
  readonly algorithms?: readonly AlgorithmChoice[];
  /** Files to compress, by path from the output folder. @default text formats (DEFAULT_INCLUDE): html, css, js, json, svg, … */
  readonly include?: FilterPattern;
  /** Files to leave alone, even when `include` matches them. @default none */
  readonly exclude?: FilterPattern;
  /** Compress only files of at least this many bytes. @default 1024 */
  readonly threshold?: number;
  /** Do not keep an output that is not smaller than its file. @default true */
  readonly skipIfLargerOrEqual?: boolean;
  /** Delete each file once every one of its outputs is written (a file whose output was not smaller stays). @default false */
  readonly deleteOriginalAssets?: boolean;
  /** Worker threads. @default os.availableParallelism() */
  readonly jobs?: number;
  /** 'info' prints one summary line per output folder; 'silent' prints nothing (failures still fail the build). @default 'info' */
  readonly logLevel?: 'info' | 'silent';
}

export interface ResolvedPluginOptions {
  readonly algorithms: readonly CompressAlgorithm[];
  readonly levels: Readonly<Partial<Record<CompressAlgorithm, number>>>;
  readonly filter: (path: string) => boolean;
  readonly threshold: number;
  readonly skipIfLargerOrEqual: boolean;
  readonly deleteOriginalAssets: boolean;
  readonly jobs: number;
  readonly logLevel: 'info' | 'silent';
}

/** Levels for precompressing once and serving many times: the best gzip, brotli and zstd (19, as compression2) offer. */
export const PLUGIN_LEVELS: Readonly<Record<CompressAlgorithm, number>> = { gzip: 9, deflate: 9, brotli: 11, zstd: 19 };
export const DEFAULT_INCLUDE = '*.{html,xml,css,json,js,mjs,cjs,svg,yaml,yml,toml,txt,wasm,webmanifest}';
const ALIASES: Readonly<Record<AlgorithmName, CompressAlgorithm>> = {
  gzip: 'gzip', deflate: 'deflate', brotli: 'brotli', zstd: 'zstd', brotliCompress: 'brotli', zstandard: 'zstd', gz: 'gzip', br: 'brotli',
};

export function resolvePluginOptions(raw: ParioPluginOptions = {}): ResolvedPluginOptions {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new OptionError('options', 'an object', raw);
  const { algorithms: choices = ['gzip', 'brotli'], skipIfLargerOrEqual = true, deleteOriginalAssets = false, logLevel = 'info' } = raw;
  if (!Array.isArray(choices) || choices.length === 0) throw new OptionError('algorithms', 'a non-empty list', choices);
  const algorithms: CompressAlgorithm[] = [];
  const levels: Partial<Record<CompressAlgorithm, number>> = {};
  for (const choice of choices as readonly unknown[]) {
    const [name, level] = Array.isArray(choice) ? (choice as unknown[]) : [choice, undefined];
    const algorithm = typeof name === 'string' ? ALIASES[name as AlgorithmName] : undefined;
    if (algorithm === undefined || (Array.isArray(choice) && choice.length !== 2)) {
      throw new OptionError('algorithms', `a list of ${Object.keys(ALIASES).join(', ')} or [name, level] pairs`, choice);
    }
    if (!algorithms.includes(algorithm)) algorithms.push(algorithm);
    levels[algorithm] = (level ?? PLUGIN_LEVELS[algorithm]) as number;
  }
  compressFiles('.', { algorithms, levels }); // checks each level's range (and zstd's presence) now; starts nothing until iterated
  for (const [name, value] of Object.entries({ skipIfLargerOrEqual, deleteOriginalAssets })) {
    if (typeof value !== 'boolean') throw new OptionError(name, 'a boolean', value);
  }
  if (logLevel !== 'info' && logLevel !== 'silent') throw new OptionError('logLevel', "'info' or 'silent'", logLevel);
  const threshold = raw.threshold ?? 1024;
  if (typeof threshold !== 'number' || !Number.isSafeInteger(threshold) || threshold < 0) {
    throw new OptionError('threshold', 'a whole number of bytes', threshold);
  }
  const jobs = raw.jobs ?? availableParallelism();
  if (typeof jobs !== 'number' || !Number.isInteger(jobs) || jobs < 1 || jobs > 1024) {
    throw new OptionError('jobs', 'an integer from 1 to 1024', jobs);
  }
  const included = matcher('include', raw.include ?? DEFAULT_INCLUDE);
  const excluded = raw.exclude === undefined ? () => false : matcher('exclude', raw.exclude);
  const filter = (path: string): boolean => included(path) && !excluded(path);
  return { algorithms, levels, filter, threshold, skipIfLargerOrEqual, deleteOriginalAssets, jobs, logLevel };
}

/** Globs through picomatch (dot files too; a pattern without a slash matches the name at any depth), RegExps as they are. */
function matcher(name: string, pattern: unknown): (path: string) => boolean {
  const list = Array.isArray(pattern) ? (pattern as unknown[]) : [pattern];
  const tests = list.map((p) => {
    if (p instanceof RegExp) return (path: string) => { p.lastIndex = 0; return p.test(path); };
    // picomatch's `basename` would break a glob with a slash: it is set for globs without one only.
    if (typeof p === 'string' && p !== '') return picomatch(p, { dot: true, basename: !p.includes('/') });
    throw new OptionError(name, 'a glob, a RegExp or a list of them', pattern);
  });
  return (path) => tests.some((test) => test(path));
}
