import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FoundFile } from '../planner/find.js';
import { isUnchanged, manifestOutput } from './manifest.js';
import type { Manifest, ManifestEntry, ManifestOutput } from './manifest.js';
import { leftOutBy, needsStat, statFiles } from './select.js';
import type { Selection, StatFile } from './select.js';
import { fsPath } from '../../workers/names.js';

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
}

/** A file to process, a file left out by a filter, or a file the manifest says is unchanged (with its entry). */
export type Planned =
  | { readonly kind: 'run'; readonly file: StatFile }
  | { readonly kind: 'filtered'; readonly file: StatFile; readonly reason: string }
  | { readonly kind: 'unchanged'; readonly file: StatFile; readonly entry: ManifestEntry };

/**
 * The cron-mode selection stage between the planner and an engine: shard, age and size filters, and the incremental
 * check (same size, mtime in ns and inode as the manifest says → not read at all). Files are stat()ed on the main
 * thread (async, 32 at a time) only when a filter or a manifest needs it.
 */
export async function* planIncremental(files: AsyncIterable<FoundFile>, plan: CronPlan): AsyncGenerator<Planned> {
  const stated: AsyncIterable<StatFile> = needsStat(plan.selection) || plan.previous !== undefined || plan.forceStat === true ? statFiles(files) : files;
  for await (const file of stated) {
    const reason = leftOutBy(file, plan.selection, plan.cwd, plan.now);
    if (reason !== undefined) {
      yield { kind: 'filtered', file, reason };
      continue;
    }
    const entry = plan.previous?.entries.get(file.path);
    if (entry !== undefined && isUnchanged(entry, file.stat) && (!plan.requireOutputs || (await outputsExist(entry, plan.cwd)))) {
      yield { kind: 'unchanged', file, entry };
      continue;
    }
    yield { kind: 'run', file };
  }
}

async function outputsExist(entry: ManifestEntry, cwd: string): Promise<boolean> {
  const outputs = entry.outputs ?? [];
  if (outputs.length === 0) return false;
  const found = await Promise.all(outputs.map((o) => access(fsPath(resolve(cwd, manifestOutput(o).path))).then(() => true, () => false)));
  return found.every(Boolean);
}

/** Builds the next manifest from this run: unchanged entries carried over, redone ones recorded, vanished ones gone. */
export class ManifestBuilder {
  readonly entries = new Map<string, ManifestEntry>();

  keep(path: string, entry: ManifestEntry): void {
    this.entries.set(path, entry);
  }

  record(file: StatFile, extra: { digests?: Record<string, string>; outputs?: readonly ManifestOutput[] }): void {
    if (file.stat === undefined) return;
    this.entries.set(file.path, { size: file.stat.size, mtimeNs: String(file.stat.mtimeNs), ino: file.stat.ino, ...extra });
  }

  manifest(command: string): Manifest {
    return { command, entries: this.entries };
  }
}
