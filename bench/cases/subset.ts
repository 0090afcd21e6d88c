import { existsSync, linkSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Corpus } from '../corpus/spec.js';
import { workPath } from '../run/workdir.js';

/** Every k-th file of a corpus, up to about `bytes` (same folder, fewer files): for the slow brotli -q 11 case. */
export function subsetCorpus(corpus: Corpus, bytes: number): Corpus {
  const step = Math.max(1, Math.ceil(corpus.bytes / bytes));
  const files = corpus.files.filter((_, i) => i % step === 0);
  return { name: `${corpus.name} (1/${step})`, dir: corpus.dir, files, bytes: files.reduce((s, f) => s + f.size, 0) };
}

/**
 * The same files in ONE folder (hard links under the work folder, made when the case is built), as a site's flat
 * assets folder is: there the planner cannot spread batches over folders, and files a task hands back must still reach
 * every worker.
 */
export function flatCorpus(corpus: Corpus, name: string): Corpus {
  const dir = workPath(name, 'flat');
  mkdirSync(dir, { recursive: true });
  const files = corpus.files.map((f, i) => {
    const path = `${String(i).padStart(5, '0')}-${basename(f.path)}`;
    const target = join(dir, path);
    if (!existsSync(target)) linkSync(join(corpus.dir, f.path), target);
    return { path, size: f.size };
  });
  return { name: `${corpus.name} (flat)`, dir, files, bytes: corpus.bytes };
}
