// Worker of the hand-written Piscina baselines (one task per item), picked by name.
import { readFileSync } from 'node:fs';
import { countWords } from '../lib/word-count.js';
import type { WordCount } from '../lib/word-count.js';

export function noop(): number {
  return 0;
}

export function wordCount(path: string): WordCount & { bytes: number } {
  const data = readFileSync(path);
  return { ...countWords(data), bytes: data.byteLength };
}
