import type { FileRef } from '../../workers/file-protocol.js';
import type { MapBatchResult, MapTask } from '../../workers/map-protocol.js';
import { ParioError, isAbortError } from '../errors.js';
import { batch } from '../planner/batch.js';
import type { FoundFile } from '../planner/find.js';
import { runLeased } from '../planner/leases.js';
import { folderOf, placeOf } from '../read/engine.js';
import type { ParioPool } from '../pool/pool.js';
import { runWindow } from '../pool/window.js';
import { batchBytes } from '../read/options.js';
import type { ResolvedReadOptions } from '../read/options.js';
import type { Positioned } from '../read/reorder.js';
import { failedFile } from '../results.js';
import type { MapResult } from './define.js';
import { handBackPieces } from '../pool/pieces.js';

/** A task: a batch of small files, or one large file on its own. `weight` is the bytes it may read. */
interface Item {
  readonly files: readonly FoundFile[];
  readonly single: boolean;
  readonly weight: number;
}
type Done = { readonly item: Item; readonly result: MapBatchResult } | { readonly item: Item; readonly crashed: unknown };

/**
 * Runs the mapper module over every file through the pool. Small files go in batches (many mapper calls per task);
 * a file above `largeFile` comes back from its batch and runs as a task of its own in one worker, which reads it with
 * positional reads into memory of its own and maps it; its task starts before any further batch. At most two tasks
 * per worker and `maxInFlightBytes` of file data are in flight; `admit` lets an ordering stage hold the window.
 */
export async function* mapIndexed(
  pool: ParioPool,
  files: AsyncIterable<FoundFile>,
  module: string,
  o: ResolvedReadOptions,
  admit?: () => boolean,
): AsyncGenerator<Positioned<MapResult<unknown>>> {
  const maxBytes = batchBytes(o);
  const urgent: Item[] = [];
  const start = (item: Item): Promise<Done> => {
    const run = (refs: readonly FileRef[]): Promise<MapBatchResult> => {
      const files = item.files.map((f, i) => ({ path: f.path, abs: f.abs, at: refs[i] as FileRef }));
      const task: MapTask = { module, files, maxBytes, largeThreshold: o.largeFile, single: item.single };
      return pool.run<MapBatchResult>('map', task, { signal: o.signal });
    };
    return runLeased(item.files.map(placeOf), () => pool.exited(), run).then(
      (result): Done => ({ item, result }),
      (error: unknown): Done => {
        if (isAbortError(error) || o.signal?.aborted === true) throw error;
        return { item, crashed: error };
      },
    );
  };
  const source = toItems(batch(files, o.batchSize, folderOf), maxBytes);
  const window = { limit: pool.jobs * 2, maxWeight: o.maxInFlightBytes, weight: (item: Item) => item.weight, admit, signal: o.signal };
  for await (const done of runWindow(source, start, window, urgent)) yield* settle(done, urgent, module, maxBytes);
}

async function* toItems(batches: AsyncIterable<FoundFile[]>, maxBytes: number): AsyncGenerator<Item> {
  for await (const files of batches) yield { files, single: false, weight: maxBytes };
}

function* settle(done: Done, urgent: Item[], module: string, maxBytes: number): Generator<Positioned<MapResult<unknown>>> {
  const { files } = done.item;
  if ('crashed' in done) {
    const message = done.crashed instanceof Error ? done.crashed.message : String(done.crashed);
    const error = { code: 'ERR_WORKER_DIED', message: `the worker mapping it stopped: ${message}` };
    for (const file of files) yield { index: file.index, result: failedFile(file.path, error) };
    return;
  }
  const { loadError, entries } = done.result;
  if (loadError !== undefined) {
    const why = `cannot use the mapper module ${module}: ${loadError.name}: ${loadError.message}`;
    throw new ParioError('ERR_PARIO_MAPPER', why, { cause: loadError });
  }
  const deferred: FoundFile[] = [];
  for (const entry of entries) {
    const file = files[entry.index];
    if (file === undefined) continue;
    if (entry.ok === true) {
      yield { index: file.index, result: { ok: true, path: file.path, size: entry.size, value: entry.value } };
    } else if (entry.ok === false) {
      yield { index: file.index, result: failedFile(file.path, entry.error, entry.error.name) };
    } else if (entry.ok === 'large') {
      urgent.push({ files: [file], single: true, weight: entry.size });
    } else {
      deferred.push(file);
    }
  }
  for (const piece of handBackPieces(deferred, files.length)) urgent.push({ files: piece, single: false, weight: maxBytes });
}
