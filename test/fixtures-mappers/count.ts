// The README's first example: lines and words of a file, counted on its bytes (as `wc -l -w` does for ASCII text).
import { defineMapper } from '../../src/index.js';

export default defineMapper((file) => {
  let lines = 0;
  let words = 0;
  let inWord = false;
  for (const byte of file.data) {
    if (byte === 10) lines += 1;
    const space = byte === 32 || (byte >= 9 && byte <= 13);
    if (!space && !inWord) words += 1;
    inWord = !space;
  }
  return { lines, words };
});
