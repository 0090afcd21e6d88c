/** Lines and words of a file's bytes (ASCII whitespace splits words): the per-file function of the mapFiles case. */
export interface WordCount {
  readonly lines: number;
  readonly words: number;
}

export function countWords(data: Uint8Array): WordCount {
  let lines = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < data.length; i += 1) {
    const c = data[i] ?? 0;
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (c === 10) lines += 1;
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      words += 1;
    }
  }
  return { lines, words };
}
