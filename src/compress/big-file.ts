// The big-file path. Today: one worker task that streams the file with positional reads to every algorithm.
// A block-parallel path (pigz-style gzip/zstd over several workers, src/bigfile/**) replaces runBigFile here.
import type { CodecFile, CodecFileResult } from '../../workers/compress-protocol.js';
import type { ParioPool } from '../pool/pool.js';
import type { CodecKind, TaskBase } from './task.js';

export async function runBigFile(pool: ParioPool, kind: CodecKind, file: CodecFile, _size: number, task: TaskBase, signal: AbortSignal | undefined): Promise<CodecFileResult[]> {
  return pool.run<CodecFileResult[]>(kind, { ...task, files: [file], bigFileMin: Infinity, maxBytes: Infinity }, { signal });
}
