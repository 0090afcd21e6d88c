// pario/vite in real `vite build` runs (Vite's JS API, in-process) of a generated app: outputs, options, failure, watch.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, createLogger } from 'vite';
import type { InlineConfig, Logger } from 'vite';
import { describe, expect, it } from 'vitest';
import { writeViteApp } from '../../bench/corpus/vite-app.js';
import { pario } from '../../src/vite/index.js';
import type { ParioPluginOptions } from '../../src/vite/index.js';
import { compressedOriginals, expectNoTemps, expectValidOutputs, filesUnder } from '../helpers/precompressed.js';
import { tempDir } from '../helpers/temp.js';

const TEXT = /\.(html|css|js|json|svg|txt)$/;

function app(modules: number): string {
  const root = tempDir('pario-vite-');
  writeViteApp(root, modules);
  return root;
}

/** A Vite config for `root` whose logger keeps the info lines. */
function config(root: string, options: ParioPluginOptions, lines: string[], extra: InlineConfig = {}): InlineConfig {
  const base = createLogger('silent');
  const customLogger: Logger = { ...base, info: (message) => void lines.push(message) };
  return { root, configFile: false, logLevel: 'info', customLogger, plugins: [pario({ jobs: 2, ...options })], ...extra };
}

const summaries = (lines: readonly string[]): string[] => lines.filter((l) => l.includes('pario:'));

