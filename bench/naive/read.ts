import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fg from 'fast-glob';
import pLimit from 'p-limit';
import { countWords } from '../lib/word-count.js';

export interface ReadTotals {
  files: number;
  bytes: number;
  lines?: number;
  words?: number;
}

/** fast-glob + p-limit + fs.promises.readFile: every file's bytes, counted. */
export async function readMany(dir: string, concurrency: number): Promise<ReadTotals> {
  const limit = pLimit(concurrency);
  const files = await fg('**/*', { cwd: dir, dot: true, onlyFiles: true });
  const sizes = await Promise.all(files.map((rel) => limit(async () => (await readFile(join(dir, rel))).byteLength)));
  return { files: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0) };
}

/** The naive single-thread loop of the mapFiles case: glob, read each file, count lines and words. */
export async function wordCountLoop(dir: string): Promise<ReadTotals> {
  const files = await fg('**/*', { cwd: dir, dot: true, onlyFiles: true });
  const totals = { files: 0, bytes: 0, lines: 0, words: 0 };
  for (const rel of files) {
    const data = await readFile(join(dir, rel));
    const c = countWords(data);
    totals.files += 1;
    totals.bytes += data.byteLength;
    totals.lines += c.lines;
    totals.words += c.words;
  }
  return totals;
}
