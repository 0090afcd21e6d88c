// `pario hash DIR` with nothing to filter: the workers list the folders and hash their files (workers/hash-tree.ts)
// and the main thread puts the results in the order of the sorted walk (walk.ts: byte order of the paths), streaming.
// Its work is per folder, none per file: it opens only folders that have subfolders (their handles are the parents
// the workers open those through), and a folder is reopened only if it is still the one a worker listed (same device
// and inode). The Python installation (49,644 files, 8,714 folders), BLAKE3 on 2 cores: the walk-and-batch engine
// kept the workers waiting for the main thread half of the time.
import { digestHexLength, type DigestKind } from '../../workers/algorithms.js';
import { FAILED, FOLDER } from '../../workers/hash-protocol.js';
import type { HashTreeResult, TreeFile } from '../../workers/hash-protocol.js';
import type { Failure } from '../../workers/protocol.js';
import { printedUnder, relativeUnder } from '../../workers/names.js';
import { outOfDescriptors } from '../errors.js';
import type { DirNode, DirTable } from '../planner/dir-table.js';
import type { FoundAt } from '../planner/leases.js';
import type { ParioPool } from '../pool/pool.js';
import { scheduleChunks } from '../pool/scheduler.js';
import { Batcher } from '../planner/batch.js';
import type { Lane, Settlement } from '../pool/scheduler.js';
import { failedFile } from '../results.js';
import type { HashFileResult } from './engine.js';

/** A folder to list, or a file a task left to others; `out` once done: a folder's slots, or a result. */
interface Folder {
  readonly kind: 'folder';
  readonly node: DirNode;
  readonly printed: string;
  /** Its path relative to the root ('' for the root): what excludes match besides the printed path. */
  readonly relative: string;
  /** Where it sorts: the indices of the entries that lead to it from the root. */
  readonly key: readonly number[];
  out?: Slot[] | HashFileResult;
  /** Its task's worker died once: it was queued again (a second death fails it). */
  retried?: boolean;
}
interface LeftFile {
  readonly kind: 'file';
  readonly dir: DirNode;
  readonly name: string;
  readonly printed: string;
  readonly key: readonly number[];
  out?: HashFileResult;
}
type Item = Folder | LeftFile;
/** A place in the output: a result, or an item whose results go there. */
type Slot = HashFileResult | Item;
interface Job {
  readonly files: readonly Item[];
}
interface Done {
  readonly item: Item;
  readonly out: Slot[] | HashFileResult;
}

export interface HashTreeOptions {
  readonly dirs: DirTable;
  readonly signal?: AbortSignal | undefined;
  /** Bytes one task hashes before it hands its further files back. @default 16 MiB */
  readonly maxBytes?: number;
  /** --exclude patterns (a pattern without a slash as `**\/NAME`: find.ts anyDepth); none when empty. */
  readonly exclude?: readonly string[];
  /** Results done but not yet yielded (waiting for an earlier one), at most, before no new task starts. @default 16384 */
  readonly maxHeld?: number;
}

/** Folders a task lists, files a task hashes that another left, at most (32 folders: 8 were ~5% slower). */
const FOLDERS_PER_TASK = 32;
const FILES_PER_TASK = 64;

/** Every file under folder `root` (an absolute path; `printed` as the user named it), hashed, in sorted order. */
export async function* hashTree(
  pool: ParioPool, root: string, printed: string, algorithms: readonly DigestKind[], options: HashTreeOptions,
): AsyncGenerator<HashFileResult[]> {
  const { dirs, signal, maxBytes = 16 << 20, maxHeld = 16384, exclude = [] } = options;
  let held = 0;
  const lane: Lane<Item, Job, Done> = {
    doing: 'hashing',
    places: (job) => job.files.map(placeOf),
    run: async (job, refs, call) => {
      const folders = job.files.map((item) => item.kind === 'folder');
      const places = job.files.map((item) => [item.printed, item.kind === 'folder' ? item.relative : ''] as const);
      const excluding = exclude.length === 0 ? {} : { exclude: { patterns: exclude, folders: places } };
      const task = { refs, folders, algorithms, maxBytes, ...excluding };
      return settle(dirs, job, algorithms, await call('hashTree', task));
    },
    failed: (item, failure) => ({ item, out: failedFile(item.printed, failure) }),
    // A folder whose worker died is listed once more (its files would otherwise be missing, not failed); then it fails.
    crashed: (job, failure) => job.files.map((item) => {
      if (item.kind === 'file' || item.retried === true) return { result: { item, out: failedFile(item.printed, failure) } };
      item.retried = true;
      return { found: item };
    }),
    batch: (files) => ({ files }),
    pieces,
    before: (a, b) => compareKeys((a.files[0] as Item).key, (b.files[0] as Item).key) < 0,
    fatal: outOfDescriptors,
  };
  const top: Folder = { kind: 'folder', node: dirs.root(root), printed, relative: '', key: [] };
  const stack: Frame[] = [{ slots: [top], i: 0 }];
  const admit = (): boolean => held < maxHeld;
  for await (const done of scheduleChunks(lane, [{ files: [top] }], { pool, signal, admit })) {
    for (const { item, out } of done) {
      item.out = out;
      if (!Array.isArray(out)) held += 1;
      else for (const slot of out) if (!('kind' in slot)) held += 1; // a folder's files done, not its subfolders
    }
    const results = advance(stack);
    held -= results.length;
    if (results.length > 0) yield results;
  }
  if (stack.length > 0) throw new Error('pario: the tree engine ended with results missing (a bug: please report it)');
}