describe('pario/vite in vite build', () => {
  const root = app(300);

  it('writes a .gz and a .br (gzip 9, brotli 11) beside every text asset and public file of 1 KiB or more', async () => {
    const lines: string[] = [];
    await build(config(root, {}, lines));
    const dist = join(root, 'dist');
    const texts = filesUnder(dist).filter((f) => TEXT.test(f));
    const big = texts.filter((f) => statSync(join(dist, f)).size >= 1024 && f !== 'noise.txt');
    expect(big.length).toBeGreaterThan(40);
    expect(big).toContain('data/[locale].json'); // a public file whose name looks like a glob
    expect(compressedOriginals(dist, 'gzip')).toEqual(big);
    expect(compressedOriginals(dist, 'brotli')).toEqual(big);
    expectValidOutputs(dist, big, ['gzip', 'brotli']);
    expect(existsSync(join(dist, 'photo.png.gz'))).toBe(false); // not a text format
    expect(existsSync(join(dist, 'robots.txt.gz'))).toBe(false); // under the threshold
    expect(existsSync(join(dist, 'noise.txt.br'))).toBe(false); // outputs not smaller: none kept
    expectNoTemps(dist);
    const [line, ...more] = summaries(lines);
    expect(more).toEqual([]);
    const skipped = texts.length - big.length;
    const sizes = '[\\d,.]+ kB → [\\d,.]+ kB';
    const files = `${big.length} files compressed \\(${skipped} skipped\\)`;
    expect(line).toMatch(new RegExp(`^✓ pario: ${files} in \\d+\\.\\d\\ds │ gzip: ${sizes} │ brotli: ${sizes}$`));
  });

  it('follows algorithms, levels, include, exclude, threshold, skipIfLargerOrEqual and deleteOriginalAssets', async () => {
    const small = app(40);
    const lines: string[] = [];
    const options: ParioPluginOptions = {
      algorithms: [['gzip', 1], 'deflate'], include: ['*.js', 'data/**', /\.txt$/], exclude: '**/m1-*.js', threshold: 0,
      skipIfLargerOrEqual: false, deleteOriginalAssets: true,
    };
    await build(config(small, options, lines));
    const dist = join(small, 'dist');
    const gz = compressedOriginals(dist, 'gzip');
    expect(gz).toContain('noise.txt'); // kept although larger
    expect(gz).toContain('robots.txt'); // no threshold
    expect(gz.filter((f) => f.endsWith('.css') || f.endsWith('.html') || f.endsWith('.svg'))).toEqual([]);
    expect(gz.filter((f) => /m1-.*\.js$/.test(f))).toEqual([]);
    expect(compressedOriginals(dist, 'deflate')).toEqual(gz);
    expect(gz.filter((f) => existsSync(join(dist, f)))).toEqual([]); // originals deleted
    expect(existsSync(join(dist, 'index.html'))).toBe(true);
    expectValidOutputs(dist, gz, ['gzip'], false);
    expect(summaries(lines)[0]).toMatch(/│ gzip: .* │ deflate: /);
  });

  it('fails the build with the file and the cause, after compressing every other file', async () => {
    const small = app(40);
    const lines: string[] = [];
    // A plugin before pario's puts a folder where a bundle file was: that one file cannot be compressed.
    let name = '';
    const breaker = {
      name: 'breaker',
      writeBundle(output: { dir?: string }, bundle: Record<string, unknown>) {
        name = Object.keys(bundle).find((f) => f.endsWith('.css')) ?? '';
        rmSync(join(output.dir ?? '', name));
        mkdirSync(join(output.dir ?? '', name));
      },
    };
    const run = build({ ...config(small, {}, lines), plugins: [breaker, pario({ jobs: 2 })] });
    await expect(run).rejects.toThrow(/pario could not compress 1 file:\n {2}dist\/assets\/[\w-]+\.css: /);
    await expect(run).rejects.toThrow(`dist/${name}: `);
    const dist = join(small, 'dist');
    expect(compressedOriginals(dist, 'gzip').filter((f) => f.endsWith('.js')).length).toBeGreaterThan(3);
    expect(filesUnder(dist).filter((f) => f.startsWith(name))).toEqual([]);
    expectNoTemps(dist);
  });

  it('compresses public files while the bundle renders, and again where a bundle file replaced one', async () => {
    const small = app(40);
    const lines: string[] = [];
    // Assets emitted under the names of two public files: Vite copied public/ first, the bundle writes over it.
    const catalog = JSON.stringify(Array.from({ length: 300 }, (_, id) => ({ id, emitted: true })));
    const shadow = {
      name: 'shadow',
      generateBundle(this: { emitFile(file: object): string }) {
        this.emitFile({ type: 'asset', fileName: 'data/catalog.json', source: catalog });
        this.emitFile({ type: 'asset', fileName: 'icons/logo.svg', source: '<svg/>' }); // under the threshold
      },
    };
    await build({ ...config(small, {}, lines), plugins: [shadow, pario({ jobs: 2 })] });
    const dist = join(small, 'dist');
    expect(readFileSync(join(dist, 'data/catalog.json'), 'utf8')).toBe(catalog);
    const gz = compressedOriginals(dist, 'gzip');
    expect(gz).toContain('data/catalog.json');
    expect(gz).toContain('data/[locale].json'); // a public file no bundle file replaced
    expect(gz).not.toContain('icons/logo.svg'); // the public copy's outputs do not outlive it
    expectValidOutputs(dist, gz, ['gzip', 'brotli']);
    expectNoTemps(dist);
    const texts = filesUnder(dist).filter((f) => TEXT.test(f));
    const [line, ...more] = summaries(lines);
    expect(more).toEqual([]);
    // Every file counted once: each is compressed or skipped.
    expect(line).toMatch(new RegExp(`^✓ pario: ${gz.length} files compressed \\(${texts.length - gz.length} skipped\\)`));
  });

  it('leaves a server (SSR) build alone', async () => {
    const small = app(20);
    const lines: string[] = [];
    await build(config(small, {}, lines, { build: { ssr: 'src/main.js', outDir: 'dist-ssr' } }));
    const out = filesUnder(join(small, 'dist-ssr'));
    expect(out.some((f) => f.endsWith('.mjs'))).toBe(true);
    expect(out.filter((f) => /\.(gz|br)$/.test(f))).toEqual([]);
    expect(summaries(lines)).toEqual([]);
  });

  it('in watch mode keeps one pool, compresses only what changed and puts the rest back', async () => {
    const small = app(60);
    const lines: string[] = [];
    const watcher = await build(config(small, {}, lines, { build: { watch: {} } }));
    if (!('on' in watcher)) throw new Error('expected a watcher');
    const ends: number[] = [];
    let waiting: (() => void) | undefined;
    watcher.on('event', (event) => {
      if (event.code === 'END') ends.push(summaries(lines).length);
      if (event.code === 'END' || event.code === 'ERROR') waiting?.();
    });
    const nextEnd = (count: number): Promise<void> => new Promise((done) => {
      waiting = () => ends.length >= count && done();
      waiting();
    });
    try {
      await nextEnd(1);
      const dist = join(small, 'dist');
      const first = compressedOriginals(dist, 'brotli');
      const changed = join(small, 'src', 'm50.js');
      const item = "{ id: 1, label: 'new', text: 'a change' },";
      writeFileSync(changed, readFileSync(changed, 'utf8').replace('export const data50 = [', `export const data50 = [${item}`));
      await nextEnd(2);
      const [, second] = summaries(lines);
      // The changed route's chunk and the chunks that name it (their hashes change too) are compressed again; the
      // rest are put back from the cache.
      const [, again, kept] = /^✓ pario: (\d+) files? compressed \((\d+) unchanged, \d+ skipped\)/.exec(second ?? '') ?? [];
      expect(Number(again)).toBeGreaterThan(0);
      expect(Number(kept)).toBeGreaterThan(Number(again));
      expect(Number(again) + Number(kept)).toBe(first.length);
      const now = compressedOriginals(dist, 'brotli');
      expect(now.length).toBe(first.length);
      expectValidOutputs(dist, now, ['gzip', 'brotli']);
    } finally {
      await watcher.close();
    }
    const cache = join(small, 'node_modules', '.vite');
    expect(existsSync(cache) ? readdirSync(cache).filter((f) => f.startsWith('pario-watch-')) : []).toEqual([]);
  });
});
