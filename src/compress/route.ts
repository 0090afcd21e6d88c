// The seam between the many-small-files path and the big-file path, and the batching of small files.
import type { CodecFile } from '../../workers/compress-protocol.js';

/** Files at or above this size leave the batches. @default 8 MiB */
export const BIG_FILE_MIN = 8 << 20;
export const BATCH_MAX_FILES = 64;
export const BATCH_MAX_BYTES = 4 << 20;

export type Route = 'batch' | 'big';

/**
 * Decides how one input is processed. 'batch': with other small files in one worker task. 'big': alone. Today a big
 * file is one worker task with streaming positional reads; a block-parallel path (src/bigfile) plugs in here.
 */
export function routeFor(size: number | undefined): Route {
  return size !== undefined && size >= BIG_FILE_MIN ? 'big' : 'batch';
}

export interface Sized {
  readonly file: CodecFile;
  readonly size: number | undefined;
}

export type Planned = { readonly route: Route; readonly files: readonly CodecFile[]; readonly bytes: number };

/** Groups small files into batches (≤ 64 files, ≤ 4 MiB) and passes big files through one by one. */
export async function* planBatches(source: AsyncIterable<Sized>): AsyncGenerator<Planned> {
  let files: CodecFile[] = [];
  let bytes = 0;
  for await (const { file, size } of source) {
    if (routeFor(size) === 'big') {
      yield { route: 'big', files: [file], bytes: size ?? 0 };
      continue;
    }
    files.push(file);
    bytes += size ?? 0;
    if (files.length >= BATCH_MAX_FILES || bytes >= BATCH_MAX_BYTES) {
      yield { route: 'batch', files, bytes };
      files = [];
      bytes = 0;
    }
  }
  if (files.length > 0) yield { route: 'batch', files, bytes };
}
