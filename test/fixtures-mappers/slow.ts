// Busy for about 2 ms per file: long enough to abort in the middle of a run.
import { defineMapper } from '../../src/index.js';

export default defineMapper((file) => {
  const until = Date.now() + 2;
  while (Date.now() < until);
  return file.size;
});
