import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (dist/bench/run/tools.js → ../../..). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The built bench (dist/bench/). */
export const BENCH_DIST = fileURLToPath(new URL('../', import.meta.url));

const found = new Map<string, string | undefined>();

/** Absolute path of an executable on PATH or in node_modules/.bin, or undefined when absent. */
export function findTool(name: string): string | undefined {
  if (found.has(name)) return found.get(name);
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), join(REPO_ROOT, 'node_modules', '.bin')];
  let hit: string | undefined;
  for (const dir of dirs) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      hit = candidate;
      break;
    } catch {
      // not here
    }
  }
  found.set(name, hit);
  return hit;
}

/** `unavailable()` for an entry that needs these executables. */
export function needTools(...names: string[]): () => Promise<string | undefined> {
  return async () => {
    const missing = names.filter((n) => findTool(n) === undefined);
    return missing.length === 0 ? undefined : `${missing.join(', ')} not found on PATH or in node_modules/.bin`;
  };
}

/** GNU time, for peak RSS of any child (`/usr/bin/time -f %M`), or undefined when absent. */
export const GNU_TIME: string | undefined = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** The built node script of a bench helper (dist/bench/<rel>). */
export function benchScript(rel: string): string {
  return join(BENCH_DIST, rel);
}
