// pario/vite's watch-mode cache: outputs kept as links, put back after the output folder was emptied, forgotten when
// their file is gone from the build, and no cache folder outliving its process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CompressResult } from '../../src/index.js';
import { WatchCache } from '../../src/vite/watch-cache.js';
import { tempDir } from '../helpers/temp.js';

function written(dir: string, name: string): CompressResult {
  writeFileSync(join(dir, name), 'original');
  writeFileSync(join(dir, `${name}.gz`), 'gzip bytes');
  const output = { algorithm: 'gzip' as const, path: join(dir, `${name}.gz`), bytes: 10, status: 'written' as const };
  return { ok: true, path: name, status: 'ok', bytesIn: 8, bytesOut: 10, ms: 1, outputs: [output], removed: false };
}

describe('pario/vite watch cache', () => {
  it('puts the outputs of an unchanged file back after the folder was emptied, not those of a changed one', async () => {
    const root = tempDir('pario-watch-cache-');
    const dist = join(root, 'dist');
    mkdirSync(dist);
    const cache = new WatchCache(join(root, 'cache'));
    const abs = join(dist, 'a.js');
    await cache.keep(abs, 'v1', written(dist, 'a.js'));
    rmSync(dist, { recursive: true });
    mkdirSync(dist);
    writeFileSync(abs, 'original');
    expect(cache.get(abs, 'v2')).toBeUndefined();
    const entry = cache.get(abs, 'v1');
    expect(entry?.outputs.map((o) => o.bytes)).toEqual([10]);
    expect(await cache.restore(abs, entry!)).toBe(true);
    expect(readFileSync(`${abs}.gz`, 'utf8')).toBe('gzip bytes');
    await cache.prune(dist, new Set());
    expect(cache.get(abs, 'v1')).toBeUndefined();
    expect(readdirSync(join(root, 'cache')).length).toBe(1); // this process's folder, now empty
    expect(readdirSync(join(root, 'cache', readdirSync(join(root, 'cache'))[0] ?? ''))).toEqual([]);
    await cache.dispose();
    expect(readdirSync(join(root, 'cache'))).toEqual([]);
  });

  it('removes the folder a killed watch process left behind when the next one starts', async () => {
    const root = tempDir('pario-watch-cache-');
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim();
    const parent = join(root, 'cache');
    mkdirSync(join(parent, `pario-watch-${dead}-abc`), { recursive: true });
    mkdirSync(join(parent, 'other-tool'));
    const cache = new WatchCache(parent);
    await cache.keep(join(root, 'a.js'), 'v1', written(root, 'a.js'));
    expect(existsSync(join(parent, `pario-watch-${dead}-abc`))).toBe(false);
    expect(existsSync(join(parent, 'other-tool'))).toBe(true);
    await cache.dispose();
  });
});
