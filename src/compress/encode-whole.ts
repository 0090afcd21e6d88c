// One file compressed by one worker whole into memory (`pario compress -c` of a file below the big-file size, or of
// any brotli input): the worker returns the bytes or the failure, as data.
import type { EncodeResult, EncodeTask } from '../../workers/compress-protocol.js';
import type { CompressSpec } from '../../workers/compress-protocol.js';
import type { FoundFile } from '../planner/find.js';
import { createPool } from '../pool/pool.js';
import { runTask } from '../pool/tasks.js';
import type { ResolvedCompressOptions } from './options.js';

export async function encodeWhole(file: FoundFile, o: ResolvedCompressOptions, spec: CompressSpec | undefined): Promise<EncodeResult> {
  // By its path (the walk's folder handle is closed by now: -c only reads), never through a link the walk met.
  const at = { dir: null, name: file.abs, follow: file.at?.follow ?? true };
  const task: EncodeTask = { abs: file.abs, at, path: file.path, maxOutput: o.maxOutput, ...(spec === undefined ? {} : { spec }) };
  const pool = createPool(1, ['encode']);
  try {
    return await runTask(pool, 'encode', task, o.signal);
  } finally {
    await pool.close();
  }
}
