import type { FileRef } from '../../workers/file-protocol.js';
import type { MapBatchResult, MapTask } from '../../workers/map-protocol.js';
import { ParioError } from '../errors.js';
import { batch } from '../planner/batch.js';
import type { FoundFile } from '../planner/find.js';
import { folderOf, placeOf } from '../read/engine.js';
import type { ParioPool } from '../pool/pool.js';
import { asJobs, schedule } from '../pool/scheduler.js';
import type { Lane, Settlement } from '../pool/scheduler.js';
import { batchBytes } from '../read/options.js';
import type { ResolvedReadOptions } from '../read/options.js';
import type { Positioned } from '../pool/order.js';
import { failedFile } from '../results.js';
import type { MapResult } from './define.js';

/** A batch of small files, or one large file on its own. `weight` is the bytes it may read. */
interface Job {
  readonly files: readonly FoundFile[];
  readonly single: boolean;
  readonly weight: number;
}

type Mapped = Positioned<MapResult<unknown>>;

/**
 * Runs the mapper module over every file through the pool. Small files go in batches (many mapper calls per task);
 * a file above `largeFile` comes back from its batch and runs as a task of its own in one worker, which reads it with
 * positional reads into memory of its own and maps it; its task starts before any further batch. At most two tasks
 * per worker and `maxInFlightBytes` of file data are in flight; `admit` lets an ordering stage hold the window.
 */
export function mapIndexed(
  pool: ParioPool,
  files: AsyncIterable<FoundFile>,
  module: string,
  o: ResolvedReadOptions,
  admit?: () => boolean,
): AsyncGenerator<Mapped> {
  const maxBytes = batchBytes(o);
  const lane: Lane<FoundFile, Job, Mapped> = {
    doing: 'mapping',
    places: (job) => job.files.map(placeOf),
    run: async (job, refs, call) => {
      const files = job.files.map((f, i) => ({ path: f.path, abs: f.abs, at: refs[i] as FileRef }));
      const task: MapTask = { module, files, maxBytes, largeThreshold: o.largeFile, single: job.single };
      return settle(job.files, await call('map', task), module);
    },
    failed: (file, failure) => ({ index: file.index, result: failedFile(file.path, failure) }),
    batch: (files) => ({ files, single: false, weight: maxBytes }),
    big: (file, size) => [{ files: [file], single: true, weight: size }],
    fatal: (error) => error instanceof ParioError && error.code === MAPPER_UNUSABLE,
  };
  const jobs = asJobs(batch(files, o.batchSize, folderOf), lane);
  return schedule(lane, jobs, { pool, signal: o.signal, maxWeight: o.maxInFlightBytes, admit: admit && (() => admit()) });
}

const MAPPER_UNUSABLE = 'ERR_PARIO_MAPPER';

function settle(files: readonly FoundFile[], result: MapBatchResult, module: string): Settlement<FoundFile, Mapped>[] {
  const { loadError, entries } = result;
  if (loadError !== undefined) {
    const why = `cannot use the mapper module ${module}: ${loadError.name}: ${loadError.message}`;
    throw new ParioError(MAPPER_UNUSABLE, why, { cause: loadError });
  }
  const settled: Settlement<FoundFile, Mapped>[] = [];
  for (const entry of entries) {
    const file = files[entry.index];
    if (file === undefined) continue;
    if (entry.ok === true) {
      settled.push({ result: { index: file.index, result: { ok: true, path: file.path, size: entry.size, value: entry.value } } });
    } else if (entry.ok === false) {
      settled.push({ result: { index: file.index, result: failedFile(file.path, entry.error, entry.error.name) } });
    } else if (entry.ok === 'large') settled.push({ big: file, size: entry.size });
    else settled.push({ handBack: file });
  }
  return settled;
}
