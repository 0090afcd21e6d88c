// Which entry of the previous manifest is a walked file's. A manifest keys each file by the name its run gave it:
// relative to the run's folder, or absolute when the run was given an absolute path; the outputs it records are named
// the same way (so a tree named relatively can move, and an absolute one is found from any folder). A rerun that names
// the same files another way (a cron job given /srv/data where a test by hand gave `data`, or run from another folder)
// finds their entries through the folder the manifest records (its `cwd`), not by redoing everything.
import { isAbsolute } from 'node:path';
import { givenPath } from '../planner/place.js';
import type { Manifest, ManifestEntry } from './manifest.js';
import { manifestOutput } from './manifest.js';
import { relativeTo } from './select.js';

/**
 * The previous entry of a file walked as `path` (`abs`, absolute, from the run's folder `cwd`): under the same name,
 * else under the name the manifest's run gave it, with its outputs named as this run names its files.
 */
export function previousEntry(previous: Manifest, file: { path: string; abs: string }, cwd: string): ManifestEntry | undefined {
  const entries = previous.entries;
  const same = entries.get(file.path);
  const base = previous.cwd ?? cwd;
  // An absolute name whose outputs were recorded relative to that run's folder (before outputs took their input's
  // form, and carried over since): named absolutely too, or a run from another folder would look in the wrong place.
  if (same !== undefined) return isAbsolute(file.path) && relativeOutputs(same) ? renamed(same, base, undefined) : same;
  if (entries.size === 0) return undefined;
  const names = [isAbsolute(file.path) ? undefined : file.abs, under(base, file.abs)];
  for (const name of names) {
    const entry = name === undefined || name === file.path ? undefined : entries.get(name);
    if (entry !== undefined) return renamed(entry, base, isAbsolute(file.path) ? undefined : cwd);
  }
  return undefined;
}

/** `abs` relative to `base` when it is inside it (base `/`: every absolute path, less its slash). */
function under(base: string, abs: string): string | undefined {
  if (base === '/') return abs.length > 1 && abs.startsWith('/') ? abs.slice(1) : undefined;
  return abs.startsWith(`${base}/`) ? relativeTo(base, abs) : undefined;
}

function relativeOutputs(entry: ManifestEntry): boolean {
  return entry.outputs?.some((output) => !isAbsolute(manifestOutput(output).path)) === true;
}

/**
 * The entry with its outputs (relative to `base`, or absolute) named as this run names files: absolute, or relative
 * to `cwd`. A new object: carried to the next manifest, it is written under the new name.
 */
function renamed(entry: ManifestEntry, base: string, cwd: string | undefined): ManifestEntry {
  const { size, mtimeNs, ino, digests, outputs } = entry;
  const moved = outputs?.map((output) => {
    const { path, id } = manifestOutput(output);
    const abs = givenPath(base, path);
    const name = cwd === undefined ? abs : relativeTo(cwd, abs);
    return id === undefined ? name : { path: name, ino: id.ino, size: id.size };
  });
  return { size, mtimeNs, ino, ...(digests === undefined ? {} : { digests }), ...(moved === undefined ? {} : { outputs: moved }) };
}

/**
 * How a manifest names an output (absolute `abs`) of an input it names `input`: the same way (see above). A `..`
 * after a link is kept, as the kernel resolves it (path.relative would fold it onto another file).
 */
export function outputName(input: string, cwd: string, abs: string): string {
  return isAbsolute(input) ? abs : relativeTo(cwd, abs);
}
