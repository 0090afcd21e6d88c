// compress / decompress / test over the pool: find → select → place → batch → workers → results, then temp cleanup.
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CodecFile, CodecFileResult } from '../../workers/compress-protocol.js';
import type { FileRef } from '../../workers/file-protocol.js';
import { outOfDescriptors } from '../errors.js';
import { DirTable } from '../planner/dir-table.js';
import { Batcher } from '../planner/batch.js';
import type { DirNode } from '../planner/dir-table.js';
import { skipForCompress } from './skips.js';
import { findChunks, type FoundFile } from '../planner/find.js';
import type { Placed } from '../planner/leases.js';
import { planChunks } from '../runs/incremental.js';
import type { ManifestBuilder, Planned } from '../runs/incremental.js';
import type { Manifest } from '../runs/manifest.js';
import { outputName } from '../runs/previous.js';
import type { Selection, StatFile } from '../runs/select.js';
import type { ParioPool } from '../pool/pool.js';
import { scheduleChunks } from '../pool/scheduler.js';
import type { Lane, Settlement } from '../pool/scheduler.js';
import { runBigFile } from '../bigfile/codec-file.js';
import type { ResolvedCompressOptions } from './options.js';
import { OutDirs } from './out-dirs.js';
import { commonBase, patternBase } from './placement.js';
import { forTask, prepare, refusedByName } from './prepare.js';
import type { Prepared } from './prepare.js';
import { failed, fromWorker, skipped } from './result.js';
import type { CompressResult } from './result.js';
import { batchLimits, taskBase } from './task.js';
import type { CodecKind } from './task.js';
import { spreadByKey } from './spread.js';
import { isStale, removeTempAt, sweepStale, sweepTemps } from './temps.js';
import type { Folder } from './temps.js';
import { fsPath } from '../../workers/names.js';
import { givenPath } from '../planner/place.js';

/** Results the main thread has already (an unchanged file, a skip by name) handed on together, at most. */
const DONE_GROUP = 1024;

/**
 * A batch of files (small ones; up to WHOLE_IN_MANY_MAX in a many-file gzip run), one big file (the block-parallel
 * path), or results the main thread already has. A batch from the plan names the folders it writes to (spread.ts); a
 * piece handed back goes straight to the scheduler and needs none.
 */
export type Job =
  | { readonly kind: 'batch'; readonly files: readonly Prepared[]; readonly folders?: readonly Folder[] }
  | { readonly kind: 'big'; readonly files: readonly [Prepared]; readonly size: number }
  | { readonly kind: 'done'; readonly files: readonly []; readonly results: readonly CompressResult[] };

/** Cron mode: filters, shards and the manifest of the previous run; the next manifest is built from the results. */
export interface CodecCron {
  readonly selection: Selection;
  readonly previous?: Manifest | undefined;
  readonly builder?: ManifestBuilder | undefined;
  /** Receives every file's plan; with `dryRun` nothing else happens. */
  readonly onPlanned?: ((planned: Planned) => void) | undefined;
  readonly dryRun?: boolean;
}

/**
 * Runs one codec kind over every matching file; yields the results a finished task settles together, in completion
 * order (an unchanged rerun's 200,000 skips are ~200 steps of each stage, not 200,000).
 */
