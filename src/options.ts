import { resolve } from 'node:path';
import { currentFolder } from './cwd.js';
import { OptionError } from './errors.js';
import { IgnoreRules } from './planner/ignore-rules.js';
import { defaultJobs } from './pool/jobs.js';

/** Options shared by every call that finds files and runs them through the pool. */
export interface BaseOptions {
  /** Folder that relative patterns and printed paths are relative to. @default process.cwd() */
  readonly cwd?: string;
  /** Worker threads. @default os.availableParallelism(), fewer when `ulimit -n` is too low for them */
  readonly jobs?: number;
  /** Glob patterns to leave out (fast-glob syntax, relative to cwd). @default [] */
  readonly exclude?: readonly string[];
  /**
   * Glob patterns match names that start with a dot. A folder argument always means every file under it, dot files
   * included (use `exclude` to leave some out). @default false
   */
  readonly dot?: boolean;
  /**
   * Follow symbolic links met while walking folders and matching globs. Without it a link met is not followed but
   * reported as a failure (`ELOOP`), as `gzip -r` does; a name given as a pattern is always followed. @default false
   */
  readonly follow?: boolean;
  /** A plain folder argument means every file under it; false makes it a per-file EISDIR failure. @default true */
  readonly recursive?: boolean;
  /** Files of .gitignore rules (relative to cwd, matched against paths relative to cwd) to leave out. @default [] */
  readonly ignoreFiles?: readonly string[];
  /** Honour the .gitignore files of the tree (and above it up to the repository's top); `.git` is left out. @default false */
  readonly gitignore?: boolean;
  /** Called for each file or folder that `ignoreFiles` or `gitignore` leaves out (files named explicitly never are). */
  readonly onIgnored?: (path: string, folder: boolean) => void;
  /** Aborts globbing, queued tasks and running tasks; the call rejects with AbortError. */
  readonly signal?: AbortSignal;
}

export interface ResolvedBase {
  readonly cwd: string;
  readonly jobs: number;
  readonly exclude: readonly string[];
  readonly dot: boolean;
  readonly follow: boolean;
  readonly recursive: boolean;
  /** The ignore rules (ignoreFiles, gitignore) with their counts, or undefined when there are none. */
  readonly ignore: IgnoreRules | undefined;
  readonly signal: AbortSignal | undefined;
}

export function resolveBase(options: BaseOptions): ResolvedBase {
  const o = options as Record<string, unknown>;
  const cwd = resolve(currentFolder(), optionalString(o, 'cwd') ?? '.');
  const onIgnored = o['onIgnored'];
  if (onIgnored !== undefined && typeof onIgnored !== 'function') throw new OptionError('onIgnored', 'a function', onIgnored);
  return {
    cwd,
    jobs: positiveInt(o, 'jobs', defaultJobs(), 1024),
    exclude: stringArray(o, 'exclude'),
    dot: bool(o, 'dot', false),
    follow: bool(o, 'follow', false),
    recursive: bool(o, 'recursive', true),
    ignore: IgnoreRules.create({
      cwd, ignoreFiles: stringArray(o, 'ignoreFiles'), gitignore: bool(o, 'gitignore', false),
      onIgnored: onIgnored as BaseOptions['onIgnored'],
    }),
    signal: signalOption(o),
  };
}

export function checkObject(options: unknown, name = 'options'): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new OptionError(name, 'an object', options);
  return options as Record<string, unknown>;
}

export function checkPatterns(patterns: unknown): readonly string[] {
  const list = typeof patterns === 'string' ? [patterns] : patterns;
  if (!Array.isArray(list) || list.some((p) => typeof p !== 'string' || p === '')) {
    throw new OptionError('patterns', 'a non-empty string or an array of non-empty strings', patterns);
  }
  return list as string[];
}

export function positiveInt(o: Record<string, unknown>, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = o[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new OptionError(name, `an integer from 1 to ${max}`, value);
  }
  return value;
}

export function bool(o: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const value = o[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new OptionError(name, 'a boolean', value);
  return value;
}

export function optionalString(o: Record<string, unknown>, name: string): string | undefined {
  const value = o[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new OptionError(name, 'a non-empty string', value);
  return value;
}

export function stringArray(o: Record<string, unknown>, name: string): readonly string[] {
  const value = o[name];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new OptionError(name, 'an array of strings', value);
  return value as string[];
}

function signalOption(o: Record<string, unknown>): AbortSignal | undefined {
  const value = o['signal'];
  if (value === undefined) return undefined;
  if (!(value instanceof AbortSignal)) throw new OptionError('signal', 'an AbortSignal', value);
  return value;
}
