import type { FailedFile } from '../results.js';
import { toFileError } from '../results.js';
import { DirTable } from '../planner/dir-table.js';
import { findFiles } from '../planner/find.js';
import type { FoundFile } from '../planner/find.js';
import type { ParioPool } from '../pool/pool.js';
import type { ResolvedReadOptions } from './options.js';
import { reorder } from '../pool/order.js';

/** A per-file result with its size when it succeeded. */
export type Sized = { readonly ok: true; readonly size: number } | FailedFile;

/** The stage that turns files into indexed results on a pool (readIndexed, mapIndexed). */
export type IndexedStage<R> = (
  pool: ParioPool, files: AsyncIterable<FoundFile>, admit: (() => boolean) | undefined,
) => AsyncIterable<{ index: number; result: R }>;

/**
 * What readFiles and mapFiles share: find the files, run a stage over them, yield in completion order (or, with
 * `ordered`, in the order found, holding at most `maxInFlightBytes` back), throw at the first failure with `failFast`.
 * An owned pool is destroyed at the end, a borrowed (warm) one kept.
 */
export async function* runFiles<R extends Sized>(
  getPool: () => ParioPool, owned: boolean, patterns: readonly string[], o: ResolvedReadOptions, stage: IndexedStage<R>,
): AsyncGenerator<R> {
  const pool = getPool();
  const dirs = new DirTable();
  try {
    const files = findFiles(patterns, { ...o, dirs });
    const held = { count: 0, bytes: 0 };
    const indexed = stage(pool, files, o.ordered ? () => held.bytes < o.maxInFlightBytes : undefined);
    const results = o.ordered ? reorder(indexed, held, (r) => (r.ok ? r.size : 0)) : unindex(indexed);
    for await (const result of results) {
      if (!result.ok && o.failFast) throw toFileError(result);
      yield result;
    }
  } finally {
    if (owned) await pool.destroy();
    await dirs.close(); // after every task that names a file in them has settled
  }
}

async function* unindex<R>(items: AsyncIterable<{ result: R }>): AsyncGenerator<R> {
  for await (const item of items) yield item.result;
}
