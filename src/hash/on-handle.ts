// Hashing and checking on the threads of a createPario handle (the CLI's runs; the handle is not closed here).
import { poolOf } from '../pool/handles.js';
import type { CheckFileLine } from './parse.js';
import { checkEvents, type CheckEvent, type CheckRunOptions } from './check.js';
import { hashIncremental, type HashCron, type IncrementalResult } from './incremental.js';
import type { ResolvedHashOptions } from './options.js';

/** The files `patterns` name hashed in path order; with `cron`, only those changed since the manifest (the rest cached). */
export function hashOn(
  pario: object, patterns: readonly string[], o: ResolvedHashOptions, cron: HashCron,
): AsyncGenerator<IncrementalResult> {
  return hashIncremental(poolOf(pario), patterns, o, cron);
}

/** Each check-file line's file hashed and compared, as events in line order. */
export function checkOn(pario: object, lines: AsyncIterable<CheckFileLine>, options: CheckRunOptions): AsyncGenerator<CheckEvent> {
  return checkEvents(poolOf(pario), lines, options);
}
