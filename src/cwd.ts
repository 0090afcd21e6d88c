// The current folder, also where its path is too long to read. Over 4096 bytes, getcwd(2) fails (uv_cwd: ERANGE) and
// Node cannot even start a worker thread there (its bootstrap reads the current folder); sha256sum and gzip work
// there because they only use relative paths. The CLI then holds the folder open, moves to `/`, and names the folder
// `/proc/self/fd/N`: the kernel resolves that name to the held folder, in every thread, with paths that stay short.
import { constants, openSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

let held: string | undefined;

/** The folder relative paths start from: process.cwd(), or the held folder's /proc/self/fd name. */
export function currentFolder(): string {
  return held ?? process.cwd();
}

/** `path` as the process can open it: unchanged, except a relative path while the current folder is held. */
export function inCurrentFolder(path: string): string {
  return held === undefined || isAbsolute(path) ? path : join(held, path);
}

/**
 * CLI only, before any worker starts (a library must not move its host's current folder): where the current folder's
 * path cannot be read, hold it and move to `/`. Elsewhere (or off Linux) a no-op; the run's error then says why.
 */
export function holdLongCurrentFolder(): void {
  try {
    process.cwd();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code !== 'ERANGE' && code !== 'ENAMETOOLONG') || process.platform !== 'linux') return;
    const fd = openSync('.', constants.O_RDONLY | constants.O_DIRECTORY);
    process.chdir('/');
    held = `/proc/self/fd/${fd}`;
  }
}
