// `vite build` of a generated app with pario/vite against the same build with vite-plugin-compression2 (gzip 9 +
// brotli 11, the same files), and without compression: the difference is each plugin's compression step.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeViteApp } from '../corpus/vite-app.js';
import { median } from '../run/stats.js';
import { benchScript, needTools } from '../run/tools.js';
import type { Case, Entry } from '../run/types.js';
import { listFiles, workPath } from '../run/workdir.js';
import { node } from './commands.js';
import type { BenchContext } from './context.js';

export const GROUP = 'build';
const SCRIPT = benchScript('lib/vite-build.js');
const TEXT = /\.(html|xml|css|json|js|mjs|cjs|svg|yaml|yml|toml|txt|wasm|webmanifest)$/;

interface Variant {
  readonly plugin: 'pario' | 'compression2' | 'none';
  readonly tool: string;
  readonly pario?: boolean;
}

const VARIANTS: readonly Variant[] = [
  { plugin: 'pario', tool: 'vite build + pario/vite', pario: true },
  { plugin: 'compression2', tool: 'vite build + vite-plugin-compression2' },
  { plugin: 'none', tool: 'vite build, no compression' },
];

/** Builds of apps of `modules` modules; the bigger one shows whether memory grows with the number of assets. */
export function buildCases(ctx: BenchContext): Case[] {
  return (ctx.quick ? [60] : [300, 1200]).map((modules) => buildCase(ctx, modules));
}

function buildCase(ctx: BenchContext, modules: number): Case {
  const root = workPath(`build-app-${modules}`);
  const dist = join(root, 'dist');
  const timings = (plugin: string): string => workPath(`build-${modules}-${plugin}.txt`);
  // Without --quick the first line is the warm-up run's.
  const times = (plugin: string): number[] => readLines(timings(plugin)).slice(ctx.quick ? 0 : 1).map(Number).filter((n) => n > 0);
  const shape = { bytes: 0, files: 0, compressible: [] as string[] };
  const entry = (v: Variant): Entry => {
    const base: Entry = {
      tool: v.tool,
      ...(v.pario === true ? { pario: true } : {}),
      unavailable: v.plugin === 'none' ? async () => undefined : needTools('gzip', 'brotli'),
      command: () => node(SCRIPT, [v.plugin, root, timings(v.plugin)]),
      prepare: async () => rmSync(dist, { recursive: true, force: true }),
    };
    if (v.plugin === 'none') {
      return { ...base, note: 'the same build without compression: the others minus this is their compression step' };
    }
    return Object.defineProperty({
      ...base,
      outputBytes: async () => listFiles(dist).filter((f) => /\.(gz|br)$/.test(f)).reduce((sum, f) => sum + size(join(dist, f)), 0),
      validate: async () => validate(dist, shape.compressible),
    }, 'note', {
      // Read after the runs: the build() time measured inside the child, and that time minus the plain build's.
      get: () => stepNote(times(v.plugin), times('none')),
      enumerable: true,
    });
  };
  const result: Case = {
    group: GROUP,
    id: `${GROUP}/app-${modules}`,
    get title() {
      const files = shape.files === 0 ? '' : ` (${shape.files} text files, ${(shape.bytes / 1e6).toFixed(2)} MB)`;
      return `vite build, ${modules} modules${files}, gzip 9 + brotli 11`;
    },
    get inputBytes() {
      return shape.bytes;
    },
    get inputFiles() {
      return shape.files;
    },
    entries: VARIANTS.map(entry),
    setup: async () => {
      writeViteApp(root, modules);
      for (const v of VARIANTS) writeFileSync(timings(v.plugin), '');
      // One plain build tells what the plugins have to compress: text files of 1 KiB or more.
      const r = spawnSync(process.execPath, [SCRIPT, 'none', root, workPath('build-setup.txt')], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`vite build: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      const texts = listFiles(dist).filter((f) => TEXT.test(f)).map((f) => ({ f, size: statSync(join(dist, f)).size }));
      shape.files = texts.length;
      shape.bytes = texts.reduce((sum, t) => sum + t.size, 0);
      shape.compressible = texts.filter((t) => t.size >= 1024 && t.f !== 'noise.txt').map((t) => t.f);
      ctx.log(`  app: ${modules} modules, ${shape.files} text files, ${(shape.bytes / 1e6).toFixed(2)} MB`);
    },
  };
  return result;
}

function stepNote(build: readonly number[], plain: readonly number[]): string | undefined {
  if (build.length === 0) return undefined;
  const b = median(build);
  const p = median(plain);
  const step = plain.length === 0 ? '' : `, compression step ${(b - p).toFixed(0)} ms (minus the plain build's ${p.toFixed(0)} ms)`;
  return `build() ${b.toFixed(0)} ms in-process (median of ${build.length})${step}`;
}

/** Every compressible file has a .gz and a .br, and gzip -t / brotli -t accept all of them. */
function validate(dist: string, compressible: readonly string[]): string | undefined {
  const files = new Set(listFiles(dist));
  const missing = compressible.filter((f) => !files.has(`${f}.gz`) || !files.has(`${f}.br`));
  if (missing.length > 0) return `${missing.length} file(s) without .gz or .br, e.g. ${missing[0] ?? ''}`;
  for (const [tool, suffix] of [['gzip', '.gz'], ['brotli', '.br']] as const) {
    const outputs = [...files].filter((f) => f.endsWith(suffix)).map((f) => join(dist, f));
    const r = spawnSync(tool, ['-t', ...outputs], { encoding: 'utf8' });
    if (r.status !== 0) return `${tool} -t: ${r.stderr.trim().split('\n')[0] ?? ''}`;
  }
  return undefined;
}

function size(path: string): number {
  return statSync(path).size;
}

function readLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