export async function* runCodec(
  pool: ParioPool, kind: CodecKind, patterns: readonly string[], o: ResolvedCompressOptions, cron?: CodecCron,
): AsyncGenerator<CompressResult[]> {
  const folders = new Set<Folder>();
  const given = await Promise.all(patterns.filter((p) => !p.startsWith('!')).map((p) => givenPattern(p, o.cwd)));
  const base = commonBase(given.map((g) => g.base), o.cwd);
  const many = given.length > 1 || given.some((g) => g.many);
  const task = { ...taskBase(kind, o, many), identify: cron?.builder !== undefined };
  const dirs = new DirTable();
  let crashed = false;
  const lane: Lane<Prepared, Job, CompressResult> = {
    doing: 'handling',
    // The folders of the inputs and outputs are held open from here until the task has settled.
    places: (job) => job.files.flatMap((file): Placed[] => [file.place ?? file.abs, ...(file.outPlaces ?? file.outputs)]),
    run: async (job, refs, call) => {
      if (job.kind === 'done') return job.results.map((result) => ({ result }));
      let k = 0;
      const sent = job.files.map((file) => forTask(file, refs[k++], file.outputs.map(() => refs[k++] as FileRef)));
      const results = job.kind === 'batch'
        ? await call(kind, { ...task, files: sent })
        : await runBigFile(pool, kind, sent[0] as CodecFile, task, o.signal, o.bigFile);
      return settle(results, job.files);
    },
    failed: (file, failure) => failed(file.path, failure.code, failure.message),
    batch: (files) => ({ kind: 'batch', files }),
    big: (file, size) => [{ kind: 'big', files: [file], size }],
    crashed: (job, failure) => {
      crashed = true; // its temp files are swept once every task has settled
      return job.files.map((file) => ({ result: failed(file.path, failure.code, failure.message) }));
    },
    // A worker that died for lack of descriptors (a low `ulimit -n`): not the files' fault; the run ends saying so.
    fatal: outOfDescriptors,
  };
  let finished = false;
  try {
    const stats = new Map<string, StatFile>();
    const window = pool.jobs * 2;
    // Any two tasks of one window write to different folders (where the walk offers enough folders).
    const planned = plan(kind, patterns, base, o, { dirs, folders, pool }, cron, stats);
    const jobs = spreadByKey(planned, folderOf, window - 1, Math.max(8, window * 2));
    // --fail-fast: what finished with the failure is reported, then the finally below ends the workers mid-task
    // and removes this run's temp files; no further task starts.
    let failedFast = false;
    const stopAfter = (result: CompressResult): boolean => (failedFast ||= o.failFast && result.status === 'failed');
    for await (const results of scheduleChunks(lane, jobs, { pool, signal: o.signal, limit: window, stopAfter })) {
      for (const [i, result] of results.entries()) {
        if (result.status === 'failed' && outOfDescriptors(result)) {
          if (i > 0) yield results.slice(0, i); // the results before it are told (and recorded) as any others
          throw Object.assign(new Error(`${result.code}: too many open files`), { code: result.code }); // the run's, not the file's
        }
        recordOutputs(result, stats.get(result.path), o.cwd, cron?.builder);
        stats.delete(result.path);
      }
      yield results;
    }
    finished = !failedFast;
  } finally {
    if (!finished) await pool.destroy(); // workers may be mid-write: end them before their temp files are removed
    if (!finished || crashed) await sweepTemps(folders);
    await dirs.close(); // every task has settled (or its thread was destroyed): no folder handle is in use
  }
}

/** Only what pario wrote, by the inode its rename left: an output that was there already is never adopted. */
function recordOutputs(result: CompressResult, file: StatFile | undefined, cwd: string, builder: ManifestBuilder | undefined): void {
  if (file === undefined || result.status === 'failed' || builder === undefined || result.removed) return;
  const outputs = result.outputs.filter((out) => out.status === 'written' && out.ino !== undefined)
    .map((out) => ({ path: outputName(file.path, cwd, out.path), ino: out.ino as number, size: out.bytes }));
  if (outputs.length > 0) builder.record(file, { outputs });
}

/** A task's results: finished ones out, big files and handed-back files back to the scheduler. */
function settle(results: readonly CodecFileResult[], files: readonly Prepared[]): Settlement<Prepared, CompressResult>[] {
  return results.map((result, i): Settlement<Prepared, CompressResult> => {
    const file = files[i] as Prepared;
    if (result.deferred === true) return { handBack: file };
    if (result.big !== undefined) return { big: file, size: result.big }; // at or above the task's bigFileMin
    if (result.skipped === 'small') return { result: skipped(result.path, 'small', result.bytesIn) };
    return { result: fromWorker(result) };
  });
}

/** The folders a batch writes into, so that tasks running together write to different folders. */
function folderOf(job: Job): readonly Folder[] | undefined {
  return job.kind === 'batch' ? job.folders : undefined;
}

