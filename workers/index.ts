// The Piscina entry: one named export per job kind; the pool picks one with run(task, { name }).
import { isMainThread } from 'node:worker_threads';

if (isMainThread) throw new Error('pario: workers/index.js is a worker entry; import the package instead');

export { noop } from './noop.js';
export { read } from './read.js';
export { readRange } from './read-range.js';
export { compress } from './compress.js';
export { decompress, test } from './decompress.js';
export { hash } from './hash.js';
export { encode } from './encode.js';
export { map } from './map.js';
export { deflateBlock, zstdBlock } from './blocks.js';

/**
 * Piscina looks up its default handler when a thread starts: with a default export here it finds one through
 * require() and never falls back to import() of this module. An import() in flight while a task's require() of the
 * same module runs aborted Node 20 (V8 "IsGraphAsync must be used on an instantiated module").
 */
export default function defaultHandler(): never {
  throw new Error('pario: every task names its job kind');
}
