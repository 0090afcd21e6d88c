import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { enableCompileCache, privateFolder } from '../../src/cli/compile-cache.js';

const roots: string[] = [];
const root = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'pario-cc-'));
  roots.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of roots.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const uid = process.geteuid?.() ?? 0;

describe.skipIf(process.platform === 'win32')('the compile cache folder', () => {
  it('is used only when no other account can change it or a folder above it', () => {
    const base = root(); // under the sticky /tmp: others cannot rename what we own there
    const cache = join(base, 'cache');
    mkdirSync(cache, { mode: 0o700 });
    expect(privateFolder(cache, uid)).toBe(true);
    chmodSync(cache, 0o777); // anyone could plant cached code in it
    expect(privateFolder(cache, uid)).toBe(false);
    chmodSync(cache, 0o700);
    chmodSync(base, 0o777); // a writable folder above it without the sticky bit: ours could be swapped
    expect(privateFolder(cache, uid)).toBe(false);
    chmodSync(base, 0o1777);
    expect(privateFolder(cache, uid)).toBe(true);
    expect(privateFolder(cache, uid + 1)).toBe(false); // another account's folder
  });

  it('is left to the user when NODE_COMPILE_CACHE or NODE_DISABLE_COMPILE_CACHE is set', () => {
    const base = root();
    expect(enableCompileCache({ NODE_COMPILE_CACHE: join(base, 'x'), XDG_CACHE_HOME: base })).toBeUndefined();
    expect(enableCompileCache({ NODE_DISABLE_COMPILE_CACHE: '1', XDG_CACHE_HOME: base })).toBeUndefined();
  });
});
