import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import fg from 'fast-glob';
import { linkInto, writeBig, writeSmall, writeTiny } from './generate.js';
import { corpusKey } from './spec.js';
import type { Corpus, CorpusFile, CorpusName, CorpusSizes } from './spec.js';

/** Where generated corpora live between runs: a rerun with the same seed and sizes reuses them. */
export const CACHE_ROOT = join(tmpdir(), 'pario-bench-corpus');

const MANIFEST = 'manifest.json';

function byPath(a: CorpusFile, b: CorpusFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function finish(name: string, dir: string, files: CorpusFile[]): Corpus {
  const sorted = [...files].sort(byPath);
  return { name, dir, files: sorted, bytes: sorted.reduce((sum, f) => sum + f.size, 0) };
}

/** Returns the corpus, generating it first if it is not cached yet (the manifest sits beside the data folder). */
export function ensureCorpus(name: Exclude<CorpusName, 'user'>, seed: number, sizes: CorpusSizes, log: (line: string) => void): Corpus {
  const key = corpusKey(name, seed, sizes);
  const home = join(CACHE_ROOT, key);
  const dir = join(home, 'data');
  const manifestPath = join(home, MANIFEST);
  if (existsSync(manifestPath)) {
    const files = JSON.parse(readFileSync(manifestPath, 'utf8')) as CorpusFile[];
    return finish(name, dir, files);
  }
  const started = Date.now();
  log(`generating corpus ${key} …`);
  rmSync(home, { recursive: true, force: true });
  const partial = join(home, 'partial');
  mkdirSync(partial, { recursive: true });
  let files: CorpusFile[];
  switch (name) {
    case 'tiny':
      files = writeTiny(partial, seed, sizes);
      break;
    case 'small':
      files = writeSmall(partial, seed, sizes);
      break;
    case 'big-text':
      files = writeBig(partial, 'big-text.txt', seed, sizes.bigBytes, 'text');
      break;
    case 'big-bin':
      files = writeBig(partial, 'big-bin.bin', seed, sizes.bigBytes, 'bin');
      break;
    case 'mixed': {
      const small = ensureCorpus('small', seed, sizes, log);
      const text = ensureCorpus('big-text', seed, sizes, log);
      const bin = ensureCorpus('big-bin', seed, sizes, log);
      files = small.files.map((f) => linkInto(small.dir, f, partial, f.path));
      for (const big of [text, bin]) for (const f of big.files) files.push(linkInto(big.dir, f, partial, `big/${f.path}`));
      break;
    }
  }
  renameSync(partial, dir);
  writeFileSync(manifestPath, JSON.stringify(files));
  const corpus = finish(name, dir, files);
  log(`generated ${key}: ${corpus.files.length} files, ${(corpus.bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return corpus;
}

/** A user's own folder (`--corpus DIR`): every regular file under it, dot files included. */
export async function userCorpus(path: string): Promise<Corpus> {
  const dir = resolve(path);
  const entries = await fg('**/*', { cwd: dir, dot: true, onlyFiles: true, stats: true, followSymbolicLinks: false });
  const files = entries.map((e) => ({ path: e.path, size: e.stats?.size ?? 0 }));
  return finish(`user:${relative(process.cwd(), dir) || '.'}`, dir, files);
}
