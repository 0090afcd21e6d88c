// The hand-written pool bench/map-bench.ts compares with: a Piscina worker that takes one path per task.
import { readFileSync } from 'node:fs';
import { countLinesWords } from './map-bench-count.js';
import type { Counts } from './map-bench-count.js';

export default function countFile(path: string): Counts {
  return countLinesWords(readFileSync(path));
}