/** Byte order of two items' places in the walk (a folder's own key is a prefix of its entries'). */
function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length && i < b.length; i += 1) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

/** Found items as jobs: folders, and files left over, each up to their count a task and within the handle budget. */
function pieces(found: readonly Item[]): Item[][] {
  const out: Item[][] = [];
  const folders = new Batcher<Item>(FOLDERS_PER_TASK);
  const files = new Batcher<Item>(FILES_PER_TASK);
  for (const item of found) {
    if (item.kind === 'folder' && item.retried === true) out.push([item]); // alone: a folder that kills its worker fails alone
    else out.push(...(item.kind === 'folder' ? folders : files).add(item, [placeOf(item).dir]));
  }
  for (const rest of [files.flush(), folders.flush()]) if (rest !== undefined) out.push(rest);
  return out.sort((a, b) => compareKeys((a[0] as Item).key, (b[0] as Item).key)); // in order, as queueFound merges them
}

/** Where a task's worker opens an item: a folder through its parent's handle (a root as given), a file in its folder. */
function placeOf(item: Item): FoundAt {
  if (item.kind === 'file') return { dir: item.dir, name: item.name, follow: false };
  const { node } = item;
  return node.parent === null ? { dir: null, name: node.path, follow: true } : { dir: node.parent, name: node.name, follow: false };
}

/** What a task's reply says of its items: results, and the subfolders and left files as work found. */
function settle(dirs: DirTable, job: Job, algorithms: readonly DigestKind[], result: HashTreeResult): Settlement<Item, Done>[] {
  const settled: Settlement<Item, Done>[] = [];
  const lengths = algorithms.map(digestHexLength);
  job.files.forEach((item, i) => {
    const outcome = result.outcomes[i] ?? { ok: false, path: item.printed, code: 'ERR_PARIO_JOB', message: 'no result for it' };
    if (outcome.ok !== 'listed') {
      const out = resultOf(item.printed, outcome);
      settled.push(out === undefined ? { found: item } : { result: { item, out } });
      return;
    }
    const folder = item as Folder;
    folder.node.dev = outcome.dev; // its handle, when opened as a parent, must be this very folder
    folder.node.ino = outcome.ino;
    const slots: Slot[] = [];
    const { names, sizes, hex } = outcome;
    let at = 0;
    let failed = 0;
    names.forEach((name, n) => {
      const size = sizes[n] as number;
      const printed = printedUnder(folder.printed, name);
      if (size >= 0) {
        const digests: Partial<Record<DigestKind, string>> = {};
        for (const [k, algorithm] of algorithms.entries()) {
          digests[algorithm] = hex.slice(at, at + (lengths[k] as number));
          at += lengths[k] as number;
        }
        slots.push({ ok: true, path: printed, size, digests });
      } else if (size === FAILED) slots.push(failedOf(printed, outcome.failures[failed++] as Failure));
      else {
        const key = [...folder.key, n];
        const more: Item = size === FOLDER
          ? { kind: 'folder', node: dirs.child(folder.node, name, false), printed, key, relative: relativeUnder(folder.relative, name) }
          : { kind: 'file', dir: folder.node, name, printed, key };
        slots.push(more);
        settled.push({ found: more });
      }
    });
    settled.push({ result: { item, out: slots } });
  });
  return settled;
}

/** A file's result, or undefined when it was handed back. */
function resultOf(path: string, file: TreeFile): HashFileResult | undefined {
  if (file.ok === 'deferred') return undefined;
  if (file.ok === true) return { ok: true, path, size: file.size, digests: file.digests };
  return failedOf(path, file);
}

/** A failed file's result; out of descriptors ends the run (as in engine.ts). */
function failedOf(path: string, failure: Failure): HashFileResult {
  if (outOfDescriptors(failure)) throw Object.assign(new Error(`${failure.code}: too many open files`), { code: failure.code });
  return failedFile(path, failure);
}

interface Frame {
  /** A folder's slots; each is dropped (null) once passed, so what was yielded is garbage, not held to the end. */
  readonly slots: (Slot | null)[];
  i: number;
}

/** The results that are next in order, as far as they are done. */
function advance(stack: Frame[]): HashFileResult[] {
  const results: HashFileResult[] = [];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.i === frame.slots.length) {
      stack.pop();
      continue;
    }
    const slot = frame.slots[frame.i] as Slot;
    if ('kind' in slot) {
      if (slot.out === undefined) break;
      if (Array.isArray(slot.out)) stack.push({ slots: slot.out, i: 0 });
      else results.push(slot.out);
    } else results.push(slot);
    frame.slots[frame.i] = null;
    frame.i += 1;
  }
  return results;
}
