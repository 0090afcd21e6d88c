import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// Every temp folder of a test file goes when its tests end. One hook registered when a test file imports this module:
// a hook registered from inside a running test is never run, which left hundreds of folders in /tmp.
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the file's tests (call it anywhere: at collection or inside a test). */
export function tempDir(prefix = 'pario-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Open file descriptors of this process (Linux). */
export function openFds(): number {
  return readdirCount('/proc/self/fd');
}

/** Open file descriptors of this process (Linux) that point into `dir`: the folder handles and files of a run there. */
export function fdsUnder(dir: string): string[] {
  const out: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target === dir || target.startsWith(`${dir}/`)) out.push(target);
    } catch { /* closed meanwhile */ }
  }
  return out;
}

function readdirCount(dir: string): number {
  return readdirSync(dir).length;
}
