import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Corpus, CorpusFile } from '../corpus/spec.js';
import { REPO_ROOT } from '../run/tools.js';
import type { Case } from '../run/types.js';
import { emptyDir, workPath } from '../run/workdir.js';
import { compressTreeCase } from './compress-tree.js';
import type { TreeAlgo } from './compress-tree.js';
import type { BenchContext } from './context.js';
import { hashCase } from './hash.js';
import { subsetCorpus } from './subset.js';

export const GROUP = 'real';

/** Every regular file under `dir` (links not followed), sorted by path as `sort` in the C locale orders them. */
export function treeCorpus(name: string, dir: string, keep: (path: string) => boolean = () => true): Corpus {
  const files: CorpusFile[] = [];
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = relative(dir, join(e.parentPath, e.name));
    if (keep(path)) files.push({ path, size: lstatSync(join(dir, path)).size });
  }
  files.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  return { name, dir, files, bytes: files.reduce((s, f) => s + f.size, 0) };
}

export function medianSize(c: Corpus): number {
  const sizes = c.files.map((f) => f.size).sort((a, b) => a - b);
  const mid = Math.floor(sizes.length / 2);
  return sizes.length === 0 ? 0 : sizes.length % 2 === 1 ? (sizes[mid] ?? 0) : ((sizes[mid - 1] ?? 0) + (sizes[mid] ?? 0)) / 2;
}

function describe(c: Corpus): string {
  const median = medianSize(c);
  const size = median >= 1000 ? `${(median / 1000).toFixed(1)} kB` : `${median.toFixed(0)} B`;
  return `${c.name}: ${c.files.length} files, ${(c.bytes / 1e6).toFixed(1)} MB, median ${size}`;
}

/**
 * The tree's regular files hard-linked under the work folder (copied where a link cannot be made): the same bytes in
 * place, without the tree's symbolic links (`pario hash DIR` reports each link it meets as an error, exit 1).
 */
function linkMirror(c: Corpus, name: string): { corpus: Corpus; make: () => void } {
  const dir = workPath(name, 'tree');
  const make = (): void => {
    emptyDir(dir);
    for (const f of c.files) {
      const to = join(dir, f.path);
      mkdirSync(dirname(to), { recursive: true });
      try {
        linkSync(join(c.dir, f.path), to);
      } catch {
        copyFileSync(join(c.dir, f.path), to);
      }
    }
  };
  return { corpus: { ...c, dir }, make };
}

/** The Python installation's tree (`sys.prefix`), or undefined when there is no python3. */
function pythonPrefix(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.prefix)'], { encoding: 'utf8', timeout: 10_000 });
  const dir = r.status === 0 ? r.stdout.trim() : '';
  return dir !== '' && existsSync(dir) ? dir : undefined;
}

const ALGOS: Readonly<Record<string, TreeAlgo>> = {
  'gzip-6': { format: 'gz', level: 6 },
  'brotli-5': { format: 'br', level: 5 },
  'zstd-3': { format: 'zst', level: 3 },
};

/** Already-compressed inputs stay out of the compress cases (gzip -k refuses `x.gz`; the outputs must be new names). */
const notCompressed = (path: string): boolean => !/\.(gz|br|zst)$/.test(path);

interface Tree {
  readonly name: string;
  readonly dir: string;
  readonly compress: readonly string[];
  readonly hash: readonly ('sha256' | 'blake3' | 'xxh3')[];
  readonly subsetBytes?: number;
}

/**
 * Trees nobody here wrote, run whenever present: the project's own node_modules (compressed in a copy, hashed in
 * place) and the Python installation (hashed in place; gzip -6 of a copy). --quick keeps a slice of node_modules.
 */
export function realCases(ctx: BenchContext): Case[] {
  const trees: Tree[] = [];
  const modules = join(REPO_ROOT, 'node_modules');
  if (existsSync(modules)) {
    trees.push(
      ctx.quick
        ? { name: 'node_modules', dir: modules, compress: ['gzip-6'], hash: ['sha256'], subsetBytes: 1_000_000 }
        : { name: 'node_modules', dir: modules, compress: Object.keys(ALGOS), hash: ['sha256', 'blake3', 'xxh3'] },
    );
  }
  const python = ctx.quick ? undefined : pythonPrefix();
  if (python !== undefined) trees.push({ name: 'python', dir: python, compress: ['gzip-6'], hash: ['sha256', 'blake3', 'xxh3'] });
  const out: Case[] = [];
  for (const t of trees) {
    const slice = (c: Corpus, bytes: number): Corpus => ({ ...subsetCorpus(c, bytes), name: `${c.name} (slice)` });
    const trim = (c: Corpus): Corpus => (t.subsetBytes === undefined ? c : slice(c, t.subsetBytes));
    const all = trim(treeCorpus(`${t.name} (${t.dir})`, t.dir));
    const plain = trim(treeCorpus(`${t.name} (${t.dir})`, t.dir, notCompressed));
    ctx.log(`real tree ${describe(all)}`);
    for (const a of t.compress) {
      const algo = ALGOS[a];
      if (algo === undefined) continue;
      const id = `${GROUP}/${t.name}-${a}`;
      const title = `${a}, a copy of ${describe(plain)}`;
      // pario leaves already-compressed formats (png, …) as they are: not every input gets an output.
      out.push(compressTreeCase({ ...ctx, generated: false }, { group: GROUP, id, title, corpus: plain, algo }));
    }
    const mirror = linkMirror(all, `${t.name}-links`);
    for (const algo of t.hash) {
      const c = hashCase(ctx, `${GROUP}/${t.name}-${algo}`, mirror.corpus, algo);
      const setup = async (): Promise<void> => {
        mirror.make();
        await c.setup?.();
      };
      out.push({ ...c, group: GROUP, title: `${algo} in place (hard links, no symlinks), ${describe(all)}`, setup });
    }
  }
  return out;
}
