import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** Scratch space of this bench run; removed at the end. */
export const WORK_ROOT = join(tmpdir(), `pario-bench-work-${process.pid}`);

export function workPath(...parts: string[]): string {
  return join(WORK_ROOT, ...parts);
}

/** A fresh, real (not hard-linked: gzip refuses linked files) copy of a folder, for tools that write beside inputs. */
export function freshCopy(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(join(to, '..'), { recursive: true });
  execFileSync('cp', ['-r', from, to]);
}

/** Every regular file under `dir`, relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath, entry.name)));
  }
  return out;
}

/** Removes every file under `dir` that is not in `keep` (the outputs a tool wrote beside its inputs). */
export function removeExtras(dir: string, keep: ReadonlySet<string>): void {
  for (const path of listFiles(dir)) if (!keep.has(path)) rmSync(join(dir, path), { force: true });
}

/** Total size and paths of the files under `dir` that are not in `keep`. */
export function extras(dir: string, keep: ReadonlySet<string>): { bytes: number; paths: string[] } {
  const paths = listFiles(dir).filter((p) => !keep.has(p));
  return { bytes: paths.reduce((sum, p) => sum + statSync(join(dir, p)).size, 0), paths };
}

/** Empties (recreates) an output folder. */
export function emptyDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

export function cleanWork(): void {
  rmSync(WORK_ROOT, { recursive: true, force: true });
}
