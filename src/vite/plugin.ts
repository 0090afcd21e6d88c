// The plugin object: the same hooks serve Vite (≥ 6, Rollup or Rolldown inside) and plain Rollup.
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { createPario } from '../pario.js';
import type { Pario } from '../index.js';
import { compressFolder } from './compress-folder.js';
import { EarlyPublic } from './early-public.js';
import { bundleCandidates, mergeCandidates, publicCandidates } from './files.js';
import type { BundleEntry } from './files.js';
import { resolvePluginOptions } from './options.js';
import type { ParioPluginOptions } from './options.js';
import { Tally, failureMessage, useColor } from './summary.js';
import { WatchCache } from './watch-cache.js';

/** The parts of Vite's resolved config (or of a Vite environment's) that the plugin reads. */
export interface ViteConfigPart {
  readonly root: string;
  readonly publicDir: string;
  readonly cacheDir?: string;
  readonly consumer?: 'client' | 'server';
  readonly build: { readonly copyPublicDir?: boolean; readonly ssr?: unknown; readonly write?: boolean };
  readonly logger: { info(message: string): void };
}

/** The parts of a Rollup/Rolldown/Vite plugin context that the plugin uses. */
export interface HookContext {
  readonly meta: { readonly watchMode: boolean };
  readonly environment?: { readonly config: ViteConfigPart; readonly logger?: { info(message: string): void } };
  info(message: string): void;
  error(message: string): never;
}

/** The parts of Rollup's output options that the plugin reads. */
export interface OutputPart {
  readonly dir?: string | undefined;
  readonly file?: string | undefined;
}

export interface ParioPlugin {
  readonly name: 'pario';
  readonly apply: 'build';
  readonly enforce: 'post';
  configResolved(this: unknown, config: ViteConfigPart): void;
  buildStart(this: HookContext): void;
  renderStart: { readonly order: 'post'; readonly sequential: true; handler(this: HookContext, output: OutputPart): void };
  writeBundle(this: HookContext, output: OutputPart, bundle: Readonly<Record<string, BundleEntry>>): Promise<void>;
  buildEnd(this: HookContext, error?: Error): Promise<void>;
  closeBundle(this: HookContext): Promise<void>;
  closeWatcher(this: HookContext): Promise<void>;
}

/**
 * Precompresses a build on every core: after the bundle is written, each emitted file and each copied public file
 * that passes `include`/`exclude` and `threshold` gets a .gz and a .br (by default) beside it, from one read.
 */
export function pario(options?: ParioPluginOptions): ParioPlugin {
  const o = resolvePluginOptions(options);
  let vite: ViteConfigPart | undefined;
  let handle: Pario | undefined;
  let cache: WatchCache | undefined;
  /** Public files being compressed since Vite copied them, by output folder (vite build, not in watch mode). */
  const early = new Map<string, EarlyPublic>();
  // The codecs load in every thread as it starts, while the bundler works (compressFiles would load them on first use).
  const pool = (): Pario => (handle ??= createPario({ jobs: o.jobs, preload: ['compress'] }));
  const closePool = async (): Promise<void> => {
    // An early run whose writeBundle never came (the render failed) ends first.
    await Promise.all([...early.values()].map((run) => run.done));
    early.clear();
    const open = handle;
    handle = undefined;
    await open?.close();
  };
  return {
    name: 'pario',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      vite = config;
    },
    buildStart() {
      // The threads start while the bundler works (idle threads hold no event-loop reference).
      if (!serverSide(this, vite)) pool();
    },
    renderStart: {
      // After every other renderStart: Vite's own (order 'pre') has copied the public folder by then.
      order: 'post',
      sequential: true,
      handler(output) {
        const config = this.environment?.config ?? vite;
        const folder = outputFolder(output);
        // In watch mode the public files go through the cache in writeBundle; without write no writeBundle comes.
        if (folder === undefined || this.meta.watchMode || config?.build.write === false || serverSide(this, vite)) return;
        if (!publicCopied(config) || early.has(folder)) return;
        early.set(folder, new EarlyPublic(pool(), folder, publicCandidates(config.publicDir, o.filter), o));
      },
    },
    async writeBundle(output, bundle) {
      if (serverSide(this, vite)) return; // server bundles are not served to browsers
      const start = performance.now();
      const folder = outputFolder(output);
      if (folder === undefined) return;
      const config = this.environment?.config ?? vite;
      const emitted = bundleCandidates(bundle, o.filter);
      const tally = new Tally(o.algorithms);
      const started = early.get(folder);
      early.delete(folder);
      // Public files compressed early count once; a public file that a bundle file replaced is compressed again.
      const publicFiles = started !== undefined ? await started.settle(tally, new Set(emitted.map((c) => c.rel)))
        : publicCopied(config) ? await publicCandidates(config.publicDir, o.filter) : [];
      const candidates = mergeCandidates(emitted, publicFiles);
      if (this.meta.watchMode) cache ??= new WatchCache(config?.cacheDir ?? tmpdir());
      await compressFolder(pool(), folder, candidates, o, tally, this.meta.watchMode ? cache : undefined);
      if (tally.failed.length > 0) this.error(failureMessage(tally.failed, shortName(folder, config?.root)));
      if (o.logLevel === 'silent') return;
      const line = tally.line(performance.now() - start, useColor());
      const logger = this.environment?.logger ?? vite?.logger;
      if (logger !== undefined) logger.info(line);
      else this.info(line);
    },
    async buildEnd(error) {
      if (error !== undefined && !this.meta.watchMode) await closePool(); // no bundle: closeBundle may never come
    },
    async closeBundle() {
      if (!this.meta.watchMode) await closePool(); // in watch mode the pool serves every rebuild until closeWatcher
    },
    async closeWatcher() {
      await closePool();
      await cache?.dispose();
      cache = undefined;
    },
  };
}

function outputFolder(output: OutputPart): string | undefined {
  return output.dir !== undefined ? resolve(output.dir) : output.file !== undefined ? dirname(resolve(output.file)) : undefined;
}

function publicCopied(config: ViteConfigPart | undefined): config is ViteConfigPart {
  return config !== undefined && config.build.copyPublicDir !== false && config.publicDir !== '';
}

function serverSide(context: HookContext, vite: ViteConfigPart | undefined): boolean {
  const config = context.environment?.config ?? vite;
  return config?.consumer === 'server' || (config?.consumer === undefined && Boolean(config?.build.ssr));
}

/** The folder as the build report names it: relative to the project root when inside it. */
function shortName(folder: string, root: string | undefined): string {
  return root !== undefined && folder.startsWith(`${root}/`) ? folder.slice(root.length + 1) : folder;
}
