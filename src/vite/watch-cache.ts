// Watch mode: outputs of unchanged files are put back instead of compressed again. Vite empties the output folder
// before each rebuild, so every output is kept as a hard link (a copy across devices) in a folder of its own.
import { copyFile, link, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { alive } from '../compress/temps.js';
import type { CompressAlgorithm, CompressResult } from '../index.js';
import type { Written } from './summary.js';

interface Kept extends Written {
  /** The output's path in the output folder. */
  readonly path: string;
  /** Its link in the cache folder. */
  readonly cached: string;
}

export interface Entry {
  readonly fingerprint: string;
  readonly bytesIn: number;
  readonly outputs: readonly Kept[];
  /** The original was deleted (deleteOriginalAssets): it is deleted again after the rebuild wrote it. */
  readonly removed: boolean;
}

const PREFIX = 'pario-watch-';

export class WatchCache {
  private readonly entries = new Map<string, Entry>();
  private folder: Promise<string> | undefined;
  /** The folder once made, for the synchronous removal at process exit. */
  private made: string | undefined;
  private next = 0;
  private readonly onExit = (): void => this.disposeSync();

  /** `parent`: where the cache folder goes (Vite's cacheDir, or the system temp folder). */
  constructor(private readonly parent: string) {}

  /** The entry of `abs` if its content is still `fingerprint`. */
  get(abs: string, fingerprint: string): Entry | undefined {
    const entry = this.entries.get(abs);
    return entry?.fingerprint === fingerprint ? entry : undefined;
  }

  /** Puts an entry's outputs back beside `abs`; false when one of them cannot be (then compress it again). */
  async restore(abs: string, entry: Entry): Promise<boolean> {
    try {
      for (const output of entry.outputs) {
        await rm(output.path, { force: true });
        await link(output.cached, output.path).catch(() => copyFile(output.cached, output.path));
      }
      if (entry.removed) await rm(abs, { force: true });
      return true;
    } catch {
      this.entries.delete(abs);
      return false;
    }
  }

  /** Keeps the outputs a result wrote (none for a skipped file: that is remembered too). */
  async keep(abs: string, fingerprint: string, result: CompressResult): Promise<void> {
    const folder = await this.ensureFolder();
    const outputs: Kept[] = [];
    for (const output of result.outputs) {
      if (output.status !== 'written') continue;
      const cached = join(folder, `${this.next++}`);
      await link(output.path, cached).catch(() => copyFile(output.path, cached));
      outputs.push({ algorithm: output.algorithm as CompressAlgorithm, bytes: output.bytes, path: output.path, cached });
    }
    await this.drop(abs);
    this.entries.set(abs, { fingerprint, bytesIn: result.bytesIn, outputs, removed: result.removed });
  }

  /** Forgets the files of `folder` that this build did not have. */
  async prune(folder: string, seen: ReadonlySet<string>): Promise<void> {
    for (const abs of [...this.entries.keys()]) if (abs.startsWith(`${folder}/`) && !seen.has(abs)) await this.drop(abs);
  }

  async dispose(): Promise<void> {
    process.off('exit', this.onExit);
    await this.folder?.catch(() => undefined);
    const folder = this.made;
    this.folder = undefined;
    this.made = undefined;
    this.entries.clear();
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  }

  private async drop(abs: string): Promise<void> {
    const old = this.entries.get(abs);
    this.entries.delete(abs);
    for (const output of old?.outputs ?? []) await rm(output.cached, { force: true });
  }

  private ensureFolder(): Promise<string> {
    this.folder ??= (async () => {
      await mkdir(this.parent, { recursive: true });
      await sweepDead(this.parent);
      this.made = await mkdtemp(join(this.parent, `${PREFIX}${process.pid}-`));
      process.once('exit', this.onExit);
      return this.made;
    })();
    return this.folder;
  }

  private disposeSync(): void {
    if (this.made !== undefined) rmSync(this.made, { recursive: true, force: true });
  }
}

/** Cache folders of watch processes that were killed (their pid is gone) go when the next one starts. */
async function sweepDead(parent: string): Promise<void> {
  for (const name of await readdir(parent).catch(() => [])) {
    const pid = Number(/^pario-watch-(\d+)-/.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) await rm(join(parent, name), { recursive: true, force: true });
  }
}
