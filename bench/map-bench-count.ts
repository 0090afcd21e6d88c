// The function all three contenders of bench/map-bench.ts run: lines and words of a file, counted on its bytes.
import { defineMapper } from '../src/map/define.js';

export interface Counts {
  lines: number;
  words: number;
}

export function countLinesWords(data: Uint8Array): Counts {
  let lines = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < data.length; i += 1) {
    const byte = data[i] as number;
    if (byte === 10) lines += 1;
    const space = byte === 32 || (byte >= 9 && byte <= 13);
    if (!space && !inWord) words += 1;
    inWord = !space;
  }
  return { lines, words };
}

export default defineMapper((file) => countLinesWords(file.data));
