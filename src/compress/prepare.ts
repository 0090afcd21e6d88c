// One found file → what its codec task needs: output names (beside the input or mirrored under -o), where the input
// and each output are (names in folder handles, leased when the task starts), and which existing outputs are pario's.
import { basename, dirname } from 'node:path';
import type { CodecFile } from '../../workers/compress-protocol.js';
import { EXTENSIONS } from '../../workers/compress-protocol.js';
import type { OutputId } from '../../workers/file-protocol.js';
import { manifestOutput } from '../runs/manifest.js';
import type { ManifestEntry } from '../runs/manifest.js';
import type { FoundFile } from '../planner/find.js';
import type { Placed } from '../planner/leases.js';
import type { ResolvedCompressOptions } from './options.js';
import type { OutDirs } from './out-dirs.js';
import { placeOutput } from './placement.js';
import { failed, skipped } from './result.js';
import type { CompressResult } from './result.js';
import { decompressedName, skipForCompress } from './skips.js';
import type { CodecKind } from './task.js';
import { givenPath } from '../planner/place.js';

/** A file ready for a task: the worker's fields, and the places its refs are made from when the task starts. */
export interface Prepared extends CodecFile {
  /** The input (absent: `abs` as given). */
  readonly place?: Placed;
  /** Each output (absent: each path of `outputs` as given). */
  readonly outPlaces?: readonly Placed[];
}

/** A file refusedByName() has let through → its outputs and places (or a placement failure). */
export async function prepare(
  kind: CodecKind, found: FoundFile, base: string, o: ResolvedCompressOptions, out: OutDirs | undefined,
  recorded: ManifestEntry | undefined,
): Promise<Prepared | CompressResult> {
  const { path, abs } = found;
  const names = kind === 'compress'
    ? o.specs.map((spec) => (found.at?.name ?? basename(abs)) + EXTENSIONS[spec.algorithm])
    : kind === 'decompress' ? [decompressedName(found.at?.name ?? basename(abs)) as string] : [];
  let outputs: string[];
  try {
    // beside the input as named (`link/../f.gz` is where the folder handle writes it: never folded by hand)
    outputs = names.map((name) => placeOutput(givenPath(dirname(abs), name), '', base, o.outDir));
  } catch (error) {
    return failed(path, 'ERR_PARIO_OUTSIDE_BASE', (error as Error).message);
  }
  const at = found.at;
  let outPlaces: Placed[];
  if (out !== undefined) outPlaces = await Promise.all(outputs.map((final) => out.place(final)));
  else if (at !== undefined && at.dir !== null) outPlaces = names.map((name) => ({ dir: at.dir, name, follow: false }));
  else outPlaces = outputs;
  const owned = ownedOutputs(outputs, recorded, o.cwd);
  return { abs, path, outputs, place: at ?? abs, outPlaces, ...(owned === undefined ? {} : { owned }) };
}

/**
 * The result of a file its name alone decides (compress: an input with a codec's suffix; decompress and test: none),
 * found without waiting for anything (a rerun meets every output of the last run), or undefined.
 */
export function refusedByName(kind: CodecKind, found: FoundFile, o: ResolvedCompressOptions): CompressResult | undefined {
  const { path, abs } = found;
  if (kind === 'compress') {
    const reason = skipForCompress(path, undefined, o.force, 0);
    return reason === null ? undefined : skipped(path, reason);
  }
  const name = decompressedName(found.at?.name ?? basename(abs));
  if (name === null) return skipped(path, 'suffix');
  // `a/b/..gz` would decompress to `a/b/..`: a name that is a folder of the tree, never a file to write.
  if (name === '.' || name === '..') {
    return failed(path, 'ERR_PARIO_BAD_NAME', `its name without the suffix is '${name}': refusing to write there`);
  }
  return undefined;
}

/**
 * The outputs the previous run recorded writing (manifest, with their inode and size): a changed input may replace
 * exactly these files without -f. An output recorded without them (an older manifest) is never replaced without -f.
 */
function ownedOutputs(outputs: readonly string[], recorded: ManifestEntry | undefined, cwd: string): (OutputId | undefined)[] | undefined {
  const ids = new Map<string, OutputId>();
  for (const output of recorded?.outputs ?? []) {
    const { path, id } = manifestOutput(output);
    if (id !== undefined) ids.set(givenPath(cwd, path), id);
  }
  return ids.size === 0 ? undefined : outputs.map((output) => ids.get(output));
}

/** What the worker gets: the file's fields with refs, never the main thread's places (folder nodes stay here). */
export function forTask(file: Prepared, at: CodecFile['at'], outputsAt: CodecFile['outputsAt']): CodecFile {
  const { abs, path, outputs, owned } = file;
  const refs = { ...(at === undefined ? {} : { at }), ...(outputsAt === undefined ? {} : { outputsAt }) };
  return { abs, path, outputs, ...refs, ...(owned === undefined ? {} : { owned }) };
}
