// Tasks that do not go through the scheduler's batches: the blocks and frames of one big file (sent in order, their
// results taken in order: pigz's write thread) and a whole file's single task (a brotli stream, a serial decode, -c).
// With the scheduler, these are the only places that send work to the pool (and the cron stage's stats, below).
import type { TransferListItem } from 'node:worker_threads';
import type { JobKind, ResultOf, TaskOf } from '../../workers/protocol.js';
import type { FileRef } from '../../workers/file-protocol.js';
import { runLeased, type Placed } from '../planner/leases.js';
import { runOrdered } from './order.js';
import type { ParioPool } from './pool.js';

/** A task to send: its job kind and its task, as the protocol's table pairs them. */
export type Sent = { readonly [K in JobKind]: { readonly kind: K; readonly task: TaskOf<K> } }[JobKind];

type Runner = Pick<ParioPool, 'run'>;

/** One task on its own (a whole file in one worker). */
export function runTask<K extends JobKind>(
  pool: Runner, kind: K, task: TaskOf<K>, signal: AbortSignal | undefined, transferList?: readonly TransferListItem[],
): Promise<ResultOf<K>> {
  return pool.run(kind, task, transferList === undefined ? { signal } : { signal, transferList });
}

/** One task over files, through their folders' handles, held open until it settles (the cron stage's stats). */
export function runLeasedTask<K extends JobKind>(
  pool: Pick<ParioPool, 'run' | 'exited'>, kind: K, places: readonly Placed[], task: (refs: FileRef[]) => TaskOf<K>,
  signal: AbortSignal | undefined,
): Promise<ResultOf<K>> {
  return runLeased(places, () => pool.exited(), (refs) => runTask(pool, kind, task(refs), signal));
}

/** A sent pair: the table pairs each kind with its task; TypeScript cannot follow that through a union, so it is said here once. */
function runSent<S extends Sent>(pool: Runner, sent: S, signal: AbortSignal | undefined): Promise<ResultOf<S['kind']>> {
  return runTask(pool, sent.kind as JobKind, sent.task as never, signal) as Promise<ResultOf<S['kind']>>;
}

/**
 * The tasks of `source` with at most `limit` sent and not yet consumed: `send` names each item's task (and whatever
 * it keeps beside it, such as an output slot), `settled` frees the item's input once its task settled, and `consume`
 * takes the results strictly in source order.
 */
export async function runTasksInOrder<T, S extends Sent>(
  pool: Runner, signal: AbortSignal | undefined, source: AsyncIterable<T> | Iterable<T>, limit: number,
  send: (item: T) => S,
  consume: (result: ResultOf<S['kind']>, sent: S) => Promise<void> | void,
  settled?: (item: T) => void,
): Promise<void> {
  const start = async (item: T): Promise<{ sent: S; result: ResultOf<S['kind']> }> => {
    const sent = send(item);
    try {
      return { sent, result: await runSent(pool, sent, signal) };
    } finally {
      settled?.(item);
    }
  };
  await runOrdered(source, start, ({ sent, result }) => consume(result, sent), limit);
}
