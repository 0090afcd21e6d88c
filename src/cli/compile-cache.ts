// Node's module compile cache (Node >= 22.1): the CLI's modules load from V8 code cached on disk instead of being
// compiled at every start. Only in a folder no other account can change: pario often runs as root over trees other
// users own, and whoever can write the cache decides what code the next run executes. Node's own default,
// os.tmpdir()/node-compile-cache, is a shared name anyone can create first, so it is never used.
import module from 'node:module';
import { lstatSync, mkdirSync, realpathSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

type Enable = (dir: string) => { status: number; directory?: string };
const STICKY = 0o1000;

/**
 * True when no account but ours (and root) can change `dir` or any folder above it: every component is owned by root
 * or by us, and none is writable by group or others, except a sticky folder above it (/tmp), where others cannot
 * rename or remove what we own. `dir` itself must be ours.
 */
export function privateFolder(dir: string, uid: number): boolean {
  let path = realpathSync(dir);
  const own = lstatSync(path);
  if (!own.isDirectory() || own.uid !== uid || (own.mode & 0o022) !== 0) return false;
  for (;;) {
    const parent = dirname(path);
    if (parent === path) return true;
    path = parent;
    const st = lstatSync(path);
    if (st.uid !== 0 && st.uid !== uid) return false;
    if ((st.mode & 0o022) !== 0 && (st.mode & STICKY) === 0) return false;
  }
}

/** The cache folder: $XDG_CACHE_HOME/pario or ~/.cache/pario, else one of our own under os.tmpdir(). */
function candidates(uid: number, env: NodeJS.ProcessEnv): string[] {
  const xdg = env['XDG_CACHE_HOME'];
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
  return [join(base, 'pario', 'compile-cache'), join(tmpdir(), `pario-compile-cache-${uid}`)];
}

/**
 * Turns the compile cache on, for this thread and (through NODE_COMPILE_CACHE) the workers; returns the folder or
 * undefined. Left alone when the user chose (NODE_COMPILE_CACHE, NODE_DISABLE_COMPILE_CACHE) or Node lacks it.
 */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const enable = (module as unknown as { enableCompileCache?: Enable }).enableCompileCache;
  const uid = process.geteuid?.();
  const chosen = env['NODE_COMPILE_CACHE'] !== undefined || env['NODE_DISABLE_COMPILE_CACHE'] !== undefined;
  if (enable === undefined || uid === undefined || chosen) return undefined;
  for (const dir of candidates(uid, env)) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (!privateFolder(dir, uid)) continue;
      const real = realpathSync(dir);
      const result = enable(real);
      if (result.directory === undefined) return undefined;
      env['NODE_COMPILE_CACHE'] = result.directory;
      return result.directory;
    } catch {
      // cannot be made or checked here: try the next, else run without the cache
    }
  }
  return undefined;
}
