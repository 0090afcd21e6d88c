import type { Corpus } from '../corpus/spec.js';

/** Every k-th file of a corpus, up to about `bytes` (same folder, fewer files): for the slow brotli -q 11 case. */
export function subsetCorpus(corpus: Corpus, bytes: number): Corpus {
  const step = Math.max(1, Math.ceil(corpus.bytes / bytes));
  const files = corpus.files.filter((_, i) => i % step === 0);
  return { name: `${corpus.name} (1/${step})`, dir: corpus.dir, files, bytes: files.reduce((s, f) => s + f.size, 0) };
}
