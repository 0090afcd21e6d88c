// The user module that `mapFiles` loads in each worker. A default export is what mapFiles requires
// (the one exception to the named-exports rule).
import { countWords } from './word-count.js';
import type { WordCount } from './word-count.js';

export default function wordCount(file: { readonly data: Uint8Array }): WordCount {
  return countWords(file.data);
}
