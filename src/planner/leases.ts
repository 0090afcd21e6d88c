// A task's files as refs through folder handles, the handles held for exactly as long as the task may use them.
import type { FileRef } from '../../workers/file-protocol.js';
import { namedRef } from '../../workers/file-protocol.js';
import type { DirNode } from './dir-table.js';

/** Where the planner found a file: `name` in folder `dir`, or (no dir) the path as given. */
export interface FoundAt {
  readonly dir: DirNode | null;
  readonly name: string;
  /** The final component may be a link (a name the user gave, or --follow). */
  readonly follow: boolean;
  /** The planner already knows this file fails (a folder it could not list): the worker reports it. */
  readonly fail?: { readonly code: string; readonly message: string };
}

/** What a task names: a found file's place, or just its path (a name as given). */
export type Placed = FoundAt | string;

/**
 * Opens (or keeps open) the folders of `places`, runs the task with their refs, and releases the folders when it
 * settles; if it fails (an abort or a dead worker: its thread may still be mid-call), only once `exited` says the
 * threads removed from the pool are gone, so no folder is closed, and its number reused, under a running call.
 */
export async function runLeased<R>(
  places: readonly Placed[], exited: () => Promise<void>, run: (refs: FileRef[]) => Promise<R>,
): Promise<R> {
  const held: DirNode[] = [];
  const refs: FileRef[] = [];
  const opened = new Map<DirNode, Promise<FileRef['dir'] | Error>>();
  for (const place of places) {
    if (typeof place === 'string' || place.dir === null) {
      refs.push(typeof place === 'string' ? namedRef(place) : toRef(null, place));
      continue;
    }
    const node = place.dir;
    let dir = opened.get(node);
    if (dir === undefined) {
      dir = node.table.acquire(node).then((ref) => {
        held.push(node);
        return ref;
      }, (error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      opened.set(node, dir);
    }
    const got = await dir;
    refs.push(got instanceof Error ? failed(place, got) : toRef(got, place));
  }
  let task: Promise<R>;
  try {
    task = run(refs);
  } catch (error) {
    for (const node of held) node.table.release(node);
    throw error;
  }
  const settled = task.then(() => undefined, () => exited());
  for (const node of held) node.table.releaseAfter([node], settled);
  return task;
}

function toRef(dir: FileRef['dir'], place: FoundAt): FileRef {
  const ref = { dir, name: place.name, follow: place.follow };
  return place.fail === undefined ? ref : { ...ref, fail: place.fail };
}

/** The ref of a file whose folder could not be opened: the worker fails it with that cause. */
function failed(place: FoundAt, error: Error): FileRef {
  const code = (error as NodeJS.ErrnoException).code ?? 'ERR_PARIO_JOB';
  const path = place.dir === null ? place.name : `${place.dir.path}/${place.name}`;
  return { dir: null, name: path, follow: place.follow, fail: { code, message: error.message } };
}
