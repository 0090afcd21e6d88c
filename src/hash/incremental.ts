// hashFiles with cron mode: filters, shards and a manifest of what is unchanged since the last run, still sorted.
import type { DigestKind } from '../../workers/algorithms.js';
import { ManifestBuilder, planChunks } from '../runs/incremental.js';
import type { Planned } from '../runs/incremental.js';
import type { Manifest, ManifestEntry } from '../runs/manifest.js';
import { needsStat, type Selection } from '../runs/select.js';
import { DirTable } from '../planner/dir-table.js';
import type { Pario } from '../pario.js';
import { poolOf } from '../pool/handles.js';
import type { ParioPool } from '../pool/pool.js';
import { hashChunks, type HashItem } from './engine.js';
import type { HashFileResult } from './engine.js';
import picomatch from 'picomatch';
import { givenPath } from '../planner/place.js';
import { anyDepth, trimSlashes } from '../planner/find.js';
import { oneFolder, streamSorted } from './list.js';
import { hashTree } from './tree.js';
import { PlanAhead } from './plan-ahead.js';
import type { ResolvedHashOptions } from './options.js';

export interface HashCron {
  readonly selection: Selection;
  readonly previous?: Manifest | undefined;
  /** Receives the next manifest's entries: unchanged ones carried over, rehashed ones recorded. */
  readonly builder?: ManifestBuilder | undefined;
  /** Files left out by a filter or shard, for dry runs and reports. */
  readonly onFiltered?: ((path: string, reason: string) => void) | undefined;
}

/** A hashed file, and whether its digests came from the manifest (the file was not read). */
export type IncrementalResult = HashFileResult & { readonly cached?: boolean };

/** The sorted list with each file's fate: to hash, or unchanged (filtered ones go to onFiltered). */
export async function planHash(
  patterns: readonly string[], o: ResolvedHashOptions, cron: HashCron, forceStat = false, pool?: ParioPool,
): Promise<Planned[]> {
  const planned: Planned[] = [];
  const { selection, previous } = cron;
  const plan = { cwd: o.cwd, selection, previous, requireOutputs: false, now: Date.now(), forceStat, pool, signal: o.signal };
  for await (const group of planChunks(await streamSorted(patterns, o), plan)) {
    for (const p of group) {
      if (p.kind === 'filtered') cron.onFiltered?.(p.file.path, p.reason);
      else planned.push(p);
    }
  }
  return planned;
}

/**
 * The run's folder handles are its own: they close as soon as the tasks that use them have settled after the run
 * (or the pool's threads that ran them have exited), whether it ran to its end or the caller left early.
 */
export async function* hashIncremental(
  pool: ParioPool, patterns: readonly string[], o: ResolvedHashOptions, cron: HashCron,
): AsyncGenerator<IncrementalResult> {
  for await (const results of hashIncrementalChunks(pool, patterns, o, cron)) yield* results;
}

/** hashIncremental with the results yielded in groups, in order (one step per group of files, not per file). */
async function* hashIncrementalChunks(
  pool: ParioPool, patterns: readonly string[], o: ResolvedHashOptions, cron: HashCron,
): AsyncGenerator<IncrementalResult[]> {
  const dirs = new DirTable();
  try {
    const withDirs = { ...o, dirs };
    yield* cron.previous === undefined ? hashStreaming(pool, patterns, withDirs, cron) : hashPlanned(pool, patterns, withDirs, cron);
  } finally {
    void dirs.close();
  }
}

/**
 * With a manifest: the files are planned as the walk finds them; unchanged ones are handed on from the manifest, the
 * others go to the workers, and every result comes out in the walk's (sorted) order. The plan is read only as far as
 * the workers or the output need (at most AHEAD planned files wait): a rerun's memory does not grow with the tree.
 * Each result is recorded for the next manifest as it is handed on, one at a time: a run stopped by a signal saves
 * exactly the entries its report counts (a group recorded ahead held more than it said).
 */
