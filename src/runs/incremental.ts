import { access } from 'node:fs/promises';
import pLimit from 'p-limit';
import { dirname } from 'node:path';
import type { FoundFile } from '../planner/find.js';
import { ManifestEntries, isUnchanged, manifestOutput } from './manifest.js';
import type { Manifest, ManifestEntry, ManifestOutput } from './manifest.js';
import { MainStats, leftOutBy, needsStat } from './select.js';
import type { Selection, StatFile } from './select.js';
import { fsPath } from '../../workers/names.js';
import { givenPath } from '../planner/place.js';
import type { ParioPool } from '../pool/pool.js';
import { statAhead, statOnPool } from './pool-stats.js';
import { previousEntry } from './previous.js';

export interface CronPlan {
  readonly cwd: string;
  readonly selection: Selection;
  /** The previous run's manifest (incremental mode), if any. */
  readonly previous?: Manifest | undefined;
  /** Compress: an unchanged input counts as done only while all its recorded outputs still exist. */
  readonly requireOutputs: boolean;
  readonly now: number;
  /** stat every file even when nothing needs it (a dry run reports byte totals). */
  readonly forceStat?: boolean;
  /**
   * Files the engine leaves out by their name alone (compress: an input with a codec's suffix, such as the outputs of
   * the last run): never stat()ed, unless an age or size filter needs their stat to leave them out first.
   */
  readonly skipsByName?: ((file: FoundFile) => boolean) | undefined;
  /** The run's threads: the stats are looked up there (pool-stats.ts); without them, on the main thread. */
  readonly pool?: Pick<ParioPool, 'run' | 'exited'> | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * A file to process (with the previous run's entry when it has one: a changed file's outputs are pario's to replace),
 * a file left out by a filter, or a file the manifest says is unchanged (with its entry).
 */
export type Planned =
  | { readonly kind: 'run'; readonly file: StatFile; readonly entry?: ManifestEntry }
  | { readonly kind: 'filtered'; readonly file: StatFile; readonly reason: string }
  | { readonly kind: 'unchanged'; readonly file: StatFile; readonly entry: ManifestEntry };

/**
 * The cron-mode selection stage between the planner and an engine: shard, age and size filters, and the incremental
 * check (same size, mtime in ns and inode as the manifest says → not read at all). Files are stat()ed only when a
 * filter or a manifest needs it: on the run's threads when it has some (pool-stats.ts), else on the main thread
 * (MainStats). Files come and go in groups (the walk's folders): one step per group, not per file (pool/groups.ts).
 */
export async function* planChunks(files: AsyncIterable<readonly FoundFile[]>, plan: CronPlan): AsyncGenerator<Planned[]> {
  const filters = needsStat(plan.selection);
  const unstated = filters ? undefined : plan.skipsByName;
  const statted = filters || plan.previous !== undefined || plan.forceStat === true;
  // With the run's threads, the stats come with the groups (looked up a few groups ahead); else file by file here.
  const pool = statted ? plan.pool : undefined;
  const onMain = statted && pool === undefined ? new MainStats(unstated, 32) : undefined;
  // Only a rerun that needs its outputs present tracks what the walk lists (a hash run or a first run pays nothing).
  const outputs = plan.requireOutputs && plan.previous !== undefined ? new WalkedOutputs(plan.cwd) : undefined;
  const decide = (file: StatFile): Planned | undefined => {
    const reason = leftOutBy(file, plan.selection, plan.cwd, plan.now);
    if (reason !== undefined) return { kind: 'filtered', file, reason };
    // A file without a stat (it failed, or the name alone skips it) cannot be unchanged: its entry is not parsed.
    const entry = file.stat === undefined || plan.previous === undefined ? undefined : previousEntry(plan.previous, file, plan.cwd);
    if (entry !== undefined && isUnchanged(entry, file.stat)) {
      if (!plan.requireOutputs) return { kind: 'unchanged', file, entry };
      if (outputs?.wait(file, entry) === true) return undefined;
    }
    return entry === undefined ? { kind: 'run', file } : { kind: 'run', file, entry };
  };
  let out: Planned[] = [];
  const groups = pool === undefined ? files : statAhead(files, statOnPool(pool, plan.signal, unstated));
  for await (const group of groups) {
    for (const found of group) {
      let file = onMain === undefined ? found : onMain.push(found);
      for (;;) {
        if (file === undefined) {
          const due = onMain?.due();
          if (due === undefined) break;
          file = await due;
        }
        if (outputs?.enter(file) === true) out.push(...(await outputs.settle()));
        const planned = decide(file);
        if (planned !== undefined) out.push(planned);
        file = undefined;
      }
    }
    if (out.length > 0) yield out;
    out = [];
  }
  for (let due = onMain?.next(); due !== undefined; due = onMain?.next()) {
    const file = await due;
    if (outputs?.enter(file) === true) out.push(...(await outputs.settle()));
    const planned = decide(file);
    if (planned !== undefined) out.push(planned);
  }
  if (outputs !== undefined) out.push(...(await outputs.settle()));
  if (out.length > 0) yield out;
}

/**
 * An unchanged input counts as done only while all its recorded outputs exist. Outputs beside it are walked too: an
 * output the walk has listed in the same folder is known to exist without a syscall. The inputs wait until the walk
 * leaves their folder; only outputs it did not list there (another folder, --out-dir, gone) are looked up. Names in
 * the folder are compared, not paths: the walk's file names as listed, an output's as its recorded path ends.
 */
class WalkedOutputs {
  /** The folder the walk is in: its handle (files found through one), else its path. */
  private dir: unknown;
  private folder = '';
  /** The first file of a folder the walk entered, seen once the last folder's inputs are settled. */
  private entered: string | undefined;
  private readonly seen = new Set<string>();
  /** Inputs and their outputs (as recorded; `name` when in the input's folder). */
  private waiting: { file: StatFile; entry: ManifestEntry; outputs: { path: string; name: string | undefined }[] }[] = [];
  private readonly lookups = pLimit(32);

  constructor(private readonly cwd: string) {}

  /** A walked file; true when the walk has left the last folder: the inputs that waited there are settled first. */
  enter(file: StatFile): boolean {
    const at = file.at;
    if (at !== undefined && at.dir !== null && at.dir === this.dir) {
      this.seen.add(at.name);
      return false;
    }
    const abs = file.abs;
    const slash = abs.lastIndexOf('/');
    const name = at?.name ?? abs.slice(slash + 1);
    const left = slash !== this.folder.length || !abs.startsWith(this.folder);
    this.dir = at?.dir ?? undefined;
    if (!left) this.seen.add(name);
    else (this.folder = slash > 0 ? abs.slice(0, slash) : dirname(abs)), (this.entered = name);
    return left;
  }

  /** False when the entry records no output (the input is redone). */
  wait(file: StatFile, entry: ManifestEntry): boolean {
    const recorded = entry.outputs ?? [];
    if (recorded.length === 0) return false;
    const cut = file.path.lastIndexOf('/') + 1; // the input's folder, as named
    const outputs = recorded.map((output) => {
      const { path } = manifestOutput(output);
      const beside = path.lastIndexOf('/') + 1 === cut && (cut === 0 || path.startsWith(file.path.slice(0, cut)));
      if (beside) return { path, name: path.slice(cut) };
      const abs = givenPath(this.cwd, path); // named another way (`./a` for `a`): beside it when in the walk's folder
      const slash = abs.lastIndexOf('/');
      return { path, name: slash === this.folder.length && abs.startsWith(this.folder) ? abs.slice(slash + 1) : undefined };
    });
    this.waiting.push({ file, entry, outputs });
    return true;
  }

  /** The inputs that waited for the folder the walk has left, each unchanged or to be redone. */
  async settle(): Promise<Planned[]> {
    const waiting = this.waiting;
    this.waiting = [];
    // The outputs the walk did not list, looked up for the whole folder, 32 at a time (as MainStats).
    const present = await Promise.all(waiting.map(({ outputs }): boolean | Promise<boolean> => {
      const unseen = outputs.filter((o) => o.name === undefined || !this.seen.has(o.name));
      if (unseen.length === 0) return true; // the usual rerun: every output listed beside its input, no promise
      const found = unseen.map((o) => this.lookups(() => access(fsPath(givenPath(this.cwd, o.path))).then(() => true, () => false)));
      return Promise.all(found).then((all) => all.every(Boolean));
    }));
    // Cleared before handing them on: the walk's next file (already entered) is of the next folder.
    this.seen.clear();
    if (this.entered !== undefined) this.seen.add(this.entered);
    this.entered = undefined;
    return waiting.map(({ file, entry }, i): Planned => ({ kind: present[i] === true ? 'unchanged' : 'run', file, entry }));
  }
}

/** Builds the next manifest from this run: unchanged entries carried over, redone ones recorded, vanished ones gone. */
export class ManifestBuilder {
  readonly entries = new ManifestEntries();

  /** `cwd`: the run's folder, recorded in the manifest (its relative paths are relative to it). */
  constructor(private readonly cwd?: string) {}

  keep(path: string, entry: ManifestEntry): void {
    this.entries.set(path, entry);
  }

  record(file: StatFile, extra: { digests?: Record<string, string>; outputs?: readonly ManifestOutput[] }): void {
    if (file.stat === undefined) return;
    this.entries.set(file.path, { size: file.stat.size, mtimeNs: file.stat.mtimeNs, ino: file.stat.ino, ...extra });
  }

  manifest(command: string): Manifest {
    return { command, cwd: this.cwd, entries: this.entries };
  }
}
