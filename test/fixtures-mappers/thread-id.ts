// Busy for about 2 ms per file, then names the thread that mapped it.
import { threadId } from 'node:worker_threads';
import { defineMapper } from '../../src/index.js';

export default defineMapper(() => {
  const until = Date.now() + 2;
  while (Date.now() < until);
  return threadId;
});
