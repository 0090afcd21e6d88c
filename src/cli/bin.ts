#!/usr/bin/env node
// The CLI's entry. Everything is loaded through this one dynamic import, so that even a failure to load (EMFILE under
// a very low `ulimit -n`) ends in one line and exit 1 instead of a stack trace. Node itself holds 20-23 descriptors:
// with fewer than FREE_MIN left, loading cannot succeed (Node 24 then even leaves the import unsettled), so say so now.
import { readFileSync, readdirSync, statSync, writeSync } from 'node:fs';
import { enableCompileCache } from './compile-cache.js';

const FREE_MIN = 8;

/** The soft open-file limit and the descriptors still free under it (Linux), or undefined where unknown. */
function descriptors(): { limit: number; free: number } | undefined {
  try {
    const limit = Number(/^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'latin1'))?.[1]);
    const used = readdirSync('/proc/self/fd').length - 1; // less the one this listing opened
    return Number.isFinite(limit) ? { limit, free: limit - used } : undefined;
  } catch {
    return undefined;
  }
}

function tooMany(code: string, limit?: number): void {
  const shown = limit === undefined ? '' : `; ulimit -n is ${limit}`;
  process.stderr.write(`pario: too many open files (${code}${shown}) while starting: raise the limit (ulimit -n) or lower -j\n`);
  process.exitCode = 1;
}

/**
 * `pario --version` (or -V) alone: printed here, as commander prints it, without loading the CLI (~40-100 ms of
 * modules for one line). False when argv is anything else, or package.json cannot be read or the line written: the
 * CLI then answers.
 */
function printVersion(argv: readonly string[]): boolean {
  if (argv.length !== 1 || (argv[0] !== '--version' && argv[0] !== '-V')) return false;
  try {
    const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    if (typeof version !== 'string') return false;
    writeSync(1, `${version}\n`); // a failed write (EPIPE, ENOSPC) wrote nothing: the CLI then tries and says why
    return true;
  } catch {
    return false;
  }
}

/** The bundle exists and is not older than the entry.js tsc wrote. */
function bundleIsCurrent(): boolean {
  const bundle = statSync(new URL('../cli-bundle/entry.js', import.meta.url), { throwIfNoEntry: false });
  const entry = statSync(new URL('./entry.js', import.meta.url), { throwIfNoEntry: false });
  return bundle !== undefined && (entry === undefined || bundle.mtimeMs >= entry.mtimeMs);
}

const fds = descriptors();
if (fds !== undefined && fds.free < FREE_MIN) {
  tooMany('EMFILE', fds.limit);
} else if (!printVersion(process.argv.slice(2))) {
  enableCompileCache(); // Node >= 22.1: the modules below load from cached code (a private folder only)
  try {
    // The build's bundle of entry.js and all it loads (tools/bundle-cli.mjs), else the modules tsc wrote (also when a
    // full `tsc -p .` rewrote them after the bundle; `tsc --watch` rewrites only what changed, so run `npm run build`).
    if (bundleIsCurrent()) await import('../cli-bundle/entry.js' as string);
    else await import('./entry.js');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EMFILE' && code !== 'ENFILE') throw error;
    tooMany(code, fds?.limit);
  }
}
