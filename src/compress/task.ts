// What the main thread sends with every codec task, built once per run from the resolved options.
import type { CompressTask, DecompressTask } from '../../workers/compress-protocol.js';
import type { ResolvedCompressOptions } from './options.js';
import { BIG_FILE_MIN } from './route.js';

export type CodecKind = 'compress' | 'decompress' | 'test';
export type TaskBase = Omit<CompressTask, 'files'> & Omit<DecompressTask, 'files'>;

export function taskBase(kind: CodecKind, o: ResolvedCompressOptions): TaskBase {
  return {
    specs: o.specs,
    force: o.force,
    fsync: o.fsync,
    remove: kind !== 'test' && o.remove,
    minRatio: o.minRatio,
    maxOutput: o.maxOutput,
    bigFileMin: BIG_FILE_MIN,
    minSize: kind === 'compress' ? o.minSize : 0,
  };
}
