// How a command's code loads: its library entries one after another, then its run module. Node's ESM loader opens
// every module of a level of the import graph at once, and an entry re-exports a whole feature: several entries in one
// graph would hold dozens of files open together, past a low `ulimit -n` (at 40, Node holds ~22 and a worker ~8).

/** Loads one library entry (an `import()` of its index). */
export type Entry = () => Promise<unknown>;

/** The module `run` loads, after each of `entries` has loaded in turn. */
export async function loadInTurn<T>(entries: readonly Entry[], run: () => Promise<T>): Promise<T> {
  for (const entry of entries) await entry();
  return run();
}

/** The entries of a run that finds files and keeps a manifest (hash, compress, decompress, test). */
export const FILES_AND_MANIFEST: readonly Entry[] = [() => import('../planner/index.js'), () => import('../runs/index.js')];
