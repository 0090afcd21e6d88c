// pario/vite's options: names, defaults, checks, and the include/exclude matching; and that the plugin object
// type-checks as a Vite plugin and as a Rollup plugin (this file compiles only if it does).
import type { Plugin as RollupPlugin } from 'rollup';
import type { Plugin as VitePlugin } from 'vite';
import { describe, expect, it } from 'vitest';
import { pario } from '../../src/vite/index.js';
import { resolvePluginOptions } from '../../src/vite/options.js';

describe('pario/vite options', () => {
  it('is a Vite plugin and a Rollup plugin', () => {
    const asVite: VitePlugin = pario();
    const asRollup: RollupPlugin = pario();
    expect(asVite.name).toBe('pario');
    expect(asRollup.name).toBe('pario');
    expect(asVite.apply).toBe('build');
    expect(asVite.enforce).toBe('post');
  });

  it('defaults to gzip 9 and brotli 11, 1 KiB, text formats, outputs only when smaller, originals kept', () => {
    const o = resolvePluginOptions();
    expect(o.algorithms).toEqual(['gzip', 'brotli']);
    expect(o.levels).toEqual({ gzip: 9, brotli: 11 });
    expect(o).toMatchObject({ threshold: 1024, skipIfLargerOrEqual: true, deleteOriginalAssets: false, logLevel: 'info' });
    const texts = ['index.html', 'assets/a-1x.js', 'assets/b.mjs', 'assets/c.css', 'data/x.json', 'icon.svg', '.well-known/a.txt'];
    for (const f of texts) expect(o.filter(f), f).toBe(true);
    for (const f of ['photo.png', 'font.woff2', 'assets/a.js.map', 'a.js.gz']) expect(o.filter(f), f).toBe(false);
  });

  it("takes pario's names, vite-plugin-compression2's names, and [name, level] pairs", () => {
    const o = resolvePluginOptions({ algorithms: ['brotliCompress', ['gz', 6], ['zstd', 19], 'deflate'] });
    expect(o.algorithms).toEqual(['brotli', 'gzip', 'zstd', 'deflate']);
    expect(o.levels).toEqual({ brotli: 11, gzip: 6, zstd: 19, deflate: 9 });
  });

  it('matches globs without a slash by name at any depth, globs with one from the output folder, RegExps as they are', () => {
    const o = resolvePluginOptions({ include: ['*.js', 'data/**', /\.txt$/], exclude: ['vendor-*.js'] });
    expect(['a.js', 'assets/deep/a.js', 'data/x/y.bin', 'notes.txt'].map(o.filter)).toEqual([true, true, true, true]);
    expect(['assets/vendor-1.js', 'assets/data/x.bin', 'a.css'].map(o.filter)).toEqual([false, false, false]);
  });

  it('rejects bad options when the plugin is made, naming the option', () => {
    expect(() => pario({ algorithms: ['lzma' as never] })).toThrow(/`algorithms`/);
    expect(() => pario({ algorithms: [] })).toThrow(/`algorithms`/);
    expect(() => pario({ algorithms: [['brotli', 12]] })).toThrow(/`levels.brotli` to be an integer from 0 to 11/);
    expect(() => pario({ threshold: -1 })).toThrow(/`threshold`/);
    expect(() => pario({ jobs: 0 })).toThrow(/`jobs`/);
    expect(() => pario({ include: [''] })).toThrow(/`include`/);
    expect(() => pario({ skipIfLargerOrEqual: 'yes' as never })).toThrow(/`skipIfLargerOrEqual`/);
    expect(() => pario({ logLevel: 'debug' as never })).toThrow(/`logLevel`/);
  });
});
