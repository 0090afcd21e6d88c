// The `hashTree` job: a worker lists folders itself and hashes their files, so that `pario hash DIR` costs the main
// thread a little per folder and nothing per file (on a 2-core machine the main thread's walk, per-file objects and
// messages were what the workers waited for). The rules are the walk's (walk.ts): each folder is opened through its
// parent's handle without following a link, listed through its own handle and closed before the next; files are
// opened through that handle (a link is refused, never followed); pario's temp files, FIFOs, sockets and devices are
// left out; entries come back in byte order of their paths, a subfolder sorting as `name/`.
import type { Dirent } from 'node:fs';
import { closeDir, listDirSync, notAFolder, openDirSync } from './dir-open.js';
import { toFailure } from './fail.js';
import type { DirRef, FileRef } from './file-protocol.js';
import { shownPath } from './file-protocol.js';
import { hashFile } from './hash-file.js';
import { DEFERRED, FAILED, FOLDER } from './hash-protocol.js';
import type { HashTreeResult, HashTreeTask, TreeExclude, TreeFile, TreeOutcome } from './hash-protocol.js';
import type { Failure } from './protocol.js';
import { hashersReady, prepareHashers } from './hashers.js';
import { createRequire } from 'node:module';
import { compareNames, printedUnder, relativeUnder } from './names.js';
import { addProgress } from './progress.js';
import { TEMP_NAME } from './temp-name.js';
import { stoppedError, stopRequested } from './stop.js';

export function hashTree(task: HashTreeTask): HashTreeResult | Promise<HashTreeResult> {
  if (!hashersReady(task.algorithms)) return prepareHashers(task.algorithms).then(() => run(task));
  return run(task);
}

/** The task's byte budget and its counts for the progress line. */
interface Budget {
  bytes: number;
  files: number;
  failures: number;
}

function run(task: HashTreeTask): HashTreeResult {
  const budget: Budget = { bytes: 0, files: 0, failures: 0 };
  const leftOut = excluder(task.exclude);
  const outcomes = task.refs.map((ref, i) => {
    if (task.folders[i] !== true) return file(ref, task, budget);
    const [printed, relative] = task.exclude?.folders[i] ?? ['', ''];
    return folder(ref, task, budget, leftOut === undefined ? undefined : (name) => leftOut(printed, relative, name));
  });
  addProgress(budget.files, 0, 0, budget.failures); // their bytes were counted as they were read
  return { outcomes };
}

/** `now`: hashed even past the budget (a folder that turned out to be a file is a folder's outcome, never handed back). */
function file(ref: FileRef, task: HashTreeTask, budget: Budget, now = false): TreeFile {
  if (!now && budget.bytes > 0 && budget.bytes >= task.maxBytes) return { ok: 'deferred' };
  try {
    const { size, digests } = hashFile(ref, task.algorithms, false);
    budget.bytes += size;
    budget.files += 1;
    return { ok: true, size, digests };
  } catch (error) {
    budget.failures += 1;
    return toFailure(shownPath(ref), error);
  }
}

function folder(ref: FileRef, task: HashTreeTask, budget: Budget, excluded?: (name: string) => boolean): TreeOutcome {
  if (stopRequested()) return toFailure(shownPath(ref), stoppedError()); // the run ended: no further folder is opened
  let dir: DirRef;
  try {
    dir = openDirSync(ref);
  } catch (error) {
    // A subfolder that is no longer one (replaced by a link or a file since its parent was listed): what it is now, as
    // the walk does. The root stays a failure (the walk's ENOTDIR).
    if (ref.fail === undefined && ref.dir !== null && notAFolder(error)) return file(ref, task, budget, true);
    budget.failures += 1;
    return unlisted(ref, error);
  }
  try {
    const listed = sorted(listDirSync(dir), excluded);
    const names: string[] = [];
    const sizes: number[] = [];
    const failures: Failure[] = [];
    let hex = '';
    for (const { name, dir: isFolder } of listed) {
      names.push(name);
      if (isFolder) {
        sizes.push(FOLDER);
        continue;
      }
      const done = file({ dir, name, follow: false }, task, budget);
      if (done.ok === true) {
        sizes.push(done.size);
        for (const algorithm of task.algorithms) hex += done.digests[algorithm] ?? '';
      } else if (done.ok === 'deferred') sizes.push(DEFERRED);
      else {
        sizes.push(FAILED);
        failures.push(done);
      }
    }
    return { ok: 'listed', dev: dir.dev, ino: dir.ino, names, sizes, hex, failures };
  } catch (error) {
    budget.failures += 1;
    return unlisted(ref, error);
  } finally {
    closeDir(dir.fd);
  }
}

let matcher: { key: string; match: (path: string) => boolean } | undefined;

/** Whether an entry `name` of the folder at `printed` (`relative` to the walked one) is excluded, as walk.ts asks. */
function excluder(exclude: TreeExclude | undefined): ((printed: string, relative: string, name: string) => boolean) | undefined {
  if (exclude === undefined || exclude.patterns.length === 0) return undefined;
  const key = exclude.patterns.join('\0');
  if (matcher?.key !== key) {
    // Loaded on a run's first exclude only: a hash without one never pays for it.
    const picomatch = createRequire(import.meta.url)('picomatch') as (p: string[], o: object) => (path: string) => boolean;
    matcher = { key, match: picomatch([...exclude.patterns], { dot: true }) };
  }
  const { match } = matcher;
  return (printed, relative, name) => match(printedUnder(printed, name)) || match(relativeUnder(relative, name));
}

/**
 * A folder that could not be opened or listed, with the system's whole message as the walk reports it (walk.ts
 * `unlisted`: "EACCES: permission denied, scandir '/a/b'"), not the short form of a file's failure.
 */
function unlisted(ref: FileRef, error: unknown): Failure {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'ERR_PARIO_JOB';
  return { ok: false, path: shownPath(ref), code, message: error instanceof Error ? error.message : String(error) };
}

/** The entries the walk takes (files, links, folders; none excluded), in byte order of their paths. */
function sorted(entries: readonly Dirent[], excluded?: (name: string) => boolean): { name: string; dir: boolean; key: string }[] {
  const out: { name: string; dir: boolean; key: string }[] = [];
  for (const entry of entries) {
    const { name } = entry;
    if (TEMP_NAME.test(name) || excluded?.(name) === true) continue;
    if (entry.isDirectory()) out.push({ name, dir: true, key: `${name}/` });
    else if (entry.isFile() || entry.isSymbolicLink()) out.push({ name, dir: false, key: name });
  }
  return out.sort((a, b) => compareNames(a.key, b.key));
}
