// A small tmpfs of the test file's own (root only, as in CI), unmounted after its tests: a disk that fills up.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export const CI = process.env['CI'] !== undefined && process.env['CI'] !== '';

export interface Tmpfs {
  /** A folder beside the disk, on the ordinary file system. */
  readonly root: string;
  /** The tmpfs mount point. */
  readonly disk: string;
  readonly mounted: boolean;
  /** mount's stderr when it failed. */
  readonly error: string;
}

export function mountTmpfs(size: string, what: string): Tmpfs {
  const root = mkdtempSync(join(tmpdir(), 'pario-full-disk-'));
  const disk = join(root, 'disk');
  mkdirSync(disk);
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', disk], { encoding: 'utf8' });
  const mounted = mount.status === 0;
  const error = mount.stderr.trim() || (mount.error?.message ?? '');
  if (!mounted && !CI) console.log(`${what} skipped: cannot mount a tmpfs here (${error}); they run in CI`);
  afterAll(() => {
    if (mounted) spawnSync('umount', [disk]);
    rmSync(root, { recursive: true, force: true });
  });
  return { root, disk, mounted, error };
}
