// The Piscina entry: one named export per job kind; the pool picks one with run(task, { name }).
// Each kind's code loads on first use, so a thread that only hashes never loads zlib, streams or the codecs: a
// worker starts in a fraction of the time. The pool's warm-up task preloads the kinds a run will use (see `noop`),
// so no import is in flight when a pool ends early (terminating a thread mid-import aborts Node 20).
import { isMainThread } from 'node:worker_threads';
import { STOP_FIELD } from './protocol.js';
import type { JobKind, NoopTask, ResultOf, TaskOf, WorkerModule } from './protocol.js';
import { enterTask, throwIfStopped } from './stop.js';

if (isMainThread) throw new Error('pario: workers/index.js is a worker entry; import the package instead');

const LOADERS = {
  read: () => import('./read.js'),
  readRange: () => import('./read-range.js'),
  compress: () => import('./compress.js'),
  decompress: () => import('./decompress.js'),
  hash: () => import('./hash.js'),
  encode: () => import('./encode.js'),
  map: () => import('./map.js'),
  blocks: () => import('./blocks.js'),
  frames: () => import('./frames.js'),
  stat: () => import('./stat.js'),
} as const satisfies Record<WorkerModule, () => Promise<unknown>>;

type Loaded = { [K in WorkerModule]: Awaited<ReturnType<(typeof LOADERS)[K]>> };
const loaded: Partial<Loaded> = {};

/** The module, loading it once; after the first call it costs one resolved await. */
async function load<K extends WorkerModule>(name: K): Promise<Loaded[K]> {
  const have = loaded[name];
  if (have !== undefined) return have;
  const mod = (await LOADERS[name]()) as Loaded[K];
  loaded[name] = mod;
  return mod;
}

/** The warm-up task: loads what the run will use, then does `count` empty steps (the bench's cost-of-a-task probe). */
export async function noop(task: NoopTask): Promise<number> {
  if (task.preload !== undefined) await Promise.all(task.preload.map((name) => load(name)));
  let n = 0;
  for (let i = 0; i < task.count; i += 1) n += 1;
  return n;
}

type Handler<K extends JobKind> = (task: TaskOf<K>) => Promise<ResultOf<K>>;
type Returned<F> = F extends (task: never) => infer R ? Awaited<R> : never;
type Param<F> = F extends (task: infer T) => unknown ? T : never;

/** The handler of a job kind: loads its module on first use, then runs the named function of it. */
const kind = <M extends WorkerModule, N extends keyof Loaded[M]>(module: M, name: N) =>
  async (task: Param<Loaded[M][N]>): Promise<Returned<Loaded[M][N]>> => {
    enterTask((task as Record<string, unknown>)[STOP_FIELD] as Int32Array | undefined);
    throwIfStopped(); // a task queued before its call was aborted or its pool ended does nothing
    return ((await load(module))[name] as (t: typeof task) => Returned<Loaded[M][N]>)(task);
  };

/** One handler per job kind, checked against the protocol's table. */
const handlers = {
  noop: async (task: NoopTask) => noop(task),
  read: kind('read', 'read'),
  readRange: kind('readRange', 'readRange'),
  compress: kind('compress', 'compress'),
  decompress: kind('decompress', 'decompress'),
  test: kind('decompress', 'test'),
  hash: kind('hash', 'hash'),
  hashTree: kind('hash', 'hashTree'),
  encode: kind('encode', 'encode'),
  map: kind('map', 'map'),
  deflateBlock: kind('blocks', 'deflateBlock'),
  zstdBlock: kind('blocks', 'zstdBlock'),
  zstdFrame: kind('frames', 'zstdFrame'),
  inflateSpan: kind('frames', 'inflateSpan'),
  stat: kind('stat', 'stat'),
} satisfies { readonly [K in JobKind]: Handler<K> };

export const { read, readRange, compress, decompress, test, hash, hashTree, encode, map, deflateBlock, zstdBlock, zstdFrame,
  inflateSpan, stat } = handlers;

/**
 * Piscina looks up its default handler when a thread starts: with a default export here it finds one through
 * require() and never falls back to import() of this module. An import() in flight while a task's require() of the
 * same module runs aborted Node 20 (V8 "IsGraphAsync must be used on an instantiated module").
 */
export default function defaultHandler(): never {
  throw new Error('pario: every task names its job kind');
}
