import { closeSync } from 'node:fs';
import { toFailure } from './fail.js';
import { loadMapper } from './map-load.js';
import type { MapperFunction } from './map-load.js';
import { MAPPER_THREW } from './map-protocol.js';
import type { MapBatchResult, MapEntry, MapError, MapTask } from './map-protocol.js';
import { prepareTransfer } from './map-transfer.js';
import { withMoved } from './move.js';
import type { FileRef } from './file-protocol.js';
import { namedRef } from './file-protocol.js';
import { assertEnd, openInput, readAt } from './open.js';
import { addProgress } from './progress.js';
import { stopRequested } from './stop.js';

/** Files up to this size are read into this worker's reused scratch memory; bigger ones into memory of their own. */
const SCRATCH_MAX = 16 << 20;
let scratch: SharedArrayBuffer | undefined;

/**
 * Runs the user's default export over a batch of files, one at a time: open, fstat, positional reads into reused
 * shared memory, close, then call the mapper with a view of the bytes (awaited when it returns a promise). What the
 * mapper throws becomes that file's error; what it returns goes back with its buffers moved, not copied.
 */
export async function map(task: MapTask): Promise<MapBatchResult> {
  let mapper: MapperFunction;
  try {
    mapper = await loadMapper(task.module);
  } catch (error) {
    return { loadError: toMapError(error, 'ERR_MAPPER_LOAD'), entries: [] };
  }
  const entries: MapEntry[] = [];
  const transfer = new Set<ArrayBuffer>();
  let total = 0;
  let failures = 0;
  let done = 0;
  for (let index = 0; index < task.files.length; index += 1) {
    const file = task.files[index];
    if (file === undefined) continue;
    if (!task.single && (total >= task.maxBytes || stopRequested())) {
      entries.push({ ok: 'deferred', index, size: 0 });
      continue;
    }
    const read = readOne(file.abs, file.at ?? namedRef(file.abs), task);
    if ('error' in read || 'large' in read) {
      if ('error' in read) failures += 1;
      entries.push('error' in read ? { ok: false, index, error: read.error } : { ok: 'large', index, size: read.size });
      continue;
    }
    total += read.data.byteLength;
    try {
      let value = mapper({ path: file.path, abs: file.abs, size: read.data.byteLength, data: read.data });
      if (isThenable(value)) value = await value;
      entries.push({ ok: true, index, size: read.data.byteLength, value: prepareTransfer(value, scratch, transfer) });
      done += 1; // a file counts as done or as failed, never both (as the read and hash jobs count)
    } catch (error) {
      failures += 1;
      entries.push({ ok: false, index, error: toMapError(error, MAPPER_THREW) });
    }
  }
  addProgress(done, total, 0, failures);
  const result: MapBatchResult = { entries };
  return transfer.size === 0 ? result : withMoved(result, transfer);
}

type Read = { readonly data: Uint8Array } | { readonly large: true; readonly size: number } | { readonly error: MapError };

function readOne(abs: string, ref: FileRef, task: MapTask): Read {
  let fd: number | undefined;
  try {
    const file = openInput(ref);
    fd = file.fd;
    if (!task.single && file.size > task.largeThreshold) return { large: true, size: file.size };
    const data = file.size > SCRATCH_MAX || task.single ? new Uint8Array(file.size) : scratchView(file.size);
    readAt(file.fd, data, 0);
    assertEnd(file.fd, file.size);
    return { data };
  } catch (error) {
    const failure = toFailure(abs, error);
    return { error: { name: 'FileError', code: failure.code, message: failure.message } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function scratchView(size: number): Uint8Array {
  if (scratch === undefined || scratch.byteLength < size) {
    scratch = new SharedArrayBuffer(Math.max(size, Math.min(SCRATCH_MAX, 2 * (scratch?.byteLength ?? 0)), 64 << 10));
  }
  return new Uint8Array(scratch, 0, size);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function toMapError(error: unknown, fallbackCode: string): MapError {
  if (!(error instanceof Error)) return { name: 'Error', code: fallbackCode, message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, code: typeof code === 'string' ? code : fallbackCode, message: error.message };
}
