// The progress line's totals: a second, lighter walk over the same patterns that only counts, ahead of the work.
import { stat } from 'node:fs/promises';
import { findChunks, type FindOptions } from '../planner/index.js';
import { relativeTo, shardOf } from '../runs/index.js';
import type { Share } from '../runs/index.js';
import { fsPath } from '../system/index.js';

/** Files whose sizes are asked for: past this many the byte total is left unknown (a stat each costs as much as reading a small file). */
const SIZED_FILES = 1000;

/** What the run will have done when it ends, as far as the count has gone. */
export interface Totals {
  /** Files found so far. */
  readonly files: number;
  /** Their bytes, when every file found has a known size (small runs); undefined otherwise. */
  readonly bytes: number | undefined;
  /** The count has ended: `files` (and `bytes`) are the run's totals. */
  readonly final: boolean;
  /** A counted file's size, while sizes are kept. */
  sizeOf(path: string): number | undefined;
  /** Ends the count (the run is over). */
  stop(): void;
  /** Settles when the count has ended, whichever way. */
  readonly ended: Promise<void>;
}

/** Totals known in advance (a checksum file's lines). */
export function fixedTotals(files: number): Totals {
  return { files, bytes: undefined, final: true, sizeOf: () => undefined, stop: () => {}, ended: Promise.resolve() };
}

/**
 * Starts counting what `findFiles(patterns, options)` finds (the planner's own rules: excludes, ignore rules, dot
 * files, links), keeping only a share's files with `shard` (the filters that need a stat are not applied: the files
 * they leave out count as done when the run leaves them out) and those that `counts` takes (the run must leave the
 * others out of its done files too). The first files found are stat()ed for a byte total.
 * The walk runs on its own, ahead of the work; any failure just ends it.
 */
export function countAhead(
  patterns: readonly string[], options: FindOptions, shard?: Share, counts: (path: string) => boolean = () => true,
): Totals {
  const controller = new AbortController();
  const sizes = new Map<string, number>();
  const state = { files: 0, bytes: 0, sized: true, final: false };
  const stats: Promise<void>[] = [];
  const count = async (): Promise<void> => {
    const own = { ...options, signal: controller.signal, sorted: false, ignore: options.ignore?.silent() };
    for await (const found of findChunks(patterns, own)) for (const file of found) {
      if (shard !== undefined && shardOf(relativeTo(options.cwd, file.abs), shard.count) !== shard.index) continue;
      if (!counts(file.path)) continue;
      state.files += 1;
      if (!state.sized) continue;
      if (state.files > SIZED_FILES) {
        state.sized = false;
        sizes.clear();
        continue;
      }
      // Not awaited here: the count goes on while libuv's threads answer (at most SIZED_FILES are asked).
      stats.push(stat(fsPath(file.abs)).then(
        (s) => {
          if (!state.sized) return; // past the limit: sizes are no longer kept
          sizes.set(file.path, s.size);
          state.bytes += s.size;
        },
        () => undefined, // the run reports why; it adds nothing to read
      ));
    }
    await Promise.all(stats);
    state.final = true;
  };
  const ended = count().catch(() => undefined); // the count never fails the run
  const totals: Totals = {
    get files() {
      return state.files;
    },
    get bytes() {
      return state.sized ? state.bytes : undefined;
    },
    get final() {
      return state.final;
    },
    sizeOf: (path) => sizes.get(path),
    stop: () => controller.abort(),
    ended,
  };
  return totals;
}