/** Files → tasks: main-thread skips and placement failures become 'done' items, the rest batches (see batchLimits). */
async function* plan(
  kind: CodecKind, patterns: readonly string[], base: string, o: ResolvedCompressOptions,
  { dirs, folders, pool }: { dirs: DirTable; folders: Set<Folder>; pool: ParioPool },
  cron: CodecCron | undefined, stats: Map<string, StatFile>,
): AsyncGenerator<Job> {
  const out = o.outDir === undefined || kind === 'test' ? undefined : new OutDirs(dirs, o.outDir);
  const maxFiles = batchLimits(kind, o).files;
  // A batch spans several folders, as many as its handles allow (a task per folder would make a tree of small folders
  // a round trip per few files: node_modules has three a folder); spread.ts keeps the batches in flight together
  // apart by the folders they write to.
  const batcher = new Batcher<Prepared>(maxFiles);
  const batchOf = (files: Prepared[]): Job => ({ kind: 'batch', files, folders: [...new Set(files.flatMap(outputFolders))] });
  // Results the main thread has already (unchanged files, skips by name) travel DONE_GROUP to an item, not one each.
  const done: CompressResult[] = [];
  // Temps that killed runs left: those in folders the walk listed go as the walk meets them (through the folder's
  // handle, no second listing); other folders are listed once, on their first visit.
  const sweeps: Promise<unknown>[] = [];
  const swept = new Set<Folder>();
  const sweepOnce = (folder: Folder): void => {
    if (swept.has(folder) || (typeof folder !== 'string' && folder.listed)) return;
    swept.add(folder);
    sweeps.push(sweepStale(folder));
  };
  const onTemp = (folder: DirNode, name: string): void => {
    if (isStale(name)) sweeps.push(removeTempAt(folder, name));
  };
  const cronPlan = {
    cwd: o.cwd,
    selection: cron?.selection ?? {},
    previous: cron?.previous,
    requireOutputs: kind === 'compress',
    now: Date.now(),
    forceStat: cron?.dryRun === true || cron?.builder !== undefined,
    pool: cron?.dryRun === true ? undefined : pool, // a dry run starts no thread
    signal: o.signal,
  };
  // A compress rerun walks the last run's outputs too: prepare() skips them by name, so they need no stat first.
  const byName = (f: FoundFile): boolean => skipForCompress(f.path, undefined, o.force, 0) !== null;
  const skipsByName = kind === 'compress' && cron?.dryRun !== true ? byName : undefined;
  const walked = findChunks(patterns, { ...o, dirs, onTemp });
  for await (const group of planChunks(walked, { ...cronPlan, skipsByName })) for (const planned of group) {
    if (done.length >= DONE_GROUP) yield { kind: 'done', files: [], results: done.splice(0) };
    cron?.onPlanned?.(planned);
    if (cron?.dryRun === true || planned.kind === 'filtered') continue;
    const found = planned.file;
    const inFolder = folderHolding(found.at ?? found.abs, found.abs);
    sweepOnce(inFolder); // temps that killed runs left beside the inputs
    if (planned.kind === 'unchanged') {
      cron?.builder?.keep(found.path, planned.entry);
      done.push(skipped(found.path, 'unchanged', planned.entry.size));
      continue;
    }
    const refused = refusedByName(kind, found, o); // without a step of prepare()'s: a rerun meets every output it wrote
    if (refused !== undefined) {
      done.push(refused);
      continue;
    }
    if (found.stat !== undefined) stats.set(found.path, found);
    const prepared = await prepare(kind, found, base, o, out, planned.entry);
    if ('status' in prepared) {
      done.push(prepared);
      continue;
    }
    const written = outputFolders(prepared);
    for (const folder of written) {
      sweepOnce(folder); // and in every output folder (--out-dir)
      folders.add(folder);
    }
    for (const files of batcher.add(prepared, [inFolder, ...written])) yield batchOf(files);
  }
  const last = batcher.flush();
  if (last !== undefined) yield batchOf(last);
  if (done.length > 0) yield { kind: 'done', files: [], results: done };
  await Promise.all(sweeps);
}

/** The folders a file's outputs go to. */
function outputFolders(file: Prepared): Folder[] {
  return file.outputs.map((output, i) => folderHolding(file.outPlaces?.[i] ?? output, output));
}

/** The folder a file is in: the run's handle of it, or its path where the run has none. */
function folderHolding(place: Placed, path: string): Folder {
  return typeof place !== 'string' && place.dir !== null ? place.dir : dirname(path);
}

/**
 * A pattern's base folder (its static part; a plain file name counts by its folder), and whether it may name many
 * files: a glob or a folder.
 */
async function givenPattern(pattern: string, cwd: string): Promise<{ base: string; many: boolean }> {
  const base = patternBase(pattern);
  if (base !== pattern) return { base, many: true };
  const isFolder = await stat(fsPath(givenPath(cwd, pattern))).then((s) => s.isDirectory(), () => false);
  return isFolder ? { base, many: true } : { base: dirname(base), many: false };
}
