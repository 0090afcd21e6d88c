import type { BaseOptions } from '../planner/index.js';
import type { GlobalOptions } from './context.js';

/** The library options that the program-wide CLI flags stand for. */
export function baseOptions(g: GlobalOptions, signal: AbortSignal): BaseOptions & { jobs?: number } {
  return {
    signal,
    ...(g.jobs === undefined ? {} : { jobs: g.jobs }),
    ...(g.exclude === undefined ? {} : { exclude: g.exclude }),
    ...(g.ignoreFile === undefined ? {} : { ignoreFiles: g.ignoreFile }),
    ...(g.gitignore === true ? { gitignore: true } : {}),
    ...(g.dot === true ? { dot: true } : {}),
    ...(g.follow === true ? { follow: true } : {}),
  };
}

/** Progress is drawn only on a terminal, and never with --quiet, --json or --no-progress. */
export function wantsProgress(g: GlobalOptions): boolean {
  return g.progress !== false && g.quiet !== true && g.json !== true;
}
