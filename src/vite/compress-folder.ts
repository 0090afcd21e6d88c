// One output folder of a build: its files compressed on the pool (or, in watch mode, unchanged ones put back).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CompressResult, Pario } from '../index.js';
import type { Candidate } from './files.js';
import type { ResolvedPluginOptions } from './options.js';
import type { Written } from './summary.js';
import type { WatchCache } from './watch-cache.js';

/** Where the outcome of each file of a folder goes, by its path from the folder (with `/`). */
export interface FolderSink {
  /** A file compressed (`outputs` empty: skipped, under the threshold or not smaller), or put back from the watch cache. */
  add(rel: string, bytesIn: number, outputs: readonly Written[], reused: boolean): void;
  fail(rel: string, result: CompressResult): void;
}

export async function compressFolder(
  pario: Pario, folder: string, candidates: readonly Candidate[], o: ResolvedPluginOptions, sink: FolderSink, cache?: WatchCache,
): Promise<void> {
  const seen = new Set<string>();
  // Results name files as they were asked for: a name starting with `!` is asked as `./!name` (not a negation).
  const asked = new Map<string, { rel: string; abs: string; fingerprint: string }>();
  for (const { rel, size, fingerprint } of candidates) {
    const abs = join(folder, rel);
    seen.add(abs);
    if (size < o.threshold) {
      sink.add(rel, size, [], false);
      continue;
    }
    const print = await (cache === undefined ? '' : fingerprint());
    const entry = cache?.get(abs, print);
    if (entry !== undefined && (await cache?.restore(abs, entry)) === true) {
      sink.add(rel, entry.bytesIn, entry.outputs, true);
      continue;
    }
    asked.set(rel.startsWith('!') ? `./${rel}` : rel, { rel, abs, fingerprint: print });
  }
  await cache?.prune(folder, seen);
  if (asked.size === 0) return;
  const results = pario.compressFiles([...asked.keys()], {
    cwd: folder,
    algorithms: o.algorithms,
    levels: o.levels,
    force: true, // the build just wrote these files: outputs of an older build beside them are replaced
    recursive: false, // a folder where a file was is that file's failure
    remove: o.deleteOriginalAssets,
    minSize: o.threshold,
    minRatio: o.skipIfLargerOrEqual ? 1 : 0,
  });
  for await (const result of results) {
    const file = asked.get(result.path);
    const rel = file?.rel ?? result.path;
    if (result.status === 'failed') {
      sink.fail(rel, result);
      continue;
    }
    // An output not kept for being larger must not leave an older build's output of that name behind.
    for (const output of result.outputs) if (output.status === 'larger') await rm(output.path, { force: true });
    const written = result.outputs.filter((out) => out.status === 'written')
      .map(({ algorithm, bytes, path }): Written => ({ algorithm, bytes, path }));
    sink.add(rel, result.bytesIn, written, false);
    if (cache !== undefined && file !== undefined) await cache.keep(file.abs, file.fingerprint, result);
  }
}