async function* hashPlanned(
  pool: ParioPool, patterns: readonly string[], o: ResolvedHashOptions & { dirs: DirTable }, cron: HashCron,
): AsyncGenerator<IncrementalResult[]> {
  const { selection, previous } = cron;
  const plan = { cwd: o.cwd, selection, previous, requireOutputs: false, now: Date.now(), pool, signal: o.signal };
  const cached = (p: Planned): ManifestEntry | undefined => (p.kind === 'unchanged' && covers(p.entry, o.algorithms) ? p.entry : undefined);
  const named = new Set(patterns);
  // A file left out by a filter goes to the output too (not hashed), so it is reported when the output reaches it.
  const fate = (p: Planned): HashItem | 'cached' => {
    if (p.kind === 'filtered' || cached(p) !== undefined) return 'cached';
    return { path: p.file.path, abs: p.file.abs, at: p.file.at, algorithms: o.algorithms, named: named.has(p.file.path) };
  };
  const engine = (items: AsyncIterable<HashItem[]>) => hashChunks(pool, items, { signal: o.signal });
  const ahead = new PlanAhead(planChunks(await streamSorted(patterns, o), plan), fate, engine);
  try {
    for (let p = await ahead.next(); p !== undefined; p = await ahead.next()) {
      if (p.kind === 'filtered') {
        cron.onFiltered?.(p.file.path, p.reason);
        continue;
      }
      const entry = cached(p);
      if (entry !== undefined) {
        cron.builder?.keep(p.file.path, entry);
        yield [{ ok: true, path: p.file.path, size: entry.size, digests: pick(entry, o.algorithms), cached: true }];
        continue;
      }
      const result = await ahead.result();
      if (result === undefined) return;
      if (result.ok) cron.builder?.record(p.file, { digests: result.digests as Record<string, string> });
      yield [result];
    }
  } finally {
    await ahead.return();
  }
}

/**
 * No manifest, so nothing is cached: files go to the workers as the (sorted) walk finds them; one folder with nothing
 * to filter is listed by the workers themselves (tree.ts).
 */
async function* hashStreaming(
  pool: ParioPool, patterns: readonly string[], o: ResolvedHashOptions & { dirs: DirTable }, cron: HashCron,
): AsyncGenerator<IncrementalResult[]> {
  const { selection } = cron;
  const root = await treeRoot(patterns, o, selection);
  if (root !== undefined) {
    const exclude = o.exclude.map(anyDepth);
    picomatch(exclude.length > 0 ? exclude : ['\0']); // a pattern picomatch refuses ends the run here, as in find.ts
    yield* hashTree(pool, givenPath(o.cwd, root), root, o.algorithms, { dirs: o.dirs, signal: o.signal, exclude });
    return;
  }
  const plan = { cwd: o.cwd, selection, previous: undefined, requireOutputs: false, now: Date.now(), pool, signal: o.signal };
  const files = planChunks(await streamSorted(patterns, o), plan);
  const named = new Set(patterns); // a file given as an argument, not found by a walk or a glob: a device is read too
  const items = async function* (): AsyncGenerator<HashItem[]> {
    for await (const group of files) {
      const items: HashItem[] = [];
      for (const p of group) {
        if (p.kind === 'filtered') cron.onFiltered?.(p.file.path, p.reason);
        else items.push({ path: p.file.path, abs: p.file.abs, at: p.file.at, algorithms: o.algorithms, named: named.has(p.file.path) });
      }
      yield items;
    }
  };
  yield* hashChunks(pool, items(), { signal: o.signal });
}

/**
 * The folder to hash as a tree (printed as the user named it, its trailing slashes trimmed), when the run is over
 * one folder with no ignore rules, --follow, filter or shard (excludes the workers apply themselves).
 */
async function treeRoot(patterns: readonly string[], o: ResolvedHashOptions, selection: Selection): Promise<string | undefined> {
  if (o.follow || o.ignore !== undefined || needsStat(selection) || selection.shard !== undefined) return undefined;
  const folder = await oneFolder(patterns, o);
  return folder === undefined ? undefined : trimSlashes(folder);
}

function covers(entry: ManifestEntry, algorithms: readonly DigestKind[]): boolean {
  return algorithms.every((a) => typeof entry.digests?.[a] === 'string');
}

function pick(entry: ManifestEntry, algorithms: readonly DigestKind[]): Partial<Record<DigestKind, string>> {
  return Object.fromEntries(algorithms.map((a) => [a, entry.digests?.[a] ?? ''])) as Partial<Record<DigestKind, string>>;
}

/**
 * hashIncremental on the threads of a createPario handle, the results in groups (the CLI's hash runs; the handle is
 * not closed here).
 */
export function hashChunksOn(
  pario: Pario, patterns: readonly string[], o: ResolvedHashOptions, cron: HashCron,
): AsyncGenerator<IncrementalResult[]> {
  return hashIncrementalChunks(poolOf(pario), patterns, o, cron);
}
